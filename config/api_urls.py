"""Every route under /api/v1. Each app contributes its own urls module."""

from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("", include("apps.workspaces.urls")),
    path("", include("apps.workspaces.members_urls")),
    path("", include("apps.contacts.urls")),
    path("", include("apps.conversations.urls")),
    path("", include("apps.knowledge.urls")),
    path("", include("apps.webhooks.urls")),
    path("", include("apps.audit.urls")),
    path("", include("apps.billing.urls")),
    path("", include("apps.channels_email.urls")),
    path("", include("apps.channels_widget.urls")),
]
