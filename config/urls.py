from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularRedocView

from leadiosa.health import healthz, readyz

urlpatterns = [
    path("api/v1/", include("config.api_urls")),
    path("docs/api/", SpectacularRedocView.as_view(url_name="openapi"), name="api-docs"),
    path("admin/", admin.site.urls),
    path("healthz", healthz),
    path("readyz", readyz),
]

handler400 = "leadiosa.api.errors.json_400"
handler403 = "leadiosa.api.errors.json_403"
handler404 = "leadiosa.api.errors.json_404"
handler500 = "leadiosa.api.errors.json_500"
