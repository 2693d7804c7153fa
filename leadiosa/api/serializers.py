"""Base serializers every app reuses: timestamps, omitted empties, no mass assignment."""

from __future__ import annotations

from django.db import models
from rest_framework import serializers

from leadiosa.timestamps import NaiveTimestamp, format_timestamp, parse_timestamp


class TimestampField(serializers.DateTimeField):
    """UTC, exactly YYYY-MM-DDTHH:MM:SS.mmmZ out; any ISO-8601 *with an offset* in."""

    default_error_messages = {
        "invalid": "Expected an ISO-8601 timestamp with a time zone offset, e.g. 2026-05-12T07:28:25.901Z.",
        "naive": "The timestamp needs a time zone offset, e.g. 2026-05-12T07:28:25Z.",
    }

    def to_representation(self, value):
        return format_timestamp(value)

    def to_internal_value(self, value):
        try:
            return parse_timestamp(value)
        except NaiveTimestamp:
            self.fail("naive")
        except ValueError:
            self.fail("invalid")


EMPTY_VALUES = (None, "", [], {})


class ApiSerializer(serializers.Serializer):
    """Output shape: an optional field with no value is omitted, and no field is ever null.

    Declare optional fields in `Meta.optional_fields`; they vanish when empty. Any other field that is
    None is omitted too, so `null` never reaches a client.
    """

    def to_representation(self, instance):
        data = super().to_representation(instance)
        optional = set(getattr(getattr(self, "Meta", None), "optional_fields", ()))
        return {
            key: value
            for key, value in data.items()
            if value is not None and not (key in optional and value in EMPTY_VALUES)
        }


class ApiModelSerializer(ApiSerializer, serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateTimeField: TimestampField,
    }


class StrictInputSerializer(serializers.Serializer):
    """Input: only the declared fields are accepted; anything else (ids, timestamps, typos) → 400."""

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            raise serializers.ValidationError({"non_field_errors": ["The body must be a JSON object."]})
        writable = {name for name, field in self.fields.items() if not field.read_only}
        unknown = sorted(set(data) - writable)
        if unknown:
            raise serializers.ValidationError({unknown[0]: [f"'{unknown[0]}' is not a writable field."]})
        for name, field in self.fields.items():
            # DRF would turn 12 into "12": a number where text is expected is the client's mistake.
            value = data.get(name)
            if isinstance(field, serializers.CharField) and value is not None and not isinstance(value, str):
                raise serializers.ValidationError({name: ["Must be a string."]})
        return super().to_internal_value(data)
