"""Mutation kills for leadiosa/api/spec/constraints.py: what each rule writes into the served spec, and
the helpers on their own. (tests/contract/test_spec_constraints.py checks the patterns against the
server over HTTP, from a gunicorn subprocess the mutation runs cannot reach.)"""

from __future__ import annotations

import pytest

from leadiosa.api.spec import constraints
from leadiosa.api.spec.constraints import (
    EVENT_TYPES,
    LOCALE,
    NO_NUL,
    NON_BLANK,
    ORIGIN,
    SOURCE_URL,
    WEBHOOK_URL,
    apply_to_components,
    matches,
)

pytestmark = pytest.mark.django_db

EVENT_ITEM = "^(\\*|" + EVENT_TYPES.removeprefix("^(").split(")(,")[0] + ")$"


def test_article_source_url_is_the_stored_string_not_a_uri(spec):
    schemas = spec["components"]["schemas"]
    assert schemas["Article"]["properties"]["source_url"] == {
        "type": "string",
        "maxLength": 2000,
        "description": "Where the article came from (an http(s) URL); omitted when not set.",
    }
    for name in ("ArticleCreateRequest", "PatchedArticleUpdateRequest"):
        source_url = schemas[name]["properties"]["source_url"]
        assert "format" not in source_url, name
        assert source_url["pattern"] == SOURCE_URL, name
        assert source_url["maxLength"] == 2000, name


def test_request_fields_carry_the_servers_patterns(spec):
    schemas = spec["components"]["schemas"]
    for name in ("ArticleCreateRequest", "PatchedArticleUpdateRequest"):
        locale = schemas[name]["properties"]["locale"]
        assert (locale["pattern"], locale["maxLength"]) == (LOCALE, 35), name
    assert (
        schemas["PatchedWidgetUpdateRequest"]["properties"]["allowed_origins"]["items"]["pattern"] == ORIGIN
    )
    assert schemas["WebhookCreateRequest"]["properties"]["url"]["pattern"] == WEBHOOK_URL
    for name in ("WebhookCreateRequest", "PatchedWebhookUpdateRequest"):
        events = schemas[name]["properties"]["events"]
        assert events["minItems"] == 1, name
        assert events["items"] == {"type": "string", "pattern": EVENT_ITEM}, name
        assert events["description"] == 'Catalogue event names, or `["*"]` alone for every event.'
        assert events["if"] == {"contains": {"const": "*"}}
        assert events["then"] == {"items": {"const": "*"}}
    for name in ("ContactCreateRequest", "PatchedContactUpdateRequest"):
        assert schemas[name]["properties"]["attributes"]["propertyNames"] == {
            "minLength": 1,
            "maxLength": 100,
            "pattern": NO_NUL,
        }, name


def test_the_event_item_pattern_takes_names_or_a_star_alone():
    assert matches(EVENT_ITEM, "*") and matches(EVENT_ITEM, "message.created")
    assert not matches(EVENT_ITEM, "*,message.created") and not matches(EVENT_ITEM, "message.created,*")


def test_conditional_bodies_are_said_with_if_then_else_and_open_subschemas(spec):
    schemas = spec["components"]["schemas"]
    patch = schemas["PatchedConversationUpdateRequest"]
    assert patch["if"] == {
        "required": ["status"],
        "properties": {"status": {"const": "snoozed"}},
        "additionalProperties": True,
    }
    assert patch["then"] == {
        "required": ["snoozed_until"],
        "properties": {"snoozed_until": {"type": "string", "format": "date-time"}},
        "additionalProperties": True,
    }
    assert patch["else"] == {"properties": {"snoozed_until": {"type": "null"}}, "additionalProperties": True}
    create = schemas["ConversationCreateRequest"]
    # The free-text rule walks the conditions too (applied last).
    assert create["if"] == {
        "required": ["contact_id"],
        "properties": {"contact_id": {"type": "string", "pattern": NO_NUL}},
        "additionalProperties": True,
    }
    assert create["else"] == {
        "required": ["contact"],
        "properties": {"contact": {"type": "object"}},
        "additionalProperties": True,
    }
    assert create["not"] == {
        "required": ["contact_id", "contact"],
        "properties": {"contact_id": {"type": "string", "pattern": NO_NUL}, "contact": {"type": "object"}},
    }
    assert "then" not in create
    # Only those two bodies are conditional.
    others = [n for n, s in schemas.items() if "if" in s]
    assert sorted(others) == ["ConversationCreateRequest", "PatchedConversationUpdateRequest"]


def test_every_free_text_of_a_request_says_no_nul_and_required_ones_not_blank(spec):
    schemas = spec["components"]["schemas"]
    name = schemas["ContactCreateRequest"]["properties"]["name"]
    assert name["pattern"] == NO_NUL
    body = schemas["MessageCreateRequest"]["properties"]["body"]
    assert body["pattern"] == NON_BLANK
    # Responses are not touched.
    assert "pattern" not in schemas["Contact"]["properties"]["name"]


@pytest.mark.parametrize(
    ("schema", "text"),
    [
        ({"type": "string"}, True),
        ({"type": ["string", "null"]}, True),
        ({"type": ["null", "string"]}, True),
        ({"type": "integer"}, False),
        ({"type": ["integer", "null"]}, False),
        ({}, False),
        ({"type": "string", "enum": ["a"]}, False),
        ({"type": "string", "const": "a"}, False),
        ({"type": "string", "format": "date-time"}, False),
        ({"type": "string", "pattern": "^a$"}, False),
        ({"type": "string", "maxLength": 3, "description": "d"}, True),
    ],
)
def test_free_text_is_a_string_without_enum_const_format_or_pattern(schema, text):
    assert constraints._text(schema) is text


def test_no_nul_walks_a_schema_but_not_its_examples():
    node = {
        "type": "object",
        "properties": {
            "required_text": {"type": "string", "minLength": 1},
            "long_min": {"type": "string", "minLength": 5},
            "optional_text": {"type": "string"},
            "zero_min": {"type": "string", "minLength": 0},
            "empty_only": {"type": "string", "maxLength": 0},
            "one_max": {"type": "string", "maxLength": 1},
            "number": {"type": "integer"},
            "dated": {"type": "string", "format": "date-time"},
            "list": {"type": "array", "items": {"type": "string"}},
            "choice": {"anyOf": [{"type": "string"}, {"type": "null"}]},
        },
        "example": {"type": "string"},
        "examples": [{"type": "string"}],
        "default": {"type": "string"},
        "enum": [{"type": "string"}],
        "const": {"type": "string"},
    }
    constraints._no_nul(node)
    props = node["properties"]
    assert props["required_text"]["pattern"] == NON_BLANK
    assert props["long_min"]["pattern"] == NON_BLANK
    assert props["optional_text"]["pattern"] == NO_NUL
    assert props["zero_min"]["pattern"] == NO_NUL
    assert "pattern" not in props["empty_only"]
    assert props["one_max"]["pattern"] == NO_NUL
    assert "pattern" not in props["number"] and "pattern" not in props["dated"]
    assert props["list"]["items"]["pattern"] == NO_NUL
    assert props["choice"]["anyOf"][0]["pattern"] == NO_NUL
    for key in ("example", "default", "const"):
        assert node[key] == {"type": "string"}, key
    assert node["examples"] == [{"type": "string"}] and node["enum"] == [{"type": "string"}]
    assert "pattern" not in node
    # A list at the top, and leaves that are neither.
    items = [{"type": "string"}, "string", 3]
    constraints._no_nul(items)
    assert items == [{"type": "string", "pattern": NO_NUL}, "string", 3]


def test_open_keeps_the_subschema_and_admits_the_rest():
    given = {"required": ["a"], "additionalProperties": False}
    assert constraints._open(given) == {"required": ["a"], "additionalProperties": True}
    assert given == {"required": ["a"], "additionalProperties": False}


def test_apply_to_components_on_hand_made_schemas():
    schemas = {
        # Not a request: untouched, even with the names the rules look for.
        "Thing": {"properties": {"locale": {"type": "string"}, "attributes": {"type": "object"}}},
        "Article": {"properties": {"title": {"type": "string"}}},
        "ArticleNoteRequest": {"properties": {"source_url": {"type": "string", "format": "uri"}}},
        "EmptyRequest": {"type": "object"},
        "ThingRequest": {
            "properties": {
                "locale": {"type": "string", "description": "d"},
                "attributes": {"type": "object"},
                "url": {"type": "string"},
                "events": {"type": "array", "items": {"type": "string"}},
                "allowed_origins": {"type": "array", "items": {"type": "string"}},
            }
        },
    }
    apply_to_components(schemas)
    assert schemas["Thing"] == {
        "properties": {"locale": {"type": "string"}, "attributes": {"type": "object"}}
    }
    assert schemas["Article"] == {"properties": {"title": {"type": "string"}}}
    # Another request's source_url keeps its format and gets only the free-text pattern... not even that.
    assert schemas["ArticleNoteRequest"]["properties"]["source_url"] == {"type": "string", "format": "uri"}
    assert schemas["EmptyRequest"] == {"type": "object"}
    props = schemas["ThingRequest"]["properties"]
    assert props["locale"] == {"type": "string", "description": "d", "pattern": LOCALE, "maxLength": 35}
    assert props["attributes"]["propertyNames"] == {"minLength": 1, "maxLength": 100, "pattern": NO_NUL}
    # The URL, events and origins rules belong to their own bodies only.
    assert props["url"] == {"type": "string", "pattern": NO_NUL}
    assert props["events"] == {"type": "array", "items": {"type": "string", "pattern": NO_NUL}}
    assert props["allowed_origins"] == {"type": "array", "items": {"type": "string", "pattern": NO_NUL}}
    assert "if" not in schemas["ThingRequest"]


def test_apply_to_components_leaves_bodies_without_the_fields_alone():
    schemas = {
        "PatchedConversationUpdateRequest": {"properties": {"priority": {"type": "string", "enum": ["low"]}}},
        "WebhookCreateRequest": {"properties": {"name": {"type": "string", "minLength": 1}}},
        "PatchedWidgetUpdateRequest": {"properties": {}},
        "ArticleCreateRequest": {"properties": {}},
        "Article": {"properties": {}},
    }
    apply_to_components(schemas)
    assert schemas["PatchedConversationUpdateRequest"] == {
        "properties": {"priority": {"type": "string", "enum": ["low"]}}
    }
    assert schemas["WebhookCreateRequest"] == {
        "properties": {"name": {"type": "string", "minLength": 1, "pattern": NON_BLANK}}
    }
    assert schemas["PatchedWidgetUpdateRequest"] == {"properties": {}}
    assert schemas["Article"] == {"properties": {}}


def test_an_article_source_url_without_a_description():
    schemas = {"Article": {"properties": {"source_url": {"type": "string", "format": "uri"}}}}
    apply_to_components(schemas)
    assert schemas["Article"]["properties"]["source_url"] == {
        "type": "string",
        "maxLength": 2000,
        "description": None,
    }


@pytest.mark.parametrize(
    ("pattern", "value", "matched"),
    [
        (NO_NUL, "abc", True),
        (NO_NUL, "a\x00b", False),
        (NO_NUL, "", True),
        (NO_NUL, 3, False),
        (NO_NUL, None, False),
        (NON_BLANK, " a ", True),
        (NON_BLANK, " \t\u3000", False),
        (LOCALE, "en", True),
        (LOCALE, "en\n", False),
        (LOCALE, "pt-BR", True),
        ("^a$", "a", True),
        ("^a$", "ab", False),
        ("a", "a", True),
        ("^$", "", True),
    ],
)
def test_matches_reads_a_pattern_as_a_json_schema_validator_would(pattern, value, matched):
    assert matches(pattern, value) is matched
