from django.contrib import admin
from django.urls import include, path

from leadiosa.health import healthz, readyz

urlpatterns = [
    path("api/v1/", include("config.api_urls")),
    # Developer docs, served offline: /docs/api/ (Redoc, self-hosted), /docs/api/<resource>/, /docs/webhooks/,
    # /docs/errors/, /docs/changelog/.
    path("docs/", include("apps.docs.urls")),
    path("admin/", admin.site.urls),
    path("healthz", healthz),
    path("readyz", readyz),
    # Mail providers' inbound routes: POST /inbound/email/<token> (public, secret URL, CSRF-exempt).
    path("inbound/", include("apps.channels_email.inbound_urls")),
    # The chat widget's public API (visitors, never API tokens): /widget/v1/<wk_ key>/….
    path("widget/v1/", include("apps.channels_widget.public_urls")),
    # The dashboard: /login/, /logout/, /password-reset/…, /app/<ws_id>/… (CONTRACT §5).
    path("", include("apps.dashboard.urls")),
]

handler400 = "leadiosa.api.errors.json_400"
handler403 = "leadiosa.api.errors.json_403"
handler404 = "leadiosa.api.errors.json_404"
handler500 = "leadiosa.api.errors.json_500"
