from django.apps import AppConfig


class ChannelsWidgetConfig(AppConfig):
    name = "apps.channels_widget"
    label = "channels_widget"
