from django.apps import AppConfig


class WorkspacesConfig(AppConfig):
    name = "apps.workspaces"
    label = "workspaces"

    def ready(self):
        from leadiosa.events import register_eraser

        from .archiving import archive_erase_contact

        register_eraser(archive_erase_contact)
