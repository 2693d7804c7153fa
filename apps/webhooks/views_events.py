"""Recovery after downtime: GET /events, GET /events/{id}, PATCH /webhooks/{id} (re-enable, edit) and
POST /webhooks/{id}/deliveries/{delivery_id}/retry. Admin role and above, like every webhook route.

An event is served as the bytes that were signed and delivered (the outbox row's `body`), never
re-serialized, so `GET /events/{id}` equals what a receiver got, byte for byte.
"""

from __future__ import annotations

import json
from datetime import timedelta

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from leadiosa.api.errors import ApiError
from leadiosa.api.serializers import StrictInputSerializer, TimestampField
from leadiosa.api.views import WorkspaceAPIView, WorkspaceViewSet
from leadiosa.events import WEBHOOK_EVENT_TYPES
from leadiosa.timestamps import NaiveTimestamp, parse_timestamp

from .models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from .redelivery import delivery_redeliver, webhook_update
from .serializers import WebhookDeliverySerializer, WebhookSerializer
from .views import WebhookViewSet


class EventDataSerializer(serializers.Serializer):
    object = serializers.JSONField(help_text="The resource as the API returns it.")
    previous_attributes = serializers.JSONField(
        required=False, help_text="The changed fields' values before this change (updates only)."
    )


class EventSerializer(serializers.Serializer):
    """The schema of a stored event body (the response itself is the stored bytes)."""

    id = serializers.CharField(
        help_text="The event's id (`evt_…`), the `webhook-id` header of its deliveries."
    )
    type = serializers.ChoiceField(
        choices=list(WEBHOOK_EVENT_TYPES),
        help_text="What happened: a type of the catalogue (/docs/webhooks/).",
    )
    created_at = TimestampField(help_text="When it happened (UTC, `YYYY-MM-DDTHH:MM:SS.mmmZ`).")
    workspace_id = serializers.CharField(help_text="The workspace it happened in (`ws_…`).")
    data = EventDataSerializer(
        help_text="The resource after the change and, for updates, the changed fields' previous values."
    )


class WebhookUpdateSerializer(StrictInputSerializer):
    events = serializers.ListField(
        # Untrimmed, as the spec's pattern for event names says (and as POST /webhooks takes them).
        child=serializers.CharField(trim_whitespace=False),
        allow_empty=False,
        max_length=len(WEBHOOK_EVENT_TYPES),
        required=False,
        help_text='The whole new list of catalogue event types (it replaces the old one), or `["*"]` alone.',
    )
    description = serializers.CharField(
        max_length=500,
        required=False,
        allow_blank=True,
        help_text="Your note about it, at most 500 characters; empty removes it.",
    )
    status = serializers.ChoiceField(
        choices=["enabled", "disabled"],
        required=False,
        help_text="`enabled` re-enables an endpoint (its failure run is forgotten); `disabled` stops "
        "deliveries.",
    )


def _timestamp(params, name: str):
    raw = params.get(name)
    if not raw:
        return None
    try:
        return parse_timestamp(raw)
    except (NaiveTimestamp, ValueError):
        raise ApiError(
            400,
            "invalid_parameter",
            f"{name} must be an ISO-8601 timestamp with an offset, e.g. 2026-05-12T07:28:25.901Z.",
            param=name,
        ) from None


def _event_types(params) -> list[str] | None:
    raw = params.get("type")
    if not raw:
        return None
    names = [name.strip() for name in raw.split(",")]
    for name in names:
        if name not in WEBHOOK_EVENT_TYPES:
            raise ApiError(
                400, "invalid_parameter", f"'{name}' is not an event of the catalogue.", param="type"
            )
    return names


def _json_response(body: str, status_code: int = 200) -> HttpResponse:
    return HttpResponse(body, status=status_code, content_type="application/json")


class EventViewSet(WorkspaceViewSet):
    read_role = "admin"
    write_role = "admin"
    not_found_code = "event_not_found"
    resource_label = "Event"
    serializer_class = EventSerializer

    def scoped_queryset(self):
        # Kept WEBHOOKS_RETENTION_DAYS (30): the sweeper deletes older rows; until it has, they are hidden.
        cutoff = timezone.now() - timedelta(days=settings.WEBHOOKS_RETENTION_DAYS)
        return WebhookEvent.objects.filter(created_at__gte=cutoff)

    @extend_schema(responses=EventSerializer(many=True))
    def list(self, request):
        queryset = self.get_queryset()
        types = _event_types(request.query_params)
        if types is not None:
            queryset = queryset.filter(type__in=types)
        after = _timestamp(request.query_params, "created_after")
        if after is not None:
            queryset = queryset.filter(created_at__gt=after)
        before = _timestamp(request.query_params, "created_before")
        if before is not None:
            queryset = queryset.filter(created_at__lt=before)
        rows = self.paginate_queryset(queryset.values("id", "body"))
        pagination = {"has_more": self.paginator.has_more}
        if self.paginator.next_cursor:
            pagination["next_cursor"] = self.paginator.next_cursor
        # The stored bodies go out as they are: each element is the event exactly as delivered.
        return _json_response(
            '{"data":['
            + ",".join(row["body"] for row in rows)
            + '],"pagination":'
            + json.dumps(pagination)
            + "}"
        )

    @extend_schema(responses=EventSerializer)
    def retrieve(self, request, pk=None):
        return _json_response(self.get_object().body)


class WebhookEndpointViewSet(WebhookViewSet):
    """The webhook endpoints, with PATCH (edit, re-enable)."""

    @extend_schema(request=WebhookUpdateSerializer, responses=WebhookSerializer)
    def partial_update(self, request, pk=None):
        endpoint = self.get_object()
        body = WebhookUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        endpoint = webhook_update(endpoint=endpoint, **body.validated_data)
        return Response(WebhookSerializer(endpoint).data)


class DeliveryRetryView(WorkspaceAPIView):
    read_role = "admin"
    write_role = "admin"

    @extend_schema(request=None, responses={202: WebhookDeliverySerializer})
    def post(self, request, webhook_id: str, delivery_id: str):
        if not WebhookEndpoint.objects.filter(id=webhook_id).exists():
            raise ApiError(404, "webhook_not_found", f"Webhook {webhook_id} not found.")
        delivery = WebhookDelivery.objects.filter(id=delivery_id, endpoint_id=webhook_id).first()
        if delivery is None:
            raise ApiError(404, "delivery_not_found", f"Delivery {delivery_id} not found.")
        delivery = delivery_redeliver(delivery=delivery)
        delivery.refresh_from_db()  # in-process (eager) mode has already attempted it
        return Response(WebhookDeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED)
