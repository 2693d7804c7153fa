"""Tests written for the mutants of leadiosa/api/spec/hook.py and operations.py (tests/mutation/run.sh
spec_a; the survivors and the equivalent ones: tests/mutation/spec-a.md).

The served OpenAPI document as the hook builds it: each operation's words, roles, parameters, success
and error responses, request bodies and security; the components it rewrites (headers, pagination,
request bodies closed to other fields, descriptions, nullable), the webhooks and the document's own
frame (info, servers, tags, security schemes). Every test fetches the document itself: mutmut runs for
a mutant only the tests that reached the mutated function while they ran, and a module-wide fixture
reaches it in the first test only.
"""

from __future__ import annotations

import pytest
from django.test import Client

from leadiosa.api.spec import hook, samples
from leadiosa.api.spec.errors import ERROR_CODES, STATUS_TITLES
from leadiosa.api.spec.events import CATALOGUE, DELIVERY_HEADERS, EXAMPLES
from leadiosa.api.spec.events import operation_id as webhook_operation_id
from leadiosa.api.spec.examples import REQUEST_EXAMPLES
from leadiosa.api.spec.operations import (
    OPERATIONS,
    PATH_PARAMETER_DESCRIPTIONS,
    QUERY_PARAMETER_DESCRIPTIONS,
    TAGS,
    Operation,
    _op,
)
from leadiosa.api.spec.schemas import SCHEMA_DESCRIPTIONS
from leadiosa.events import WEBHOOK_EVENT_TYPES

# The test settings' views (tests/platform/urls.py) are in the document too: operations with no entry
# in operations.py.
pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.platform.urls")]

METHODS = ("get", "post", "put", "patch", "delete")
REQUEST_ID = "req_0VcNkV0T8bG5Wc0Ykq3pZr"
SUCCESS_HEADERS = [
    "X-Request-Id",
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
    "X-API-Deprecation",
]


@pytest.fixture
def spec():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def operations(spec) -> dict[str, tuple[str, str, dict]]:
    return {
        op["operationId"]: (path, method, op)
        for path, item in spec["paths"].items()
        for method, op in item.items()
    }


def ref(name: str) -> dict:
    return {"$ref": f"#/components/headers/{name}"}


def error_codes_by_status(operation: dict) -> dict[int, list[str]]:
    found = {}
    for status, response in operation["responses"].items():
        if not status.startswith("2"):
            schema = response["content"]["application/json"]["schema"]
            found[int(status)] = schema["allOf"][1]["properties"]["error"]["properties"]["code"]["enum"]
    return found


def expected_error_response(status: int, codes: list[str], role: str) -> dict:
    """What the reference says for one error status: the status's title and each code's meaning, the
    headers a client gets, the envelope narrowed to these codes, and one example per code."""
    lines = []
    for code in codes:
        meaning = ERROR_CODES[code].meaning
        if code == "permission_denied":
            needs = "Needs the `read_write` scope" if role == "agent" else f"Needs the `{role}` role or above"
            meaning = needs + "; the message names what is missing."
        lines.append(f"- `{code}`: {meaning}")
    headers = {"X-Request-Id": ref("X-Request-Id")}
    if status in (429, 503):
        headers["Retry-After"] = ref("Retry-After")
    if status == 401:
        headers["WWW-Authenticate"] = ref("WWW-Authenticate")
    examples = {}
    for code in codes:
        error = {
            "code": code,
            "message": ERROR_CODES[code].meaning.split(";")[0].rstrip("."),
            "request_id": REQUEST_ID,
        }
        if status == 400 and code == "invalid_parameter":
            error["param"] = "limit"
        if status == 400 and code == "validation_error":
            error["param"] = "status"
        examples[code] = {"summary": code, "value": {"error": error}}
    envelope = {
        "type": "object",
        "properties": {
            "error": {
                "type": "object",
                "properties": {
                    "code": {"type": "string", "enum": codes},
                    "message": {"type": "string"},
                    "request_id": {"type": "string"},
                    "param": {"type": "string"},
                },
            }
        },
    }
    return {
        "description": f"{STATUS_TITLES[status]}.\n\n" + "\n".join(lines),
        "headers": headers,
        "content": {
            "application/json": {
                "schema": {"allOf": [{"$ref": "#/components/schemas/Error"}, envelope]},
                "examples": examples,
            }
        },
    }


# Each operation's error codes by status: the shared ones follow from its shape (auth, pagination,
# writes, bodies, idempotency, rate limit), then its own.
ERRORS = {
    "listConversations": {
        400: ["invalid_parameter", "invalid_cursor"],
        401: ["missing_token", "invalid_token"],
        429: ["rate_limited"],
        503: ["service_unavailable"],
    },
    "getMe": {
        400: ["invalid_parameter"],
        401: ["missing_token", "invalid_token"],
        429: ["rate_limited"],
        503: ["service_unavailable"],
    },
    "listEvents": {
        400: ["invalid_parameter", "invalid_cursor"],
        401: ["missing_token", "invalid_token"],
        403: ["permission_denied"],
        429: ["rate_limited"],
        503: ["service_unavailable"],
    },
    "getWebhook": {
        400: ["invalid_parameter"],
        401: ["missing_token", "invalid_token"],
        403: ["permission_denied"],
        404: ["webhook_not_found"],
        429: ["rate_limited"],
        503: ["service_unavailable"],
    },
    "createConversation": {
        400: ["invalid_parameter", "validation_error", "invalid_json"],
        401: ["missing_token", "invalid_token"],
        403: ["permission_denied"],
        409: ["workspace_closed", "idempotency_conflict"],
        411: ["length_required"],
        413: ["request_too_large"],
        415: ["unsupported_media_type"],
        422: ["idempotency_key_reused", "contact_not_found", "assignee_not_member"],
        429: ["rate_limited"],
        503: ["service_unavailable"],
    },
    "updateWidget": {
        400: ["invalid_parameter", "validation_error", "invalid_json"],
        401: ["missing_token", "invalid_token"],
        403: ["permission_denied"],
        409: ["workspace_closed"],
        411: ["length_required"],
        413: ["request_too_large"],
        415: ["unsupported_media_type"],
        429: ["rate_limited"],
        503: ["service_unavailable"],
    },
    "eraseContact": {
        400: ["invalid_parameter"],
        401: ["missing_token", "invalid_token"],
        403: ["permission_denied"],
        404: ["contact_not_found"],
        409: ["workspace_closed"],
        429: ["rate_limited"],
        503: ["service_unavailable"],
    },
    "closeWorkspace": {
        400: ["invalid_parameter"],
        401: ["missing_token", "invalid_token"],
        403: ["permission_denied"],
        409: ["workspace_closed", "idempotency_conflict"],
        422: ["idempotency_key_reused"],
        429: ["rate_limited"],
        503: ["service_unavailable"],
    },
    "restoreWorkspace": {
        400: ["invalid_parameter"],
        401: ["missing_token", "invalid_token"],
        403: ["permission_denied"],
        409: ["idempotency_conflict", "workspace_not_closed", "restore_period_expired"],
        422: ["idempotency_key_reused"],
        429: ["rate_limited"],
        503: ["service_unavailable"],
    },
    "downloadWorkspaceArchive": {
        400: ["invalid_parameter"],
        403: ["invalid_signature", "download_url_expired"],
        404: ["archive_not_found"],
        503: ["service_unavailable"],
    },
}


def test_each_operations_error_responses_are_its_codes_by_status_each_described_with_an_example(spec):
    ops = operations(spec)
    for operation_id, expected in ERRORS.items():
        _, _, op = ops[operation_id]
        assert error_codes_by_status(op) == expected, operation_id
        role = next(entry.role for entry in OPERATIONS.values() if entry.operation_id == operation_id)
        for status, codes in expected.items():
            assert op["responses"][str(status)] == expected_error_response(status, codes, role), (
                operation_id,
                status,
            )
    # Every operation: statuses in order, each error response built the same way.
    for path, item in spec["paths"].items():
        for method, op in item.items():
            statuses = list(op["responses"])
            assert statuses == sorted(statuses), (path, method)
            role = OPERATIONS.get(
                f"{method.upper()} {path[len('/api/v1') :]}", Operation("", "", "", "")
            ).role
            for status, codes in error_codes_by_status(op).items():
                assert op["responses"][str(status)] == expected_error_response(status, codes, role), (
                    path,
                    method,
                )


def test_each_operation_says_its_words_its_tag_and_who_may_call_it(spec):
    ops = operations(spec)
    listed = {entry.operation_id for entry in OPERATIONS.values()}
    assert listed <= set(ops)
    for key, entry in OPERATIONS.items():
        method, path = key.split(" ", 1)
        assert ops[entry.operation_id][:2] == ("/api/v1" + path, method.lower()), key
        op = ops[entry.operation_id][2]
        assert op["summary"] == entry.summary
        assert op["tags"] == [entry.tag]
        assert op["description"].startswith(entry.description + "\n\n**"), key
    assert ops["listConversations"][2]["description"].endswith("\n\n**Roles:** `agent`, `admin`, `owner`.")
    assert ops["createConversation"][2]["description"].endswith(
        "\n\n**Roles:** `agent`, `admin`, `owner` with the `read_write` scope."
    )
    assert ops["eraseContact"][2]["description"].endswith(
        "\n\n**Roles:** `admin`, `owner` with the `read_write` scope."
    )
    assert ops["listEvents"][2]["description"].endswith("\n\n**Roles:** `admin`, `owner`.")
    assert ops["restoreWorkspace"][2]["description"].endswith(
        "\n\n**Roles:** `owner` with the `read_write` scope."
    )
    assert ops["updateWidget"][2]["description"].endswith(
        "\n\n**Roles:** `admin`, `owner` with the `read_write` scope."
    )
    assert ops["downloadWorkspaceArchive"][2]["description"].endswith(
        "audited.\n\n**Authentication:** none; the `signature` parameter is the credential."
    )


def test_an_operation_without_an_entry_is_described_plainly_from_its_method_and_path(spec):
    ops = operations(spec)
    expected = {
        "getTestCrash": ("/api/v1/_test/crash", "get", "GET /_test/crash"),
        "getTestLegacy": ("/api/v1/_test/legacy", "get", "GET /_test/legacy"),
        "getTestMembers": ("/api/v1/_test/members", "get", "GET /_test/members"),
        "postTestMembers": ("/api/v1/_test/members", "post", "POST /_test/members"),
        "getTestMembersMemberId": (
            "/api/v1/_test/members/{member_id}",
            "get",
            "GET /_test/members/{member_id}",
        ),
        "getTestParam": ("/api/v1/_test/param", "get", "GET /_test/param"),
    }
    for operation_id, (path, method, summary) in expected.items():
        assert ops[operation_id][:2] == (path, method)
        op = ops[operation_id][2]
        scope = " with the `read_write` scope" if method == "post" else ""
        assert op["summary"] == summary
        assert op["description"] == f"{summary}.\n\n**Roles:** `agent`, `admin`, `owner`{scope}."
        assert op["tags"] == ["_test"]
    # Directly: the words of the path, hyphens and underscores, each capitalised after the method.
    unlisted = hook._unlisted("delete", "/web-hooks/{hook_id}/re_try", {})
    assert unlisted == Operation(
        "deleteWebHooksHookIdReTry",
        "DELETE /web-hooks/{hook_id}/re_try",
        "DELETE /web-hooks/{hook_id}/re_try.",
        "other",
    )
    assert hook._unlisted("get", "/x", {"tags": ["first", "second"]}).tag == "first"
    assert hook._unlisted("get", "/x", {"tags": []}).tag == "other"


def test_paths_are_public_their_parameters_named_after_what_they_identify(spec):
    expected = {"/api/v1" + key.split(" ", 1)[1] for key in OPERATIONS}
    expected |= {
        "/api/v1/_test/crash",
        "/api/v1/_test/legacy",
        "/api/v1/_test/members",
        "/api/v1/_test/members/{member_id}",
        "/api/v1/_test/param",
    }
    assert set(spec["paths"]) == expected
    assert list(spec["paths"]) == sorted(spec["paths"])
    assert (
        hook.public_path("/api/v1/conversations/{id}/messages") == "/conversations/{conversation_id}/messages"
    )
    assert hook.public_path("/api/v1/webhooks/{id}/deliveries/{pk}/retry") == (
        "/webhooks/{webhook_id}/deliveries/{delivery_id}/retry"
    )
    # Not under the prefix: kept; a parameter after a segment with no name of its own keeps its own.
    assert hook.public_path("/other/{pk}") == "/other/{pk}"
    assert hook.public_path("/api/v1/things/{thing}/contacts/{x}") == "/things/{thing}/contacts/{contact_id}"
    assert hook.public_path("/api/v1") == ""
    # Only a parameter after a segment is renamed, from the first segment on.
    assert hook.public_path("{x}/contacts") == "{x}/contacts"
    assert hook.public_path("contacts/{pk}") == "contacts/{contact_id}"


def test_parameters_are_described_bounded_and_an_empty_one_is_absent(spec):
    ops = operations(spec)

    def params(operation_id):
        return {p["name"]: p for p in ops[operation_id][2].get("parameters", [])}

    conversations = params("listConversations")
    assert list(conversations)[-1] == "sort"
    for name, parameter in conversations.items():
        assert parameter["in"] == "query"
        assert parameter["allowEmptyValue"] is True, name
        expected = OPERATIONS["GET /conversations"].parameters.get(name) or QUERY_PARAMETER_DESCRIPTIONS[name]
        assert parameter["description"] == expected, name
    for name, values in (
        ("status", ["closed", "open", "pending", "snoozed"]),
        ("priority", ["high", "low", "normal", "urgent"]),
    ):
        parameter = conversations[name]
        assert parameter["schema"] == {"type": "array", "items": {"type": "string", "enum": values}}
        assert (parameter["style"], parameter["explode"]) == ("form", False)
    assert conversations["sort"]["schema"] == {
        "type": "string",
        "enum": ["-created_at", "created_at", "-updated_at", "updated_at"],
        "default": "-created_at",
    }
    assert conversations["sort"]["required"] is False
    assert params("listContacts")["sort"]["schema"]["default"] == "-created_at"
    assert (
        params("listContacts")["q"]["description"]
        == "Search text matched against names and e-mail addresses."
    )
    assert "sort" not in params("listMembers")
    # A list whose status is one value (knowledge articles) keeps its own schema.
    assert params("listKnowledgeArticles")["status"]["schema"]["type"] == "string"
    assert "style" not in params("listKnowledgeArticles")["status"]
    # A view's own `sort` is kept, described like the lists' (the test settings' view).
    assert params("getTestParam")["sort"]["description"] == QUERY_PARAMETER_DESCRIPTIONS["sort"]
    assert params("getTestParam")["sort"]["schema"]["type"] == "string"
    assert "enum" not in params("getTestParam")["sort"]["schema"]
    # A filter's own help text where the tables have none; a parameter with no description anywhere.
    assert params("exportAuditEntries")["source"]["description"] == (
        "Only entries of changes that came through this door, e.g. `dashboard`."
    )
    assert params("postTestMembers")["x"]["description"] == "Filter by `x`."
    events = params("listEvents")
    assert list(events) == ["after", "limit", "type", "created_after", "created_before"]
    for name in ("type", "created_after", "created_before"):
        assert events[name]["description"] == QUERY_PARAMETER_DESCRIPTIONS[name]
        assert events[name]["required"] is False
        assert events[name]["in"] == "query"
    assert events["type"]["schema"]["type"] == "string"
    assert events["created_after"]["schema"] == {"type": "string", "format": "date-time"}
    assert events["created_before"]["schema"] == {"type": "string", "format": "date-time"}
    for operation_id in ("listConversations", "listEvents", "getTestMembers"):
        limit = params(operation_id)["limit"]["schema"]
        assert (limit["minimum"], limit["maximum"]) == (1, 100)
    search = params("searchKnowledge")
    assert search["q"]["required"] is True and search["q"]["schema"]["minLength"] == 1
    assert "allowEmptyValue" not in search["q"]
    assert (search["limit"]["schema"]["minimum"], search["limit"]["schema"]["maximum"]) == (1, 100)
    assert search["limit"]["description"] == "How many chunks, 1 to 20 (default 5)."
    assert "minLength" not in search["locale"]["schema"]
    assert params("downloadWorkspaceArchive")["signature"]["schema"]["minLength"] == 1
    assert params("getConversation") == {
        "conversation_id": {
            "in": "path",
            "name": "conversation_id",
            "required": True,
            "description": PATH_PARAMETER_DESCRIPTIONS["conversation_id"],
            "schema": {"type": "string"},
            "example": "conv_0VcNkV0S1h9GfXw2Zt3bRk",
        }
    }
    retry = ops["retryWebhookDelivery"][2]["parameters"]
    assert [(p["in"], p["name"]) for p in retry] == [
        ("path", "webhook_id"),
        ("path", "delivery_id"),
        ("header", "Idempotency-Key"),
    ]
    # No parameter at all: no list.
    assert "parameters" not in ops["getTestCrash"][2]


def test_every_post_and_only_a_post_takes_our_idempotency_key(spec):
    for operation_id, (_, method, op) in operations(spec).items():
        keys = [p for p in op.get("parameters", []) if p["name"] == "Idempotency-Key"]
        if method != "post":
            assert keys == [], operation_id
            continue
        assert len(keys) == 1 and op["parameters"][-1] is keys[0], operation_id
        key = dict(keys[0])
        key.pop("example")
        key["schema"] = {k: v for k, v in key["schema"].items() if k != "pattern"}
        assert key == {
            "in": "header",
            "name": "Idempotency-Key",
            "required": False,
            "description": "Any unique string (≤ 255 characters, e.g. a UUID). The same key with the same "
            "request within 24 hours replays the first response (`Idempotent-Replayed: true`); keys are "
            "per token.",
            "schema": {"type": "string", "minLength": 1, "maxLength": 255},
        }


def test_success_responses_say_what_comes_back_with_its_headers(spec):
    ops = operations(spec)
    for key, entry in OPERATIONS.items():
        _, method, op = ops[entry.operation_id]
        successes = {status: r for status, r in op["responses"].items() if status.startswith("2")}
        assert len(successes) == 1, key
        (response,) = successes.values()
        assert response["description"] == entry.success, key
        headers = {name: ref(name) for name in SUCCESS_HEADERS}
        if method == "post":
            headers["Idempotent-Replayed"] = ref("Idempotent-Replayed")
        assert response["headers"] == headers, key
        assert list(response["headers"]) == list(headers)
    # No entry: the generator's words, else "Success.".
    assert ops["getTestCrash"][2]["responses"]["200"]["description"] == "No response body"
    assert ops["getTestMembers"][2]["responses"]["200"]["description"] == "Success."
    assert ops["postTestMembers"][2]["responses"]["201"]["description"] == "Success."
    export = ops["exportAuditEntries"][2]["responses"]["200"]["content"]
    assert export == {
        "application/x-ndjson": {
            "schema": {"type": "string"},
            "example": '{"id":"aud_0VcNkV0S1h9GfXw2Zt3bRk","action":"conversation.updated"}\n',
        },
        "text/csv": {
            "schema": {"type": "string"},
            "example": "id,action,created_at\naud_0VcNkV0S1h9GfXw2Zt3bRk,conversation.updated,"
            "2026-05-12T07:28:25.901Z\n",
        },
    }
    archive = ops["downloadWorkspaceArchive"][2]["responses"]["200"]["content"]
    assert archive == {"application/zip": {"schema": {"type": "string", "format": "binary"}}}
    assert "content" not in ops["eraseContact"][2]["responses"]["204"]
    # JSON answers carry one example built from their schema, never the generator's examples.
    conversation = ops["getConversation"][2]["responses"]["200"]["content"]["application/json"]
    assert set(conversation) == {"schema", "example"}
    assert conversation["schema"] == {"$ref": "#/components/schemas/Conversation"}
    assert conversation["example"]["id"].startswith("conv_")
    assert ops["listContacts"][2]["responses"]["200"]["content"]["application/json"]["example"]["data"]


def test_request_bodies_are_json_only_required_where_refused_without_and_exemplified(spec):
    ops = operations(spec)
    with_body = {}
    for key, entry in OPERATIONS.items():
        op = ops[entry.operation_id][2]
        if "requestBody" in op:
            with_body[entry.operation_id] = op["requestBody"]["required"]
            body = op["requestBody"]
            assert (
                body["description"] == "The fields to set; any other field is refused (400 validation_error)."
            )
            assert list(body["content"]) == ["application/json"], key
            media = body["content"]["application/json"]
            assert set(media) == {"schema", "example"}, key
            if key in REQUEST_EXAMPLES:
                assert media["example"] == REQUEST_EXAMPLES[key]
            assert media["example"] is not None
    assert with_body["createConversation"] is True  # no field of its own is required, its absence is
    assert with_body["createContact"] is False
    assert with_body["createConversationMessage"] is True
    assert with_body["updateConversation"] is False
    assert with_body["createWebhook"] is True
    assert with_body["createKnowledgeArticle"] is True
    assert "requestBody" not in ops["closeWorkspace"][2]
    assert "requestBody" not in ops["eraseContact"][2]


def test_security_deprecation_and_the_documents_frame(spec):
    ops = operations(spec)
    for operation_id, (_, _, op) in ops.items():
        expected = [] if operation_id == "downloadWorkspaceArchive" else [{"bearerAuth": []}]
        assert op["security"] == expected, operation_id
        assert op.get("deprecated", False) is (operation_id == "getTestLegacy")
    assert spec["security"] == [{"bearerAuth": []}]
    assert spec["servers"] == [{"url": "/", "description": "This installation (the host serving this spec)."}]
    assert spec["components"]["securitySchemes"] == {
        "bearerAuth": {
            "type": "http",
            "scheme": "bearer",
            "description": "`Authorization: Bearer lds_…` — an API token minted in the dashboard "
            "(Settings → API tokens) or with `manage.py token create`. Its role (`agent`, `admin`, "
            "`owner`) and scope (`read_write`, `read`) decide what it may do.",
        }
    }
    assert spec["tags"] == (
        [{"name": name, "description": description} for name, description in TAGS]
        + [{"name": "_test", "description": "The _test endpoints."}]
        + [
            {
                "name": "webhook events",
                "description": "What your endpoint receives: one entry per catalogue event, with its "
                "payload and the signature headers.",
            }
        ]
    )
    assert spec["info"] == {
        "title": "Leadiosa REST API",
        "version": "v1",
        "summary": "Conversations, contacts, knowledge and webhooks of a Leadiosa workspace.",
        "description": (
            "Everything the dashboard does, programmable. Bearer-token authentication, resource-oriented "
            "endpoints, JSON in and out, errors in one envelope "
            '(`{"error": {"code", "message", "request_id", "param"?}}`), cursor pagination '
            '(`{"data": [...], "pagination": {"has_more", "next_cursor"?}}`), idempotent POSTs '
            "(`Idempotency-Key`), per-token rate limits (`X-RateLimit-*`, 429 with `Retry-After`) and "
            "Standard Webhooks.\n\nGuides: /docs/api/ (this reference), /docs/webhooks/, /docs/errors/, "
            "/docs/changelog/ (versioning and deprecation policy)."
        ),
        "contact": {
            "name": "Leadiosa API support",
            "url": "https://leadiosa.com/support",
            "email": "api@leadiosa.com",
        },
        "license": {"name": "Proprietary", "url": "https://leadiosa.com/terms"},
    }


def test_the_components_headers_error_codes_and_descriptions(spec):
    components = spec["components"]
    assert components["headers"] == hook.HEADER_COMPONENTS
    schemas = components["schemas"]
    assert list(schemas) == sorted(schemas)
    assert schemas["Error"]["properties"]["error"]["properties"]["code"] == {
        "type": "string",
        "enum": sorted(ERROR_CODES),
        "description": "Stable and machine-readable: branch on it. Listed with what to do at /docs/errors/.",
    }
    payloads = {webhook_operation_id(event.type)[2:] + "Event" for event in CATALOGUE}  # described per event
    for name, schema in schemas.items():
        if name in payloads:
            continue
        assert schema["description"] == (SCHEMA_DESCRIPTIONS.get(name) or _default_description(name)), name
    assert schemas["MessageCreateRequest"]["properties"]["author_type"] == {
        "type": "string",
        "enum": ["agent", "contact"],
        "default": "agent",
        "description": "`agent` (the token's creator is the author) or `contact` (relay an inbound message "
        "from the contact).",
    }
    pages = 0
    for name, schema in schemas.items():
        if name.endswith("Request") and schema.get("type") == "object":
            assert schema["additionalProperties"] is False, name
        elif not name.endswith("Request"):
            for prop in schema.get("properties", {}).values():
                assert "readOnly" not in prop, name
        properties = schema.get("properties", {})
        if "pagination" in properties and "data" in properties:
            pages += 1
            assert properties["pagination"] == {
                "$ref": "#/components/schemas/Pagination",
                "description": "Whether more items follow, and the cursor to them.",
            }
    # Exactly the lists: not the one event's `data`, nor the search results'.
    assert pages == len([name for name in schemas if name.startswith("Paginated")]) + 1
    assert "pagination" in schemas["ChunkList"]["properties"]
    assert "pagination" not in schemas["Event"]["properties"]
    assert "pagination" not in schemas["KnowledgeSearchResults"]["properties"]
    assert "nullable" not in str(spec)


def _default_description(name: str) -> str:
    if name.endswith("Enum"):
        return "One of the listed values."
    if name.startswith("Paginated") and name.endswith("List"):
        return f"A page of {name[len('Paginated') : -len('List')]} objects and the cursor to the next one."
    if name.endswith("Event") and name != "Event":
        return "A webhook event body."
    return f"A {name} object."


def test_default_schema_descriptions_name_what_the_schema_is():
    assert hook._default_schema_description("StatusEnum") == "One of the listed values."
    assert hook._default_schema_description("PaginatedContactList") == (
        "A page of Contact objects and the cursor to the next one."
    )
    assert hook._default_schema_description("PaginatedContacts") == "A PaginatedContacts object."
    assert hook._default_schema_description("ContactList") == "A ContactList object."
    assert hook._default_schema_description("NoteCreatedEvent") == "A webhook event body."
    assert hook._default_schema_description("Event") == "A Event object."
    assert hook._default_schema_description("Contact") == "A Contact object."


def test_nullable_becomes_a_null_alternative_and_a_lone_all_of_a_plain_ref():
    node = {
        "a": {"nullable": True, "oneOf": [{"type": "string"}]},
        "b": {"nullable": True, "anyOf": [{"type": "integer"}], "oneOf": [{"type": "string"}]},
        "c": {"nullable": True, "type": "string"},
        "d": {"nullable": False, "allOf": [{"$ref": "#/x"}]},
        "e": [{"nullable": True, "anyOf": [{"type": "integer"}]}],
        "f": {"nullable": True, "description": "none"},
        "g": {"nullable": False, "oneOf": [{"type": "string"}]},
        "h": {"nullable": True, "oneOf": [{"nullable": True, "type": "string"}]},
    }
    hook._drop_untyped_nullable(node)
    assert node == {
        "a": {"oneOf": [{"type": "string"}, {"type": "null"}]},
        "b": {"anyOf": [{"type": "integer"}], "oneOf": [{"type": "string"}, {"type": "null"}]},
        "c": {"type": "string"},
        "d": {"allOf": [{"$ref": "#/x"}]},
        "e": [{"anyOf": [{"type": "integer"}, {"type": "null"}]}],
        "f": {"description": "none"},
        "g": {"oneOf": [{"type": "string"}]},
        "h": {"oneOf": [{"type": "string"}, {"type": "null"}]},
    }
    hook._unwrap_single_all_of(node)
    assert node["d"] == {"$ref": "#/x"}
    node = {
        "p": {"allOf": [{"$ref": "#/a"}], "description": "kept"},
        "q": {"allOf": [{"$ref": "#/a"}, {"$ref": "#/b"}]},
        "r": {"allOf": [{"type": "string"}]},
        "s": [[{"allOf": [{"$ref": "#/c"}]}]],
        "t": {"allOf": "#/a"},
    }
    hook._unwrap_single_all_of(node)
    assert node == {
        "p": {"$ref": "#/a", "description": "kept"},
        "q": {"allOf": [{"$ref": "#/a"}, {"$ref": "#/b"}]},
        "r": {"allOf": [{"type": "string"}]},
        "s": [[{"$ref": "#/c"}]],
        "t": {"allOf": "#/a"},
    }


def test_each_catalogue_event_is_a_webhook_with_its_payload_schema_and_headers(spec):
    assert list(spec["webhooks"]) == [event.type for event in CATALOGUE]
    assert set(spec["webhooks"]) == set(WEBHOOK_EVENT_TYPES)
    schemas = spec["components"]["schemas"]
    parameters = [
        {"in": "header", "name": name, "required": True, "description": description, "schema": schema}
        for name, description, schema in DELIVERY_HEADERS
    ]
    for event in CATALOGUE:
        camel = webhook_operation_id(event.type)
        component = camel[2:] + "Event"
        description = event.fires_when + (" " + event.object_note if event.object_note else "")
        assert spec["webhooks"][event.type] == {
            "post": {
                "operationId": camel,
                "summary": event.type,
                "description": description + "\n\nSigned per Standard Webhooks; see /docs/webhooks/ for "
                "verification, retries and the catalogue.",
                "tags": ["webhook events"],
                "security": [],
                "parameters": parameters,
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {"$ref": f"#/components/schemas/{component}"},
                            "example": EXAMPLES[event.type],
                        }
                    },
                },
                "responses": {
                    "200": {"description": "Any 2xx within 15 seconds is a success; the body is ignored."},
                    "410": {"description": "Gone: the endpoint is disabled at once and no retry follows."},
                    "429": {
                        "description": "Retried after `Retry-After` (seconds or an HTTP date), like a 503.",
                        "headers": {"Retry-After": {"$ref": "#/components/headers/Retry-After"}},
                    },
                },
            }
        }, event.type
        if event.type == "conversation.handed_off":
            payload_object = {
                "description": "The conversation, with the reason it was handed to your team.",
                "allOf": [
                    {"$ref": "#/components/schemas/Conversation"},
                    {
                        "type": "object",
                        "required": ["handoff_reason"],
                        "properties": {
                            "handoff_reason": {
                                "type": "string",
                                "enum": hook.HANDOFF_REASONS,
                                "description": "Why the assistant handed the conversation over.",
                            }
                        },
                    },
                ],
            }
        else:
            payload_object = {
                "$ref": f"#/components/schemas/{event.object_schema}",
                "description": "The resource after the change, as the API returns it.",
            }
        assert schemas[component] == {
            "type": "object",
            "description": f"The body of a `{event.type}` delivery.",
            "required": ["id", "type", "created_at", "workspace_id", "data"],
            "properties": {
                "id": {"type": "string", "description": "The event id, also the `webhook-id` header."},
                "type": {"type": "string", "enum": [event.type], "description": "The event type."},
                "created_at": {
                    "type": "string",
                    "format": "date-time",
                    "description": "When it happened (UTC, `YYYY-MM-DDTHH:MM:SS.mmmZ`).",
                },
                "workspace_id": {"type": "string", "description": "The workspace it happened in (`ws_…`)."},
                "data": {
                    "type": "object",
                    "description": "The resource and, for changes, the changed fields' previous values.",
                    "required": ["object"],
                    "properties": {
                        "object": payload_object,
                        "previous_attributes": {
                            "type": "object",
                            "description": "The changed fields' values before this change (omitted when none).",
                        },
                    },
                },
            },
        }, event.type
    assert hook.HANDOFF_REASONS == [
        "no_relevant_knowledge",
        "contact_requested_human",
        "ai_quota_exceeded",
        "assistant_provider_failed",
        "assistant_error",
    ]


def test_an_operation_entry_is_keyed_by_method_and_path():
    assert _op("GET /things", "listThings", "List things", "All of them.", "things") == (
        "GET /things",
        Operation("listThings", "List things", "All of them.", "things"),
    )
    key, entry = _op(
        "POST /things", "createThing", "Create", "Makes one.", "things", role="admin", paginated=True
    )
    assert key == "POST /things"
    assert (entry.role, entry.paginated, entry.errors, entry.parameters, entry.success) == (
        "admin",
        True,
        (),
        {},
        "",
    )


def test_each_operation_carries_its_code_samples(spec):
    paginated = {entry.operation_id for entry in OPERATIONS.values() if entry.paginated}
    for operation_id, (path, method, op) in operations(spec).items():
        bare = {key: value for key, value in op.items() if key != "x-codeSamples"}
        bare["responses"] = {
            status: {key: value for key, value in response.items() if key != "links"}
            for status, response in op["responses"].items()
        }
        expected = samples.code_samples(method, path, bare, operation_id in paginated)
        assert op["x-codeSamples"] == expected, operation_id


def test_edge_characters_of_names_survive_path_and_operation_naming():
    # A parameter or segment that begins or ends with an X keeps it: only braces and slashes are cut.
    assert hook.public_path("/api/v1/zzz/{Xa}") == "/zzz/{Xa}"
    assert hook._unlisted("get", "/Xray/{id}X", {}).operation_id == "getXrayIdx"


def test_an_error_response_with_no_listed_codes_is_the_plain_error():
    response = hook._error_response(404, [], "agent")
    assert response["content"]["application/json"]["schema"] == hook.ERROR_REF
    assert response["content"]["application/json"]["examples"] == {}
