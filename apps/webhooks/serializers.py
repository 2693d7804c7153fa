from rest_framework import serializers

from leadiosa.api.serializers import ApiSerializer, StrictInputSerializer, TimestampField
from leadiosa.api.spec import constraints
from leadiosa.errors import InvalidInput, invalid
from leadiosa.events import WEBHOOK_EVENT_TYPES

from . import network


class WebhookSerializer(ApiSerializer):
    id = serializers.CharField(
        help_text="The endpoint's id (`wh_…`), also the `webhook-endpoint-id` header of its deliveries."
    )
    url = serializers.CharField(help_text="Where deliveries are POSTed (`https`).")
    events = serializers.ListField(
        child=serializers.CharField(),
        help_text='The catalogue event types it receives, or `["*"]` for every event (present and future).',
    )
    description = serializers.CharField(required=False, help_text="Your note about it; omitted when empty.")
    status = serializers.ChoiceField(
        choices=["enabled", "disabled"],
        help_text="`disabled` after a `410 Gone`, 5 days of failures, or a member's choice: nothing is "
        "delivered then. `PATCH` with `enabled` re-enables it.",
    )
    created_at = TimestampField(help_text="When it was registered (UTC, `YYYY-MM-DDTHH:MM:SS.mmmZ`).")

    class Meta:
        optional_fields = ("description",)


class WebhookWithSecretSerializer(WebhookSerializer):
    """Create and rotate-secret responses: the only ones that show the secret."""

    secret = serializers.CharField(help_text="`whsec_` + base64 of 32 random bytes. Shown only once.")


class WebhookCreateSerializer(StrictInputSerializer):
    url = serializers.CharField(
        max_length=2048,
        trim_whitespace=False,
        help_text="An `https` URL on a public host name (no credentials, no fragment), at most 2048 characters.",
    )
    events = serializers.ListField(
        child=serializers.CharField(trim_whitespace=False),
        allow_empty=False,
        max_length=len(WEBHOOK_EVENT_TYPES),
        help_text='Catalogue event types to receive (at least one; duplicates kept once), or `["*"]` alone '
        "for every event.",
    )
    description = serializers.CharField(
        max_length=500,
        required=False,
        allow_blank=True,
        help_text="Your note about it, at most 500 characters.",
    )

    def validate_url(self, value: str) -> str:
        # In production the API takes exactly what its spec says (issue 19): an https URL on a DNS name,
        # no credentials or fragment. Development and tests also allow local receivers.
        if not network.private_networks_allowed() and not constraints.matches(constraints.WEBHOOK_URL, value):
            raise InvalidInput(
                "invalid_webhook_url", "The URL must be https:// and a public host name.", param="url"
            )
        try:
            network.validate_endpoint_url(value)
        except network.UnsafeWebhookUrl as exc:
            raise InvalidInput("invalid_webhook_url", str(exc), param="url") from None
        return value

    def validate_events(self, value: list[str]) -> list[str]:
        for index, name in enumerate(value):
            if name != "*" and name not in WEBHOOK_EVENT_TYPES:
                raise invalid(f"'{name}' is not an event of the catalogue.", param=f"events.{index}")
        if "*" in value and len(set(value)) > 1:
            raise invalid('"*" subscribes to every event: send it alone.', param="events")
        return list(dict.fromkeys(value))


class WebhookDeliverySerializer(ApiSerializer):
    id = serializers.CharField(help_text="The delivery's id (`dlv_…`): one event to one endpoint.")
    event_id = serializers.CharField(
        help_text="The event delivered (`evt_…`), also its `webhook-id` header; `GET /events/{event_id}` "
        "returns its body."
    )
    event_type = serializers.CharField(help_text="The event's catalogue type, e.g. `conversation.created`.")
    status = serializers.ChoiceField(
        choices=["pending", "succeeded", "failed"],
        help_text="`pending` (waiting for its first attempt or a retry), `succeeded` (a 2xx answer) or "
        "`failed` (retries exhausted, or the endpoint was disabled or deleted).",
    )
    attempts = serializers.IntegerField(help_text="How many times it was sent so far (0 before the first).")
    response_status = serializers.IntegerField(
        required=False,
        help_text="The HTTP status your endpoint answered the last attempt with; omitted before the first "
        "attempt and when the last one got no answer (timeout, connection error).",
    )
    last_attempt_at = TimestampField(
        required=False, help_text="When it was last sent (UTC); omitted before the first attempt."
    )
    next_attempt_at = TimestampField(
        required=False,
        help_text="When the next retry is due (UTC); present only while `pending` with a retry scheduled.",
    )

    class Meta:
        optional_fields = ("response_status", "last_attempt_at", "next_attempt_at")
