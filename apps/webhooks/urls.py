from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import WebhookDeliveryViewSet
from .views_events import DeliveryRetryView, EventViewSet, WebhookEndpointViewSet

router = SimpleRouter(trailing_slash=False)
# WebhookEndpointViewSet is WebhookViewSet plus PATCH (edit, re-enable): apps/webhooks/views_events.py.
router.register("webhooks", WebhookEndpointViewSet, basename="webhook")
router.register("events", EventViewSet, basename="event")

urlpatterns = [
    path(
        "webhooks/<str:webhook_id>/deliveries",
        WebhookDeliveryViewSet.as_view({"get": "list"}),
        name="webhook-deliveries",
    ),
    path(
        "webhooks/<str:webhook_id>/deliveries/<str:delivery_id>/retry",
        DeliveryRetryView.as_view(),
        name="webhook-delivery-retry",
    ),
    *router.urls,
]
