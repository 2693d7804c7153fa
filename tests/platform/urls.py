from django.urls import include, path
from rest_framework.routers import SimpleRouter

from config.urls import urlpatterns as real_urlpatterns

from .views import CrashView, LegacyParamView, LegacyView, MemberViewSet

router = SimpleRouter(trailing_slash=False)
router.register("_test/members", MemberViewSet, basename="test-members")

urlpatterns = [
    path("api/v1/_test/crash", CrashView.as_view()),
    path("api/v1/_test/legacy", LegacyView.as_view()),
    path("api/v1/_test/param", LegacyParamView.as_view()),
    path("api/v1/", include(router.urls)),
    *real_urlpatterns,
]

handler404 = "leadiosa.api.errors.json_404"
handler500 = "leadiosa.api.errors.json_500"
