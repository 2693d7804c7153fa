from django.apps import AppConfig


class ChannelsEmailConfig(AppConfig):
    name = "apps.channels_email"
    label = "channels_email"

    def ready(self):
        from leadiosa.events import register_eraser, register_sink

        from .outbound import email_erase, queue_reply_on_email_conversation

        register_sink(queue_reply_on_email_conversation)
        register_eraser(email_erase)
