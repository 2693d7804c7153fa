from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import ConversationViewSet, MessageViewSet, NoteViewSet

router = SimpleRouter(trailing_slash=False)
router.register("conversations", ConversationViewSet, basename="conversation")

thread = {"get": "list", "post": "create"}
urlpatterns = [
    *router.urls,
    path(
        "conversations/<str:conversation_id>/messages",
        MessageViewSet.as_view(thread),
        name="conversation-messages",
    ),
    path("conversations/<str:conversation_id>/notes", NoteViewSet.as_view(thread), name="conversation-notes"),
]
