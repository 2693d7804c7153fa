"""Every route under /api/v1. Each app contributes its own urls module."""

from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("", include("apps.workspaces.urls")),
]
