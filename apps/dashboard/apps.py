from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """The web application people use: server-rendered pages over the same services as the API."""

    name = "apps.dashboard"
    label = "dashboard"

    def ready(self):
        from leadiosa.events import register_sink

        from .live import record_change

        register_sink(record_change)
