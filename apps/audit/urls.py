from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import AuditEntryViewSet, AuditExportView

router = SimpleRouter(trailing_slash=False)
router.register("audit", AuditEntryViewSet, basename="audit")

urlpatterns = [
    # Before the router: otherwise `export` would be taken for an entry id.
    path("audit/export", AuditExportView.as_view(), name="audit-export"),
    *router.urls,
]
