"""The product's routes plus the reference views (under /bench/), served by the same processes."""

from django.urls import path

from config.urls import handler400, handler403, handler404, handler500  # noqa: F401 - the same error pages
from config.urls import urlpatterns as product_urlpatterns

from . import reference

urlpatterns = [
    path("bench/static", reference.bare_static),
    path("bench/floor/conversations/<str:workspace_id>", reference.floor_conversations),
    path("bench/floor/messages/<str:conversation_id>", reference.floor_messages),
    path("bench/floor/contacts/<str:workspace_id>", reference.floor_contacts),
    path("bench/drf/conversations/<str:workspace_id>", reference.TypicalConversationList.as_view()),
    path("bench/drf/messages/<str:conversation_id>", reference.TypicalMessageList.as_view()),
    path("bench/drf/contacts/<str:workspace_id>", reference.TypicalContactList.as_view()),
    *product_urlpatterns,
]
