"""The product's routes plus the reference views benchmarks compare against."""

from django.urls import path

from bench.platform.reference import bare_workspace
from config.urls import urlpatterns as product_urlpatterns

urlpatterns = [
    path("bench/bare/workspace/<str:workspace_id>", bare_workspace),
    *product_urlpatterns,
]
