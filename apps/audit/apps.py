from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "apps.audit"
    label = "audit"
    verbose_name = "Audit log"

    def ready(self) -> None:
        from leadiosa.events import register_sink

        from .sink import record_event

        register_sink(record_event)
