"""Every route under /api/v1. Each app contributes its own urls module.

The apps' patterns are joined into one flat list, not nested with `include("")`: Django resolves a
path by trying patterns in order and builds a match object at every level of nesting, so ten nested
includes made a request to the last app try every earlier app's routes one level down (about 7 % of a
conversation list's CPU under cProfile). The most requested routes come first. No two apps share a
path prefix, so the order changes no route's meaning (tests/platform/test_routes.py checks it).
"""

from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView

from apps.audit import urls as audit
from apps.billing import urls as billing
from apps.channels_email import urls as email_channel
from apps.channels_widget import urls as widget_channel
from apps.contacts import urls as contacts
from apps.conversations import urls as conversations
from apps.knowledge import urls as knowledge
from apps.webhooks import urls as webhooks
from apps.workspaces import members_urls as members
from apps.workspaces import urls as workspaces

APP_ROUTES = (conversations, contacts, workspaces, members, knowledge, webhooks, audit, billing,
              email_channel, widget_channel)  # fmt: skip

urlpatterns = [
    *(pattern for app in APP_ROUTES for pattern in app.urlpatterns),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
]
