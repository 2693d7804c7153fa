from django.apps import AppConfig


class ChannelsWidgetConfig(AppConfig):
    name = "apps.channels_widget"
    label = "channels_widget"

    def ready(self):
        from leadiosa.events import register_eraser, register_sink

        from .live import record_change
        from .visitors import visitors_erase, widget_conversations_forget_for_erasure

        register_eraser(visitors_erase, lock=widget_conversations_forget_for_erasure)
        register_sink(record_change)
