from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "apps.audit"
    label = "audit"
    verbose_name = "Audit log"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from leadiosa.db_roles import restrict_table
        from leadiosa.events import register_sink

        from .keys import give_connection_the_key
        from .sink import record_event

        register_sink(record_event)
        # Every connection can seal (the chain key, at connect); the runtime role can append entries and
        # read the log, nothing more (seals and heads are written by the owner's seal trigger).
        connection_created.connect(give_connection_the_key, dispatch_uid="audit.chain_key")
        restrict_table("audit_entry", allowed=("SELECT", "INSERT"))
        for table in ("audit_seal", "audit_chain_head", "audit_chain_switch"):
            restrict_table(table, allowed=("SELECT",))
