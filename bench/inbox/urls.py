"""The product's routes (and the platform benchmark's) plus the inbox references."""

from django.urls import path

from bench.urls import urlpatterns as base_urlpatterns

from .reference import TypicalConversationList, bare_conversations

urlpatterns = [
    path("bench/bare/conversations/<str:workspace_id>", bare_conversations),
    path("bench/drf/conversations/<str:workspace_id>", TypicalConversationList.as_view()),
    *base_urlpatterns,
]
