from urllib.parse import urlsplit

from rest_framework import serializers

from leadiosa.api.serializers import ApiSerializer, StrictInputSerializer
from leadiosa.api.spec import constraints

MAX_ORIGINS = 20


def normalize_origin(value: str) -> str:
    """`https://shop.example.com` (lower-case, no path); plain http only for a local development host."""
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError:
        raise serializers.ValidationError(f"{value!r} is not an origin.") from None
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("https", "http") or not host or parts.username or parts.password:
        raise serializers.ValidationError(f"{value!r} is not an origin (https://host[:port]).")
    if parts.scheme == "http" and host not in {"localhost", "127.0.0.1", "::1"}:
        raise serializers.ValidationError(f"{value!r}: only https origins (http for localhost only).")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise serializers.ValidationError(f"{value!r}: an origin has no path, query or fragment.")
    if ":" in host:
        host = f"[{host}]"
    return f"{parts.scheme}://{host}" + (f":{port}" if port else "")


class OriginField(serializers.CharField):
    def to_internal_value(self, data):
        # The specific reasons (only https, no path…) first; then exactly what the spec says (issue 19):
        # `https://host[:port]` or local http, as written (no surrounding spaces for the field to trim).
        origin = normalize_origin(super().to_internal_value(data))
        if isinstance(data, str) and not constraints.matches(constraints.ORIGIN, data):
            raise serializers.ValidationError(f"{data!r} is not an origin (https://host[:port]).")
        return origin


class WidgetSerializer(ApiSerializer):
    """The chat widget's settings; the snippet embeds `public_key`."""

    public_key = serializers.CharField(help_text="`wk_…`: goes into the embed snippet (public).")
    allowed_origins = serializers.ListField(
        child=serializers.CharField(), help_text="Origins whose pages may embed the widget."
    )
    greeting = serializers.CharField(
        required=False, help_text="The first line the widget shows a visitor; omitted when not set."
    )
    color = serializers.CharField(
        required=False, help_text="The widget's accent color, `#rrggbb` (lower-case); omitted when not set."
    )

    class Meta:
        optional_fields = ("greeting", "color")

    def to_representation(self, instance):
        return instance  # services.widget_representation already shaped it


class WidgetWithSecretSerializer(WidgetSerializer):
    """The rotate-secret response: the only one that shows the identity-verification secret."""

    identity_secret = serializers.CharField(
        help_text="`wsec_…`: signs `user_hash` (HMAC-SHA256 of the user id, else the e-mail) on your "
        "server. Shown only once."
    )


class WidgetUpdateSerializer(StrictInputSerializer):
    allowed_origins = serializers.ListField(
        child=OriginField(max_length=200),
        max_length=MAX_ORIGINS,
        required=False,
        help_text="The whole new list (it replaces the old one) of at most 20 origins that may embed the "
        "widget: `https://host[:port]`, no path (plain `http` only for localhost); duplicates kept once.",
    )
    greeting = serializers.CharField(
        max_length=500,
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="The first line the widget shows a visitor, at most 500 characters; null or empty removes it.",
    )
    color = serializers.RegexField(
        r"^#[0-9a-fA-F]{6}$",
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="The accent color, `#rrggbb` (stored lower-case); null or empty removes it (the widget's default).",
    )

    def validate_allowed_origins(self, value):
        return list(dict.fromkeys(value))  # duplicates (after normalising) once

    def validate_color(self, value):
        return value.lower() if value else value
