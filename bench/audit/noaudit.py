"""The audit app without its emit() sink: the 'without audit' server of the benchmark (models stay)."""

from django.apps import AppConfig


class AuditWithoutSinkConfig(AppConfig):
    name = "apps.audit"
    label = "audit"

    def ready(self) -> None:  # no register_sink(): emit() writes no audit entry
        pass
