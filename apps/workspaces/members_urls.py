from django.urls import path
from rest_framework.routers import SimpleRouter

from .members_views import MemberViewSet, MeView

router = SimpleRouter(trailing_slash=False)
router.register("members", MemberViewSet, basename="members")

urlpatterns = [path("me", MeView.as_view(), name="me"), *router.urls]
