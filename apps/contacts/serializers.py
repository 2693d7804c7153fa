"""Contacts: the output shape, and the input of POST and PATCH."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from leadiosa.api.serializers import ApiSerializer, StrictInputSerializer, TimestampField

from .models import MAX_ATTRIBUTES
from .representation import contact_representation

MAX_ATTRIBUTE_KEY = 100
MAX_ATTRIBUTE_STRING = 1000


class ContactSerializer(ApiSerializer):
    """A person who talks to the workspace; email and external_id are unique within it."""

    # The shape for the OpenAPI spec; the output is `representation.contact_data`, shared with the list,
    # webhook payloads and the archive.

    id = serializers.CharField(help_text="The contact's id (`ct_…`).")
    email = serializers.CharField(
        required=False,
        help_text="E-mail address, lower-cased; unique in the workspace. Omitted when the contact has none.",
    )
    name = serializers.CharField(required=False, help_text="Full name, as given; omitted when unknown.")
    phone = serializers.CharField(
        required=False, help_text="Phone number as given (free text, not normalised); omitted when unknown."
    )
    external_id = serializers.CharField(
        required=False,
        help_text="Your own system's id for this person (e.g. a CRM id); unique in the workspace. Omitted "
        "when not set.",
    )
    attributes = serializers.DictField(
        required=False,
        help_text="Your own key–value data: a flat object of at most 100 keys whose values are strings, "
        "numbers or booleans. Omitted when empty.",
    )
    created_at = TimestampField(help_text="When the contact was created (UTC, `YYYY-MM-DDTHH:MM:SS.mmmZ`).")
    updated_at = TimestampField(help_text="When any of its fields last changed (UTC).")
    last_seen_at = TimestampField(
        required=False,
        help_text="When the contact last wrote a message (UTC); omitted when it never has.",
    )

    class Meta:
        optional_fields = ("email", "name", "phone", "external_id", "attributes", "last_seen_at")

    def to_representation(self, contact) -> dict:
        return contact_representation(contact)


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {
            "oneOf": [{"type": "string"}, {"type": "number"}, {"type": "boolean"}],
            "nullable": True,
        },
    }
)
class AttributesField(serializers.Field):
    """A flat JSON object: string keys, scalar values (string, number, boolean); null means "remove"."""

    default_error_messages = {
        "not_object": "attributes must be a JSON object.",
        "bad_key": "Attribute keys must be 1 to 100 characters, without NUL.",
        "not_scalar": "Attribute values must be strings, numbers, booleans or null.",
        "too_long": f"Attribute string values are at most {MAX_ATTRIBUTE_STRING} characters.",
        "too_many": f"A contact has at most {MAX_ATTRIBUTES} attributes.",
        "nul": "Attribute values cannot contain NUL characters.",
    }

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            self.fail("not_object")
        if len(data) > MAX_ATTRIBUTES:
            self.fail("too_many")
        for key, value in data.items():
            if not 1 <= len(key) <= MAX_ATTRIBUTE_KEY or "\x00" in key:
                self.fail("bad_key")
            if value is not None and not isinstance(value, str | int | float | bool):
                raise serializers.ValidationError({key: [self.error_messages["not_scalar"]]})
            if isinstance(value, str) and len(value) > MAX_ATTRIBUTE_STRING:
                raise serializers.ValidationError({key: [self.error_messages["too_long"]]})
            if isinstance(value, str) and "\x00" in value:  # PostgreSQL cannot store NUL in text or JSONB
                raise serializers.ValidationError({key: [self.error_messages["nul"]]})
        return data

    def to_representation(self, value):
        return value


class _ContactFields(StrictInputSerializer):
    email = serializers.EmailField(
        max_length=254,
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text="E-mail address (stored lower-cased), unique in the workspace; null or empty means none.",
    )
    name = serializers.CharField(
        max_length=200,
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text="Full name, at most 200 characters; null or empty means none.",
    )
    phone = serializers.CharField(
        max_length=50,
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text="Phone number, free text of at most 50 characters; null or empty means none.",
    )
    external_id = serializers.CharField(
        max_length=200,
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text="Your system's id for this person, at most 200 characters, unique in the workspace; null or "
        "empty means none.",
    )
    attributes = AttributesField(
        required=False,
        allow_null=True,
        help_text="A flat object of at most 100 keys (1–100 characters) with string (≤ 1000 characters), "
        "number or boolean values. On update it merges into the stored attributes and a null value removes "
        "that key.",
    )


class ContactCreateSerializer(_ContactFields):
    """POST /contacts (and the `contact` object of POST /conversations)."""


class ContactUpdateSerializer(_ContactFields):
    """PATCH /contacts/{id}: `null` or "" clears a field; `attributes` merges, a null value removes a key."""
