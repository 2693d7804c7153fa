"""Tests written for the mutants of leadiosa/api/spec/examples.py and schemas.py (tests/mutation/run.sh
spec_b; the equivalent ones: tests/mutation/spec-b.md).

The served document's response examples read like real answers, value for value: ids with their type's
prefix, the one timestamp format, names by owner, a page that has more; the components the generator
cannot infer (the event's data, an erased contact, the pagination object) are published exactly; and,
directly on ExampleBuilder, the branches no schema of today's document takes.
"""

from __future__ import annotations

import pytest

from leadiosa.api.spec.examples import TIMESTAMP, ExampleBuilder

pytestmark = pytest.mark.django_db

T = TIMESTAMP
CURSOR = "cur_eyJsaXN0IjoiQ29udmVyc2F0aW9ucyJ9"


def success_example(spec, operation_id: str):
    for item in spec["paths"].values():
        for op in item.values():
            if op.get("operationId") == operation_id:
                status = min(s for s in op["responses"] if s.startswith("2"))
                return op["responses"][status]["content"]["application/json"]["example"]
    raise AssertionError(operation_id)


def test_response_examples_read_like_real_answers(spec):
    assert success_example(spec, "getConversation") == {
        "id": "conv_0VcNkV0S1h9GfXw2Zt3bRk",
        "contact_id": "ct_0VcNkUzQ4v7PpLmA0s9eQw",
        "status": "open",
        "priority": "low",
        "subject": "Where is my order?",
        "channel": "api",
        "tags": ["shipping"],
        "assignee_id": "usr_0VcN8x3Lq2Wm5Jd8Xc1Yb7",
        "handled_by": "assistant",
        "message_count": 1,
        "last_message_at": T,
        "created_at": T,
        "updated_at": T,
    }
    assert success_example(spec, "getMe") == {
        "member": {
            "id": "mem_0VcNkV0S1h9GfXw2Zt3bRk",
            "user_id": "usr_0VcN8x3Lq2Wm5Jd8Xc1Yb7",
            "name": "Ada Lovelace",
            "email": "ada@example.com",
            "role": "owner",
            "created_at": T,
        },
        "token": {
            "id": "tok_0VcNkV0S1h9GfXw2Zt3bRk",
            "name": "CRM integration",
            "role": "owner",
            "scope": "read_write",
        },
        "workspace": {"id": "ws_0VcNkV0S1h9GfXw2Zt3bRk", "name": "Acme"},
    }
    assert success_example(spec, "getBillingSubscription") == {
        "plan": {"id": "team", "name": "Team"},
        "status": "trialing",
        "billing_cycle": "monthly",
        "current_period_start": T,
        "current_period_end": T,
        "rate_limit_per_minute": 1,
        "ai_tokens": {"included": 1, "used": 1, "remaining": 1},
    }
    assert success_example(spec, "createWebhook") == {
        "id": "wh_0VcNkV0S1h9GfXw2Zt3bRk",
        "url": "https://crm.example.com/leadiosa/webhooks",
        "events": ["conversation.created"],
        "description": "CRM sync",
        "status": "enabled",
        "created_at": T,
        "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    }
    assert success_example(spec, "listWebhookDeliveries") == {
        "data": [
            {
                "id": "dlv_0VcNkV0S1h9GfXw2Zt3bRk",
                "event_id": "evt_0VcNbcyMCcymekiG486HBC",
                "event_type": "conversation.created",
                "status": "pending",
                "attempts": 1,
                "response_status": 1,
                "last_attempt_at": T,
            }
        ],
        "pagination": {"has_more": True, "next_cursor": CURSOR},
    }
    assert success_example(spec, "searchKnowledge") == {
        "data": [
            {
                "id": "chk_0VcNkV0S1h9GfXw2Zt3bRk",
                "article_id": "art_0VcNqG1Tz8Kd3Lp5Xw7Qb2",
                "article": {"id": "art_0VcNkV0S1h9GfXw2Zt3bRk", "title": "Shipping times"},
                "position": 1,
                "text": "Orders ship within 2 business days.",
                "token_count": 1,
                "score": 0.82,
            }
        ]
    }
    assert success_example(spec, "getWorkspaceArchiveStatus") == {
        "status": "none",
        "requested_at": T,
        "completed_at": T,
        "size_bytes": 1,
        "download_url": "https://api.leadiosa.com/api/v1/workspace/archive/download?signature=eyJ3cyI6",
    }
    assert success_example(spec, "getAuditEntry") == {
        "id": "aud_0VcNkV0S1h9GfXw2Zt3bRk",
        "action": "conversation.updated",
        "actor": {"type": "token", "id": "tok_0VcNkV0S1h9GfXw2Zt3bRk"},
        "resource": {"type": "conversation", "id": "conv_0VcNkV0S1h9GfXw2Zt3bRk"},
        "source": "api",
        "request_id": "req_0VcNkV0T8bG5Wc0Ykq3pZr",
        "client_request_id": "crm-sync-4f1c2a9e",
        "ip": "203.0.113.7",
        "changes": ["status"],
        "created_at": T,
    }
    assert success_example(spec, "getEvent") == {
        "id": "evt_0VcNkV0S1h9GfXw2Zt3bRk",
        "type": "conversation.created",
        "created_at": T,
        "workspace_id": "ws_0VcN8x2fTQ1m7dJXc0Y5Ad",
        "data": {"object": {}, "previous_attributes": {}},
    }


def test_the_components_the_generator_cannot_infer_are_published_exactly(spec):
    schemas = spec["components"]["schemas"]
    assert schemas["EventData"] == {
        "type": "object",
        "required": ["object"],
        "properties": {
            "object": {
                "type": "object",
                "description": "The resource as the API returns it (for `contact.erased`, `{id}` only).",
            },
            "previous_attributes": {
                "type": "object",
                "description": "The changed fields' values before this change (omitted when none).",
            },
        },
        "description": "The resource as the API returns it and, for changes, the old values of the changed fields.",
    }
    assert schemas["ErasedContact"] == {
        "type": "object",
        "required": ["id"],
        "properties": {"id": {"type": "string", "description": "The erased contact's id (`ct_…`)."}},
        "description": "All that remains of an erased contact: its id.",
    }
    pagination = dict(schemas["Pagination"])
    assert pagination.pop("description").startswith("The cursor contract of every list")
    assert pagination == {
        "type": "object",
        "required": ["has_more"],
        "properties": {
            "has_more": {"type": "boolean", "description": "Whether another page follows."},
            "next_cursor": {
                "type": "string",
                "description": "Pass as `after` for the next page; omitted on the last page.",
                "example": CURSOR,
            },
        },
    }


COMPONENTS = {
    "Thing": {
        "type": "object",
        "required": ["closed_at"],
        "properties": {
            "id": {"type": "string"},
            "closed_at": {"type": "string"},
            "snoozed_until": {"type": "string", "format": "date-time"},
            "password": {"type": "string", "writeOnly": True},
            "count": {"type": "integer", "minimum": 3},
            "attempts": {"type": "integer", "minimum": 3},
            "low": {"type": "integer", "minimum": -5},
            "plain": {"type": "integer"},
            "ratio": {"type": "number"},
            "has_more": {"type": "boolean"},
            "active": {"type": "boolean"},
            "code": {"type": "string", "maxLength": 4},
            "nothing": {"type": "null"},
        },
    },
    "ThingRequest": {"type": "object", "properties": {"password": {"type": "string", "writeOnly": True}}},
    "PlanRef": {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"}}},
    "Loop": {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/Loop"}}},
}


def test_an_object_example_takes_each_field_by_name_and_type():
    builder = ExampleBuilder(COMPONENTS)
    assert builder.build({"$ref": "#/components/schemas/Thing"}) == {
        "id": "team",  # no prefix for an unknown owner
        "closed_at": T,  # required: kept even though it is one of the skipped optional fields
        "count": 3,
        "attempts": 1,
        "low": 1,
        "plain": 1,
        "ratio": 0.82,
        "has_more": True,
        "active": False,
        "code": "conv",  # "conversation_not_found" cut to maxLength
    }
    assert builder.build({"$ref": "#/components/schemas/ThingRequest"}) == {"password": "string"}
    assert builder.build(COMPONENTS["Thing"]["properties"]["password"], "password") == "string"
    assert builder.build({"$ref": "#/components/schemas/PlanRef"}) == {"id": "team", "name": "Team"}
    # An owner passed in names the id's prefix as a $ref would.
    assert builder.build({"type": "object", "properties": {"id": {"type": "string"}}}, owner="Chunk") == {
        "id": "chk_0VcNkV0S1h9GfXw2Zt3bRk"
    }


def test_a_self_referencing_schema_stops_past_depth_eight():
    example = ExampleBuilder(COMPONENTS).build({"$ref": "#/components/schemas/Loop"})
    depth = 0
    while example:
        example, depth = example["next"], depth + 1
    # Each level costs two steps (the $ref, then the property): three levels, then an empty object.
    assert (example, depth) == ({}, 3)
    assert ExampleBuilder({}).build({"type": "string"}, depth=8) == "string"
    assert ExampleBuilder({}).build({"type": "string"}, depth=9) is None


def test_examples_consts_enums_and_combiners():
    builder = ExampleBuilder(COMPONENTS)
    given = {"example": {"a": [1]}}
    example = builder.build(given)
    example["a"].append(2)
    assert given == {"example": {"a": [1]}}  # a copy
    assert builder.build({"const": "fixed", "type": "integer"}) == "fixed"
    assert builder.build({"enum": [None, "b", "c"]}) == "b"
    assert builder.build({"enum": [None]}) is None
    assert builder.build(
        {"allOf": [{"properties": {"a": {"const": 1}}}, {"properties": {"b": {"const": 2}}}]}
    ) == {
        "a": 1,
        "b": 2,
    }
    assert builder.build({"allOf": [{"properties": {"a": {"const": 1}}}, {"const": 7}, {"const": 8}]}) == 7
    assert builder.build({"oneOf": [{"const": "x"}, {"const": "y"}]}) == "x"
    assert builder.build({"anyOf": [{"const": "x"}, {"const": "y"}]}) == "x"
    assert builder.build({"oneOf": [{"type": "string"}]}, "email") == "ada@example.com"


def test_types_arrays_and_open_objects():
    builder = ExampleBuilder(COMPONENTS)
    assert builder.build({"type": ["null", "integer"]}) == 1
    assert builder.build({"type": ["null"]}) is None
    assert builder.build({"type": "array", "items": {"type": "string"}}, "tags") == ["shipping"]
    assert builder.build({"type": "array", "items": {"type": "null"}}) == []
    assert builder.build({"type": "array"}) == []
    assert builder.build({"type": "object", "additionalProperties": {"type": "string"}}) == {"plan": "pro"}
    assert builder.build({"type": "object", "additionalProperties": True}) == {"plan": "pro"}
    assert builder.build({"type": "object", "additionalProperties": False}) == {}
    assert builder.build({"type": "object"}) == {}
    assert builder.build({"properties": {"n": {"type": "number"}}}) == {"n": 0.82}
    assert builder.build({}) is None


@pytest.mark.parametrize(
    ("schema", "name", "owner", "expected"),
    [
        ({"format": "date-time"}, "when", "", T),
        ({}, "sent_at", "", T),
        ({}, "current_period_start", "", T),
        ({}, "current_period_end", "", T),
        ({"format": "binary"}, "file", "", ""),
        ({"format": "email"}, "email", "", "ada@example.com"),
        ({"format": "email"}, "address", "", "support-3f2a9c81@inbound.example.com"),
        ({"format": "uri"}, "url", "", "https://crm.example.com/leadiosa/webhooks"),
        ({"format": "url"}, "link", "", "https://leadiosa.example.com/resource"),
        ({"format": "uri"}, "link", "", "https://leadiosa.example.com/resource"),
        ({"format": "date"}, "day", "", "2026-05-12"),
        ({"format": "uuid"}, "key", "", "7b0e8f2c-5d4a-4c7e-9a51-3f6d2b8c1e90"),
        ({}, "name", "Workspace", "Acme"),
        ({}, "name", "Member", "Ada Lovelace"),
        ({}, "id", "Webhook", "wh_0VcNkV0S1h9GfXw2Zt3bRk"),
        ({}, "id", "PlanRef", "team"),
        ({}, "contact_id", "", "ct_0VcNkUzQ4v7PpLmA0s9eQw"),
        ({}, "unknown", "", "string"),
        ({"maxLength": 3}, "unknown", "", "str"),
        ({"maxLength": 0}, "unknown", "", "string"),
    ],
)
def test_a_string_example_is_chosen_by_format_then_by_name(schema, name, owner, expected):
    assert ExampleBuilder({}).build({"type": "string", **schema}, name, owner) == expected
