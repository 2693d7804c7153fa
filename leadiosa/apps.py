from django.apps import AppConfig


class PlatformConfig(AppConfig):
    name = "leadiosa"
    label = "platform"
    verbose_name = "API platform"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from leadiosa import checks  # noqa: F401  (registers the deploy checks)
        from leadiosa.db_roles import grant_after_migrate

        # Once per migrate: the runtime role's privileges on every table, restricted ones restricted.
        post_migrate.connect(grant_after_migrate, sender=self, dispatch_uid="leadiosa.db_roles.grant")
