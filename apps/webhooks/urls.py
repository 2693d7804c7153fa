from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import WebhookDeliveryViewSet, WebhookViewSet

router = SimpleRouter(trailing_slash=False)
router.register("webhooks", WebhookViewSet, basename="webhook")

urlpatterns = [
    path(
        "webhooks/<str:webhook_id>/deliveries",
        WebhookDeliveryViewSet.as_view({"get": "list"}),
        name="webhook-deliveries",
    ),
    *router.urls,
]
