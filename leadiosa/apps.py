from django.apps import AppConfig


class PlatformConfig(AppConfig):
    name = "leadiosa"
    label = "platform"
    verbose_name = "API platform"
