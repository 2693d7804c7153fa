from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "apps.webhooks"
    label = "webhooks"

    def ready(self) -> None:
        from leadiosa.events import register_eraser, register_sink

        from .outbox import erase_contact_webhook_payloads, webhook_outbox_sink

        register_sink(webhook_outbox_sink)
        register_eraser(erase_contact_webhook_payloads)
