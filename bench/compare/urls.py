"""The product's routes plus the reference views (under /api/bench/, so they run behind the same middleware as the API), served by the same processes."""

from django.urls import path

from config.urls import handler400, handler403, handler404, handler500  # noqa: F401 - the same error pages
from config.urls import urlpatterns as product_urlpatterns

from . import reference

urlpatterns = [
    path("api/bench/static", reference.bare_static),
    path("api/bench/held", reference.held),
    path("api/bench/floor/conversations/<str:workspace_id>", reference.floor_conversations),
    path("api/bench/floor/messages/<str:conversation_id>", reference.floor_messages),
    path("api/bench/floor/contacts/<str:workspace_id>", reference.floor_contacts),
    path("api/bench/drf/conversations/<str:workspace_id>", reference.TypicalConversationList.as_view()),
    path("api/bench/drf/messages/<str:conversation_id>", reference.TypicalMessageList.as_view()),
    path("api/bench/drf/contacts/<str:workspace_id>", reference.TypicalContactList.as_view()),
    *product_urlpatterns,
]
