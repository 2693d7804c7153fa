"""The API's one body parser: strict JSON that every later layer (serializers, PostgreSQL) can hold.

JSON allows text and numbers that no column accepts, and nesting that no stack survives. Each of them
used to reach a service or the database and come back as a 500; here they are refused up front, for
every endpoint, with a 400 in the envelope:

- nesting deeper than `MAX_DEPTH` (objects and arrays) → `invalid_json` (checked on the raw text before
  parsing, so a 100 000-level body costs one linear scan, never a RecursionError);
- `NaN`, `Infinity`, `-Infinity` (not JSON) → `invalid_json`;
- a number whose value overflows a double (`1e400` parses as infinity) → `validation_error` naming it;
- a string (value or key) holding a lone UTF-16 surrogate (`"\\ud800"`, valid JSON escape, not valid
  text) or a NUL character (`"\\u0000"`, which PostgreSQL's text and jsonb refuse) → `validation_error`
  with `param` the dotted path of the value (for a bad key: of the object holding it).
"""

from __future__ import annotations

import json
import math
import re

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from leadiosa.api.errors import ApiError

# No request body of this API nests more than a few levels; 32 leaves room and stays far from the
# interpreter's recursion limit in the parser, the serializers and the renderer.
MAX_DEPTH = 32

# A JSON string token (with its escapes), or one bracket. Scanning tokens, not characters, keeps
# brackets inside strings out of the count and runs in C.
_DEPTH_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)

# A lone surrogate or a NUL: text no PostgreSQL column stores.
_BAD_TEXT = re.compile("[\x00\ud800-\udfff]")


class StrictJSONParser(JSONParser):
    """JSON only, at most 1 MiB even without a Content-Length, never NaN/Infinity, never too deep, and
    only text and numbers PostgreSQL can store (see the module docstring)."""

    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read(settings.API_MAX_BODY_BYTES + 1) if stream is not None else b""
        if len(raw) > settings.API_MAX_BODY_BYTES:
            raise ApiError(413, "request_too_large", "The request body exceeds 1 MiB.")
        if not raw:
            return {}  # no body at all: an empty object (a PATCH changing nothing, a POST of defaults)
        # Whitespace alone is not a JSON document: refused like any other text that does not parse, so
        # a client whose serializer wrote nothing by mistake hears about it instead of changing nothing.
        if _too_deep(raw):
            raise _too_deep_error()
        try:
            data = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
        except RecursionError as exc:  # belt and braces: _too_deep already refused it
            raise _too_deep_error() from exc
        except (ValueError, UnicodeDecodeError) as exc:
            raise ParseError("invalid json") from exc
        problem = first_unstorable(data)
        if problem is not None:
            param, message = problem
            raise ApiError(400, "validation_error", message, param=param)
        return data


def _too_deep_error() -> ApiError:
    return ApiError(400, "invalid_json", f"The request body nests deeper than {MAX_DEPTH} levels.")


def _reject_constant(name):
    raise ValueError(f"{name} is not JSON")


def _too_deep(raw: bytes) -> bool:
    if raw.count(b"[") + raw.count(b"{") <= MAX_DEPTH:
        return False  # the common case: cannot be too deep, no scan
    depth = 0
    for match in _DEPTH_TOKENS.finditer(raw):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif token in (b"]", b"}"):
            depth -= 1
    return False


def first_unstorable(data) -> tuple[str | None, str] | None:
    """The dotted path and a message for the first value of a parsed body that no column can store, or
    None. Iterative (no recursion), depth already bounded by the parser."""
    stack: list[tuple[tuple[str, ...], object]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if _BAD_TEXT.search(value):
                return _name(path), _text_message("This text", value)
        elif isinstance(value, float):
            if not math.isfinite(value):
                return _name(path), "This number is out of range."
        elif isinstance(value, dict):
            items = []
            for key, item in value.items():
                if _BAD_TEXT.search(key):
                    return _name(path), _text_message("A key of this object", key)
                items.append(((*path, key), item))
            stack.extend(reversed(items))
        elif isinstance(value, list):
            stack.extend(((*path, str(index)), item) for index, item in reversed(list(enumerate(value))))
    return None


def _name(path: tuple[str, ...]) -> str | None:
    return ".".join(path) or None


def _text_message(subject: str, value: str) -> str:
    if "\x00" in value:
        return f"{subject} contains a NUL character."
    return f"{subject} contains an unpaired UTF-16 surrogate (not a Unicode character)."
