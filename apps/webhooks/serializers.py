from rest_framework import serializers

from leadiosa.api.serializers import ApiSerializer, StrictInputSerializer, TimestampField
from leadiosa.api.spec import constraints
from leadiosa.errors import InvalidInput, invalid
from leadiosa.events import WEBHOOK_EVENT_TYPES

from . import network


class WebhookSerializer(ApiSerializer):
    id = serializers.CharField()
    url = serializers.CharField()
    events = serializers.ListField(child=serializers.CharField())
    description = serializers.CharField(required=False)
    status = serializers.ChoiceField(choices=["enabled", "disabled"])
    created_at = TimestampField()

    class Meta:
        optional_fields = ("description",)


class WebhookWithSecretSerializer(WebhookSerializer):
    """Create and rotate-secret responses: the only ones that show the secret."""

    secret = serializers.CharField(help_text="`whsec_` + base64 of 32 random bytes. Shown only once.")


class WebhookCreateSerializer(StrictInputSerializer):
    url = serializers.CharField(max_length=2048, trim_whitespace=False)
    events = serializers.ListField(
        child=serializers.CharField(trim_whitespace=False),
        allow_empty=False,
        max_length=len(WEBHOOK_EVENT_TYPES),
    )
    description = serializers.CharField(max_length=500, required=False, allow_blank=True)

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
    id = serializers.CharField()
    event_id = serializers.CharField()
    event_type = serializers.CharField()
    status = serializers.ChoiceField(choices=["pending", "succeeded", "failed"])
    attempts = serializers.IntegerField()
    response_status = serializers.IntegerField(required=False)
    last_attempt_at = TimestampField(required=False)
    next_attempt_at = TimestampField(required=False)

    class Meta:
        optional_fields = ("response_status", "last_attempt_at", "next_attempt_at")
