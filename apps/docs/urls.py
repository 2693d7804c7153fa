"""/docs/: the API reference (Redoc, self-hosted), per-resource pages, webhooks, errors, changelog."""

from django.urls import path

from . import views

app_name = "docs"

urlpatterns = [
    path("", views.index, name="index"),
    path("api/", views.reference, name="reference"),
    path("api/redoc.standalone.js", views.redoc_bundle, name="redoc-bundle"),
    path("api/<slug:resource>/", views.resource, name="resource"),
    path("webhooks/", views.webhooks, name="webhooks"),
    path("errors/", views.errors, name="errors"),
    path("changelog/", views.changelog, name="changelog"),
]
