from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "apps.billing"
    label = "billing"

    def ready(self):
        from leadiosa.events import register_sink

        from .services import subscription_on_workspace_created

        register_sink(subscription_on_workspace_created)
