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

    id = serializers.CharField()
    email = serializers.CharField(required=False)
    name = serializers.CharField(required=False)
    phone = serializers.CharField(required=False)
    external_id = serializers.CharField(required=False)
    attributes = serializers.DictField(required=False)
    created_at = TimestampField()
    updated_at = TimestampField()
    last_seen_at = TimestampField(required=False)

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
    email = serializers.EmailField(max_length=254, required=False, allow_null=True, allow_blank=True)
    name = serializers.CharField(max_length=200, required=False, allow_null=True, allow_blank=True)
    phone = serializers.CharField(max_length=50, required=False, allow_null=True, allow_blank=True)
    external_id = serializers.CharField(max_length=200, required=False, allow_null=True, allow_blank=True)
    attributes = AttributesField(required=False, allow_null=True)


class ContactCreateSerializer(_ContactFields):
    """POST /contacts (and the `contact` object of POST /conversations)."""


class ContactUpdateSerializer(_ContactFields):
    """PATCH /contacts/{id}: `null` or "" clears a field; `attributes` merges, a null value removes a key."""
