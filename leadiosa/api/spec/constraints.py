"""What the server enforces on input, said in the spec (issue 19: schemathesis' "schema-valid request
rejected" check runs at zero). Applied by the hook after the generator's skeleton is rewritten:

- no text the API takes holds a NUL character (PostgreSQL stores none; leadiosa/api/parsers.py refuses
  it in any body string or key, BaseApiView.check_query_parameters in any query value);
- a language tag (`locale`) is `xx`, `xxx` or those with `-`/`_` subtags of 2–8 letters or digits
  (apps/knowledge/locales.py), at most 35 characters;
- a widget origin is `https://host[:port]` (plain `http` for localhost), no path
  (apps/channels_widget/serializers.py);
- an article's `source_url` is empty or `http(s)://host…` without spaces or control characters
  (apps/knowledge/serializers.py checks the same pattern);
- `Idempotency-Key` is 1–255 visible characters of an HTTP field value — ASCII, or Latin-1 beyond it, which
  is how a WSGI server hands on a client's UTF-8 bytes — with inner spaces only (leadiosa/api/idempotency.py);
- webhook `events` are catalogue names, or `"*"` alone, at least one;
- a required text is not blank (the server strips whitespace, str.strip()'s, before it checks);
- a webhook `url` is `https://` and a host name (apps/webhooks/network.py refuses other schemes, credentials,
  and private addresses; the pattern describes public DNS names, whose labels IDNA accepts);
- `GET /events?type=` is one catalogue name or a comma-separated list of them;
- contact attribute keys are 1–100 characters;
- a conversation is snoozed with a `snoozed_until`, and only a snooze takes one;
- a new conversation names its contact by `contact_id` or by a `contact` object, exactly one of them.
"""

from __future__ import annotations

import re

from leadiosa.events import WEBHOOK_EVENT_TYPES

NO_NUL = "^[^\\u0000]*$"
# What Python's str.strip() removes: a required text made of these alone is blank to the server.
_WHITESPACE = "".join(f"\\u{ord(c):04x}" for c in map(chr, range(0x3001)) if c.isspace())
NON_BLANK = f"^[^\\u0000]*[^\\u0000{_WHITESPACE}][^\\u0000]*$"
LOCALE = "^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$"
_LABEL = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_PORT = "(0|[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])"
# The API's own input rules (the serializers check these very patterns): an origin is a host name, or
# localhost over plain http, with an optional port; a webhook URL is https, a public-looking DNS name
# (letters in the last label), an optional port, path and query, and no credentials or fragment.
ORIGIN = f"^(https://({_LABEL}\\.)*{_LABEL}|http://(localhost|127\\.0\\.0\\.1|\\[::1\\]))(:{_PORT})?/?$"
WEBHOOK_URL = (
    f"^https://({_LABEL}\\.)+[A-Za-z]{{2,24}}(:{_PORT})?"
    "(/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*)?(\\?[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*)?$"
)


def matches(pattern: str, value) -> bool:
    """`value` matches one of these patterns as a JSON Schema validator reads it (`$` ends the text)."""
    return (
        isinstance(value, str)
        and re.fullmatch(pattern.removeprefix("^").removesuffix("$"), value) is not None
    )


# Visible characters of a header value: ASCII ones and Latin-1's (obs-text), less NBSP and the soft hyphen.
_VISIBLE = "!-~\\u00a1-\\u00ac\\u00ae-\\u00ff"
IDEMPOTENCY_KEY = f"^[{_VISIBLE}]([ {_VISIBLE}]*[{_VISIBLE}])?$"
# An article's `source_url`: empty, or http(s)://, a host part (no space, control character, /, ?, #, @
# or backslash) and optionally a path, query or fragment without spaces or control characters.
SOURCE_URL = "^(https?://[^\\u0000-\\u0020\\u007f/?#@\\\\]+([/?#][^\\u0000-\\u0020\\u007f]*)?)?$"
MAX_ATTRIBUTE_KEY = 100
_EVENT = "(" + "|".join(name.replace(".", "\\.") for name in sorted(WEBHOOK_EVENT_TYPES)) + ")"
EVENT_TYPES = f"^{_EVENT}(,{_EVENT})*$"


def _text(schema: dict) -> bool:
    kind = schema.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    return "string" in kinds and not ({"enum", "const", "format", "pattern"} & set(schema))


def _no_nul(node) -> None:
    """Every free-text string under `node` (a request schema) says it holds no NUL."""
    if isinstance(node, dict):
        if _text(node) and node.get("maxLength") != 0:
            node["pattern"] = NON_BLANK if node.get("minLength", 0) >= 1 else NO_NUL
        for key, value in node.items():
            if key not in ("example", "examples", "default", "enum", "const"):
                _no_nul(value)
    elif isinstance(node, list):
        for value in node:
            _no_nul(value)


def _open(subschema: dict) -> dict:
    """A subschema of a condition: it constrains the fields it names, the body's schema the rest."""
    return {**subschema, "additionalProperties": True}


def apply_to_components(schemas: dict) -> None:
    for name, schema in schemas.items():
        if name == "Article" and "source_url" in schema.get("properties", {}):
            # What the server stores is what it took: the request's pattern, not RFC 3986's `uri`.
            described = schema["properties"]["source_url"].get("description")
            schema["properties"]["source_url"] = {
                "type": "string",
                "maxLength": 2000,
                "description": described,
            }
        if not name.endswith("Request"):
            continue
        properties = schema.get("properties", {})
        if "locale" in properties:
            properties["locale"].update({"pattern": LOCALE, "maxLength": 35})
        if name == "PatchedWidgetUpdateRequest" and "allowed_origins" in properties:
            properties["allowed_origins"]["items"]["pattern"] = ORIGIN
        if name == "WebhookCreateRequest" and "url" in properties:
            properties["url"]["pattern"] = WEBHOOK_URL
        if name in ("WebhookCreateRequest", "PatchedWebhookUpdateRequest") and "events" in properties:
            events = properties["events"]
            events["minItems"] = 1
            # A pattern rather than an enum: client generators keep `list[str]` (an enum class would make
            # every SDK caller wrap "*" and the names).
            events["items"] = {"type": "string", "pattern": f"^(\\*|{_EVENT[1:-1]})$"}
            events["description"] = 'Catalogue event names, or `["*"]` alone for every event.'
            # "*" stands alone: with it, every item is "*" (duplicates are folded).
            events["if"] = {"contains": {"const": "*"}}
            events["then"] = {"items": {"const": "*"}}
        if name in ("ArticleCreateRequest", "PatchedArticleUpdateRequest") and "source_url" in properties:
            properties["source_url"].pop("format", None)
            properties["source_url"]["pattern"] = SOURCE_URL
        if "attributes" in properties:
            properties["attributes"]["propertyNames"] = {
                "minLength": 1,
                "maxLength": MAX_ATTRIBUTE_KEY,
                "pattern": NO_NUL,
            }
        if name == "PatchedConversationUpdateRequest" and "snoozed_until" in properties:
            # `snoozed` comes with a (future) `snoozed_until`; a `snoozed_until` comes only with `snoozed`.
            schema["if"] = _open({"required": ["status"], "properties": {"status": {"const": "snoozed"}}})
            schema["then"] = _open(
                {
                    "required": ["snoozed_until"],
                    "properties": {"snoozed_until": {"type": "string", "format": "date-time"}},
                }
            )
            schema["else"] = _open({"properties": {"snoozed_until": {"type": "null"}}})
        if name == "ConversationCreateRequest":
            # Exactly one of the two. (if/else and not: client generators keep one class for the body,
            # where a oneOf or anyOf would split it in two.)
            schema["if"] = _open(
                {"required": ["contact_id"], "properties": {"contact_id": {"type": "string"}}}
            )
            schema["else"] = _open({"required": ["contact"], "properties": {"contact": {"type": "object"}}})
            schema["not"] = {
                "required": ["contact_id", "contact"],
                "properties": {"contact_id": {"type": "string"}, "contact": {"type": "object"}},
            }
        _no_nul(schema)


def apply_to_parameter(parameter: dict) -> None:
    schema = parameter.get("schema", {})
    if parameter["in"] == "query":
        if parameter["name"] == "locale":
            schema.update({"pattern": LOCALE, "maxLength": 35})
        elif parameter["name"] == "type" and _text(schema):
            schema["pattern"] = EVENT_TYPES
        elif _text(schema):
            schema["pattern"] = NON_BLANK if parameter.get("required") else NO_NUL
    elif parameter["in"] == "header" and parameter["name"] == "Idempotency-Key":
        schema["pattern"] = IDEMPOTENCY_KEY
