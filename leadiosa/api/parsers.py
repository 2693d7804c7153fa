import json

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from leadiosa.api.errors import ApiError


class StrictJSONParser(JSONParser):
    """JSON only, at most 1 MiB even without a Content-Length, and never NaN/Infinity."""

    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read(settings.API_MAX_BODY_BYTES + 1) if stream is not None else b""
        if len(raw) > settings.API_MAX_BODY_BYTES:
            raise ApiError(413, "request_too_large", "The request body exceeds 1 MiB.")
        if not raw.strip():
            return {}
        try:
            return json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
        except (ValueError, UnicodeDecodeError) as exc:
            raise ParseError("invalid json") from exc


def _reject_constant(name):
    raise ValueError(f"{name} is not JSON")
