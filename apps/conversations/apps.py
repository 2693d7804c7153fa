from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "apps.conversations"
    label = "conversations"

    def ready(self):
        from leadiosa.events import register_eraser

        from .erasure import conversations_erase, conversations_lock_for_erasure

        register_eraser(conversations_erase, lock=conversations_lock_for_erasure)
