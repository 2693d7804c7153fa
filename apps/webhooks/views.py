from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from leadiosa.api.serializers import StrictInputSerializer
from leadiosa.api.views import WorkspaceViewSet

from . import services
from .models import WebhookDelivery, WebhookEndpoint
from .serializers import (
    WebhookCreateSerializer,
    WebhookDeliverySerializer,
    WebhookSerializer,
    WebhookWithSecretSerializer,
)

ENDPOINT_FIELDS = ("id", "workspace_id", "url", "events", "description", "status", "created_at")


def _with_secret(endpoint: WebhookEndpoint, secret: str) -> dict:
    return {**WebhookSerializer(endpoint).data, "secret": secret}


@extend_schema_view(
    list=extend_schema(operation_id="webhooks_list", responses=WebhookSerializer(many=True)),
    retrieve=extend_schema(operation_id="webhooks_retrieve", responses=WebhookSerializer),
    create=extend_schema(
        operation_id="webhooks_create",
        request=WebhookCreateSerializer,
        responses={201: WebhookWithSecretSerializer},
    ),
    destroy=extend_schema(operation_id="webhooks_destroy", responses={204: None}),
)
@extend_schema(tags=["webhooks"])
class WebhookViewSet(WorkspaceViewSet):
    """Webhook endpoints of the token's workspace (admin role)."""

    read_role = "admin"
    write_role = "admin"
    not_found_code = "webhook_not_found"
    resource_label = "Webhook"
    serializer_class = WebhookSerializer

    def scoped_queryset(self):
        return WebhookEndpoint.objects.all()

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset().only(*ENDPOINT_FIELDS))
        return self.get_paginated_response(WebhookSerializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        return Response(WebhookSerializer(self.get_object()).data)

    def create(self, request):
        serializer = WebhookCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        endpoint, secret = services.webhook_create(**serializer.validated_data)
        return Response(_with_secret(endpoint, secret), status=status.HTTP_201_CREATED)

    def destroy(self, request, pk=None):
        services.webhook_delete(endpoint=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        operation_id="webhooks_rotate_secret",
        request=None,
        responses={200: WebhookWithSecretSerializer},
        description="A new secret, shown once. The previous one keeps signing alongside it for 24 hours.",
    )
    @action(detail=True, methods=["post"], url_path="rotate-secret")
    def rotate_secret(self, request, pk=None):
        StrictInputSerializer(data=request.data).is_valid(raise_exception=True)  # takes no fields
        endpoint = self.get_object()
        secret = services.webhook_rotate_secret(endpoint=endpoint)
        return Response(_with_secret(endpoint, secret))

    @extend_schema(
        operation_id="webhooks_test",
        request=None,
        responses={201: WebhookDeliverySerializer},
        description="Sends a `webhook.test` event to this endpoint; answers with its delivery record.",
    )
    @action(detail=True, methods=["post"], url_path="test")
    def test(self, request, pk=None):
        StrictInputSerializer(data=request.data).is_valid(raise_exception=True)  # takes no fields
        endpoint = self.get_object()
        delivery = services.webhook_send_test(endpoint=endpoint, data=WebhookSerializer(endpoint).data)
        delivery.refresh_from_db()  # in-process (eager) mode has already attempted it
        return Response(WebhookDeliverySerializer(delivery).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["webhooks"])
class WebhookDeliveryViewSet(WorkspaceViewSet):
    """The delivery log of one endpoint, newest first."""

    read_role = "admin"
    write_role = "admin"
    not_found_code = "webhook_not_found"
    resource_label = "Webhook"
    serializer_class = WebhookDeliverySerializer

    def scoped_queryset(self):
        return WebhookDelivery.objects.filter(endpoint_id=self.kwargs["webhook_id"])

    @extend_schema(operation_id="webhooks_deliveries_list", responses=WebhookDeliverySerializer(many=True))
    def list(self, request, webhook_id=None):
        if not WebhookEndpoint.objects.filter(id=webhook_id).exists():
            raise self.not_found(webhook_id)
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(WebhookDeliverySerializer(page, many=True).data)
