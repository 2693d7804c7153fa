from django.urls import path

from .frame import frame, frame_css, frame_js, loader_js
from .public import conversations, identify, messages, sign_out

urlpatterns = [
    path("loader.js", loader_js, name="widget-loader"),
    path("frame.js", frame_js, name="widget-frame-js"),
    path("frame.css", frame_css, name="widget-frame-css"),
    path("<str:key>/frame", frame, name="widget-frame"),
    path("<str:key>/identify", identify, name="widget-identify"),
    path("<str:key>/sign-out", sign_out, name="widget-sign-out"),
    path("<str:key>/conversations", conversations, name="widget-conversations"),
    path("<str:key>/conversations/<str:conversation_id>/messages", messages, name="widget-messages"),
]
