from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import ArticleViewSet, SearchView

router = SimpleRouter(trailing_slash=False)
router.register("knowledge/articles", ArticleViewSet, basename="knowledge-article")

urlpatterns = [
    path("knowledge/search", SearchView.as_view(), name="knowledge-search"),
    *router.urls,
]
