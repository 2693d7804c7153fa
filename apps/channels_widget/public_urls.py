from django.urls import path

from .public import conversations, identify, messages

urlpatterns = [
    path("<str:key>/identify", identify, name="widget-identify"),
    path("<str:key>/conversations", conversations, name="widget-conversations"),
    path("<str:key>/conversations/<str:conversation_id>/messages", messages, name="widget-messages"),
]
