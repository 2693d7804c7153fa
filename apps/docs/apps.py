from django.apps import AppConfig


class DocsConfig(AppConfig):
    """The developer documentation the product serves itself, offline: /docs/…"""

    name = "apps.docs"
    label = "docs"
