"""drf-spectacular postprocessing hook: the generated skeleton becomes the published reference.

Everything said to integrators comes from this package's data (operations, errors, events, schemas,
examples); every description the generator took from a docstring is replaced, so no developer note
reaches the spec, the docs or a generated SDK.
"""

from __future__ import annotations

import re
from copy import deepcopy

from leadiosa.events import WEBHOOK_EVENT_TYPES
from leadiosa.roles import ROLE_RANK

from . import constraints, links, samples
from .errors import ERROR_CODES, STATUS_TITLES
from .events import CATALOGUE, DELIVERY_HEADERS, EXAMPLES, operation_id
from .examples import REQUEST_EXAMPLES, ExampleBuilder
from .operations import (
    OPERATIONS,
    PATH_PARAMETER_DESCRIPTIONS,
    PATH_PARAMETERS,
    QUERY_PARAMETER_DESCRIPTIONS,
    TAGS,
    Operation,
)
from .schemas import SCHEMA_DESCRIPTIONS, extra_components

PREFIX = "/api/v1"
BODY_REQUIRED = {"POST /conversations"}
HANDOFF_REASONS = [
    "no_relevant_knowledge",
    "contact_requested_human",
    "ai_quota_exceeded",
    "assistant_provider_failed",
    "assistant_error",
]
ERROR_REF = {"$ref": "#/components/schemas/Error"}
WRITE_METHODS = ("post", "patch", "put", "delete")

HEADER_COMPONENTS = {
    "X-Request-Id": {
        "description": "This request's id (`req_…`), also in any error body and in our logs. Quote it "
        "when reporting a problem. It is always ours: a client may send its own `X-Request-Id` (1–128 "
        "characters of `A–Z a–z 0–9 . _ : -`), which we keep as `client_request_id` in our log line and "
        "in the audit entries of the changes the request made; a malformed one is ignored, never echoed.",
        "schema": {"type": "string", "example": "req_0VcNkV0T8bG5Wc0Ykq3pZr"},
    },
    "X-RateLimit-Limit": {
        "description": "Requests this token may make per minute (the workspace's plan).",
        "schema": {"type": "integer", "example": 300},
    },
    "X-RateLimit-Remaining": {
        "description": "Requests left in the current minute.",
        "schema": {"type": "integer", "example": 299},
    },
    "X-RateLimit-Reset": {
        "description": "Unix seconds when the current window ends.",
        "schema": {"type": "integer", "example": 1795000060},
    },
    "Retry-After": {
        "description": "Seconds to wait before trying again.",
        "schema": {"type": "integer", "example": 12},
    },
    "X-API-Deprecation": {
        "description": 'Present when the request used a deprecated endpoint or parameter: `version="v1"; '
        'sunset="YYYY-MM-DD"; link="<docs url>"`, one such element per deprecated feature used, '
        "comma-separated. Owners are e-mailed at least 90 days before the sunset.",
        "schema": {"type": "string", "example": 'version="v1"; sunset="2027-06-30"; link="/docs/changelog/"'},
    },
    "Idempotent-Replayed": {
        "description": "`true` when this is the stored response to an earlier request with the same "
        "`Idempotency-Key`.",
        "schema": {"type": "string", "enum": ["true"]},
    },
    "WWW-Authenticate": {
        "description": 'Always `Bearer realm="api"` on a 401.',
        "schema": {"type": "string", "example": 'Bearer realm="api"'},
    },
}


def _header(name: str) -> dict:
    return {"$ref": f"#/components/headers/{name}"}


def public_path(path: str) -> str:
    """`/api/v1/conversations/{id}/messages` → `/conversations/{conversation_id}/messages`."""
    path = path[len(PREFIX) :] if path.startswith(PREFIX) else path
    parts = path.split("/")
    for index, part in enumerate(parts):
        if part.startswith("{") and index > 0:
            parts[index] = "{" + PATH_PARAMETERS.get(parts[index - 1], part.strip("{}")) + "}"
    return "/".join(parts)


def _operation_errors(method: str, key: str, operation: dict, spec_op) -> dict[int, list[str]]:
    """Status → the codes this operation can answer with."""
    codes: list[tuple[str, int]] = []

    def add(code, status=None):
        codes.append((code, status or ERROR_CODES[code].status))

    add("invalid_parameter")
    add("missing_token")
    add("invalid_token")
    if spec_op.tag == "workspace" and spec_op.operation_id == "downloadWorkspaceArchive":
        codes.clear()
        add("invalid_parameter")
    if spec_op.paginated:
        add("invalid_cursor")
    if method in WRITE_METHODS or spec_op.role != "agent":
        add("permission_denied")
    has_body = "requestBody" in operation
    if has_body:
        for code in ("validation_error", "invalid_json", "length_required", "request_too_large"):
            add(code)
        add("unsupported_media_type")
    if method in WRITE_METHODS and spec_op.operation_id != "restoreWorkspace":
        add("workspace_closed")
    if method == "post":
        add("idempotency_key_reused")
        add("idempotency_conflict")
    for entry in spec_op.errors:
        if isinstance(entry, tuple):
            add(*entry)
        else:
            add(entry)
    if spec_op.operation_id != "downloadWorkspaceArchive":
        add("rate_limited")
    add("service_unavailable")
    by_status: dict[int, list[str]] = {}
    for code, status in codes:
        if code not in by_status.setdefault(status, []):
            by_status[status].append(code)
    return dict(sorted(by_status.items()))


def _error_response(status: int, codes: list[str], role: str) -> dict:
    lines = []
    for code in codes:
        meaning = ERROR_CODES[code].meaning
        if code == "permission_denied":
            meaning = (
                f"Needs the `{role}` role or above" if role != "agent" else "Needs the `read_write` scope"
            ) + "; the message names what is missing."
        lines.append(f"- `{code}`: {meaning}")
    headers = {"X-Request-Id": _header("X-Request-Id")}
    if status in (429, 503):
        headers["Retry-After"] = _header("Retry-After")
    if status == 401:
        headers["WWW-Authenticate"] = _header("WWW-Authenticate")
    schema = (
        ERROR_REF
        if len(codes) == 0
        else {
            "allOf": [
                ERROR_REF,
                {
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
                },
            ]
        }
    )
    examples = {}
    for code in codes:
        error = {
            "code": code,
            "message": ERROR_CODES[code].meaning.split(";")[0].rstrip("."),
            "request_id": "req_0VcNkV0T8bG5Wc0Ykq3pZr",
        }
        if status == 400 and code in ("validation_error", "invalid_parameter"):
            error["param"] = "limit" if code == "invalid_parameter" else "status"
        examples[code] = {"summary": code, "value": {"error": error}}
    return {
        "description": f"{STATUS_TITLES[status]}.\n\n" + "\n".join(lines),
        "headers": headers,
        "content": {"application/json": {"schema": schema, "examples": examples}},
    }


def _success_headers(method: str) -> dict:
    headers = {
        name: _header(name)
        for name in ("X-Request-Id", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset")
    }
    headers["X-API-Deprecation"] = _header("X-API-Deprecation")
    if method == "post":
        headers["Idempotent-Replayed"] = _header("Idempotent-Replayed")
    return headers


def _parameters(operation: dict, spec_op, path_key: str) -> list[dict]:
    parameters = []
    for parameter in operation.get("parameters", []):
        parameter = deepcopy(parameter)
        location, name = parameter["in"], parameter["name"]
        if location == "path":
            continue  # rebuilt from the public path below
        if location == "query":
            parameter["description"] = spec_op.parameters.get(name) or QUERY_PARAMETER_DESCRIPTIONS.get(
                name, parameter.get("description") or f"Filter by `{name}`."
            )
            if name in ("status", "priority") and spec_op.operation_id == "listConversations":
                enum = parameter["schema"].get("enum") or parameter["schema"].get("items", {}).get("enum")
                parameter["schema"] = {"type": "array", "items": {"type": "string", "enum": enum}}
                parameter["style"], parameter["explode"] = "form", False
            # What the server enforces (issue 19): limit 1-100, a required text never empty.
            if name == "limit":
                parameter["schema"].setdefault("minimum", 1)
                parameter["schema"].setdefault("maximum", 100)
            if parameter.get("required") and parameter["schema"].get("type") == "string":
                parameter["schema"].setdefault("minLength", 1)
        parameters.append(parameter)
    for name in re.findall(r"{(\w+)}", path_key):
        parameters.append(
            {
                "in": "path",
                "name": name,
                "required": True,
                "description": PATH_PARAMETER_DESCRIPTIONS[name],
                "schema": {"type": "string"},
            }
        )
    if spec_op.operation_id in ("listConversations", "listContacts") and "sort" not in {
        p["name"] for p in parameters
    }:
        parameters.append(
            {
                "in": "query",
                "name": "sort",
                "required": False,
                "description": QUERY_PARAMETER_DESCRIPTIONS["sort"],
                "schema": {
                    "type": "string",
                    "enum": ["-created_at", "created_at", "-updated_at", "updated_at"],
                    "default": "-created_at",
                },
            }
        )
    if spec_op.operation_id == "listEvents":
        known = {p["name"] for p in parameters}
        for name, schema in (
            ("type", {"type": "string"}),
            ("created_after", {"type": "string", "format": "date-time"}),
            ("created_before", {"type": "string", "format": "date-time"}),
        ):
            if name not in known:
                parameters.append(
                    {
                        "in": "query",
                        "name": name,
                        "required": False,
                        "description": QUERY_PARAMETER_DESCRIPTIONS[name],
                        "schema": schema,
                    }
                )
    for parameter in parameters:
        if parameter["in"] == "query" and not parameter.get("required"):
            parameter["allowEmptyValue"] = True  # CONTRACT §1: `after=` is treated as absent
    return parameters


def _success_responses(method, operation, spec_op, builder, components) -> dict:
    responses = {}
    for status, response in operation.get("responses", {}).items():
        if not status.startswith("2"):
            continue
        response = deepcopy(response)
        response["description"] = spec_op.success or response.get("description") or "Success."
        response["headers"] = _success_headers(method)
        for media_type, media in response.get("content", {}).items():
            schema = media.get("schema", {})
            if media_type == "application/zip":
                media["schema"] = {"type": "string", "format": "binary"}
                continue
            if media_type != "application/json":
                media["schema"] = {"type": "string"}
                media["example"] = (
                    '{"id":"aud_0VcNkV0S1h9GfXw2Zt3bRk","action":"conversation.updated"}\n'
                    if "ndjson" in media_type
                    else "id,action,created_at\naud_0VcNkV0S1h9GfXw2Zt3bRk,conversation.updated,"
                    "2026-05-12T07:28:25.901Z\n"
                )
                media.pop("examples", None)
                continue
            media.pop("examples", None)
            media["example"] = builder.build(schema)
        responses[status] = response
    return responses


def _unwrap_single_all_of(node) -> None:
    """`{"allOf": [X]}` (how the generator attaches a description or default to a $ref) → X's siblings
    stay beside a plain $ref, which OpenAPI 3.1 allows."""
    if isinstance(node, dict):
        parts = node.get("allOf")
        if isinstance(parts, list) and len(parts) == 1 and "$ref" in parts[0]:
            del node["allOf"]
            node["$ref"] = parts[0]["$ref"]
        for value in node.values():
            _unwrap_single_all_of(value)
    elif isinstance(node, list):
        for value in node:
            _unwrap_single_all_of(value)


def _drop_untyped_nullable(node) -> None:
    """OpenAPI 3.1 has no `nullable`: the generator leaves it beside a oneOf; say null in the oneOf."""
    if isinstance(node, dict):
        if node.get("nullable") and "type" not in node:
            del node["nullable"]
            for combiner in ("oneOf", "anyOf"):
                if combiner in node:
                    node[combiner].append({"type": "null"})
                    break
        elif "nullable" in node:
            del node["nullable"]
        for value in node.values():
            _drop_untyped_nullable(value)
    elif isinstance(node, list):
        for value in node:
            _drop_untyped_nullable(value)


def _fix_components(components: dict) -> None:
    schemas = components["schemas"]
    _drop_untyped_nullable(schemas)
    _unwrap_single_all_of(schemas)
    schemas.update(extra_components())
    # One pagination object, referenced by every list.
    for schema in schemas.values():
        properties = schema.get("properties", {})
        if "pagination" in properties and "data" in properties:
            properties["pagination"] = {
                "$ref": "#/components/schemas/Pagination",
                "description": "Whether more items follow, and the cursor to them.",
            }
    # What the server accepts, not the whole author vocabulary.
    if "MessageCreateRequest" in schemas:
        schemas["MessageCreateRequest"]["properties"]["author_type"] = {
            "type": "string",
            "enum": ["agent", "contact"],
            "default": "agent",
            "description": "`agent` (the token's creator is the author) or `contact` (relay an inbound "
            "message from the contact).",
        }
    # Any other field in a write is refused (400 validation_error): request bodies say so (issue 19).
    for name, schema in schemas.items():
        if name.endswith("Request") and schema.get("type") == "object":
            schema["additionalProperties"] = False
    constraints.apply_to_components(schemas)
    # Output schemas are never sent, so "read-only" says nothing there, and webhook payloads (a request
    # to the receiver) reuse them.
    for name, schema in schemas.items():
        if not name.endswith("Request"):
            for prop in schema.get("properties", {}).values():
                prop.pop("readOnly", None)
    # Every description is ours: a docstring the generator picked up never survives.
    for name, schema in schemas.items():
        schema["description"] = SCHEMA_DESCRIPTIONS.get(name) or _default_schema_description(name)
    components["headers"] = deepcopy(HEADER_COMPONENTS)


def _default_schema_description(name: str) -> str:
    if name.endswith("Enum"):
        return "One of the listed values."
    if name.startswith("Paginated") and name.endswith("List"):
        return f"A page of {name[len('Paginated') : -len('List')]} objects and the cursor to the next one."
    if name.endswith("Event") and name != "Event":
        return "A webhook event body."
    return f"A {name} object."


def _webhooks(components: dict) -> dict:
    schemas = components["schemas"]
    webhooks = {}
    parameters = [
        {"in": "header", "name": name, "required": True, "description": description, "schema": schema}
        for name, description, schema in DELIVERY_HEADERS
    ]
    for event in CATALOGUE:
        component = operation_id(event.type)[2:] + "Event"
        data_properties = {
            "object": {
                "$ref": f"#/components/schemas/{event.object_schema}",
                "description": "The resource after the change, as the API returns it.",
            }
        }
        if event.type == "conversation.handed_off":
            data_properties["object"] = {
                "description": "The conversation, with the reason it was handed to your team.",
                "allOf": [
                    {"$ref": f"#/components/schemas/{event.object_schema}"},
                    {
                        "type": "object",
                        "required": ["handoff_reason"],
                        "properties": {
                            "handoff_reason": {
                                "type": "string",
                                "enum": HANDOFF_REASONS,
                                "description": "Why the assistant handed the conversation over.",
                            }
                        },
                    },
                ],
            }
        data_properties["previous_attributes"] = {
            "type": "object",
            "description": "The changed fields' values before this change (omitted when none).",
        }
        schemas[component] = {
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
                    "properties": data_properties,
                },
            },
        }
        description = event.fires_when + (" " + event.object_note if event.object_note else "")
        webhooks[event.type] = {
            "post": {
                "operationId": operation_id(event.type),
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
                        "headers": {"Retry-After": _header("Retry-After")},
                    },
                },
            }
        }
    return webhooks


def postprocess(result: dict, generator=None, request=None, public=True, **kwargs) -> dict:
    components = result.setdefault("components", {})
    _fix_components(components)
    builder = ExampleBuilder(components["schemas"])
    paths = {}
    for path, item in result.get("paths", {}).items():
        key_path = public_path(path)
        new_item = {}
        for method, operation in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            key = f"{method.upper()} {key_path}"
            spec_op = OPERATIONS.get(key) or _unlisted(method, key_path, operation)
            new_op = {
                "operationId": spec_op.operation_id,
                "summary": spec_op.summary,
                "description": spec_op.description + _role_note(method, spec_op),
                "tags": [spec_op.tag],
                "parameters": _parameters(operation, spec_op, key_path),
            }
            if method == "post":
                new_op["parameters"] = [p for p in new_op["parameters"] if p["name"] != "Idempotency-Key"] + [
                    {
                        "in": "header",
                        "name": "Idempotency-Key",
                        "required": False,
                        "description": "Any unique string (≤ 255 characters, e.g. a UUID). The same key "
                        "with the same request within 24 hours replays the first response "
                        "(`Idempotent-Replayed: true`); keys are per token.",
                        "schema": {"type": "string", "minLength": 1, "maxLength": 255},
                    }
                ]
            if not new_op["parameters"]:
                del new_op["parameters"]
            if "requestBody" in operation:
                body = deepcopy(operation["requestBody"])
                ref = body["content"].get("application/json", {}).get("schema", {}).get("$ref", "")
                required = bool(components["schemas"].get(ref.split("/")[-1], {}).get("required"))
                # A body is required where the server refuses its absence; elsewhere no body is `{}`.
                body["required"] = required or key in BODY_REQUIRED
                body["description"] = "The fields to set; any other field is refused (400 validation_error)."
                for media_type in list(body.get("content", {})):
                    if media_type != "application/json":
                        del body["content"][media_type]
                media = body["content"]["application/json"]
                media.pop("examples", None)
                media["example"] = REQUEST_EXAMPLES.get(key) or builder.build(media["schema"])
                new_op["requestBody"] = body
            responses = _success_responses(method, operation, spec_op, builder, components)
            for status, codes in _operation_errors(method, key, operation, spec_op).items():
                responses[str(status)] = _error_response(status, codes, spec_op.role)
            new_op["responses"] = dict(sorted(responses.items()))
            if spec_op.operation_id == "downloadWorkspaceArchive":
                new_op["security"] = []
            else:
                new_op["security"] = [{"bearerAuth": []}]
            if operation.get("deprecated"):
                new_op["deprecated"] = True
            new_item[method] = new_op
        paths[PREFIX + key_path] = new_item
    paginated = {op.operation_id for op in OPERATIONS.values() if op.paginated}
    for path, item in paths.items():
        for method, op in item.items():
            for parameter in op.get("parameters", []):
                constraints.apply_to_parameter(parameter)
                example = samples.parameter_example(op["operationId"], parameter, builder.build)
                if example is not None:
                    parameter["example"] = example
            op["x-codeSamples"] = samples.code_samples(method, path, op, op["operationId"] in paginated)
    links.apply(paths)
    result["paths"] = dict(sorted(paths.items()))
    result["webhooks"] = _webhooks(components)
    error_codes = sorted(ERROR_CODES)
    components["schemas"]["Error"]["properties"]["error"]["properties"]["code"] = {
        "type": "string",
        "enum": error_codes,
        "description": "Stable and machine-readable: branch on it. Listed with what to do at /docs/errors/.",
    }
    components["securitySchemes"] = {
        "bearerAuth": {
            "type": "http",
            "scheme": "bearer",
            "description": "`Authorization: Bearer lds_…` — an API token minted in the dashboard "
            "(Settings → API tokens) or with `manage.py token create`. Its role (`agent`, `admin`, "
            "`owner`) and scope (`read_write`, `read`) decide what it may do.",
        }
    }
    components["schemas"] = dict(sorted(components["schemas"].items()))
    # Relative to the host serving this document: every installation describes itself.
    result["servers"] = [{"url": "/", "description": "This installation (the host serving this spec)."}]
    known = {name for name, _ in TAGS}
    unlisted = sorted(
        {tag for item in paths.values() for op in item.values() for tag in op["tags"]}
        - known
        - {"webhook events"}
    )
    result["tags"] = (
        [{"name": name, "description": description} for name, description in TAGS]
        + [{"name": name, "description": f"The {name} endpoints."} for name in unlisted]
        + [
            {
                "name": "webhook events",
                "description": "What your endpoint receives: one entry per catalogue event, with its payload "
                "and the signature headers.",
            }
        ]
    )
    result["info"] = _info(result.get("info", {}))
    result.pop("security", None)
    result["security"] = [{"bearerAuth": []}]
    assert set(result["webhooks"]) == set(WEBHOOK_EVENT_TYPES)
    return result


def _unlisted(method: str, key_path: str, operation: dict) -> Operation:
    """An operation with no entry in operations.py (a test's own view, or one just added): described
    plainly, never with its docstring. tests/docs/test_spec.py fails until the entry is written."""
    words = re.sub(r"[{}]", "", key_path).strip("/").replace("/", " ").replace("-", " ").replace("_", " ")
    summary = f"{method.upper()} {key_path}"
    camel = method + "".join(word.capitalize() for word in words.split())
    return Operation(camel, summary, summary + ".", (operation.get("tags") or ["other"])[0])


def _role_note(method: str, spec_op) -> str:
    if spec_op.operation_id == "downloadWorkspaceArchive":
        return "\n\n**Authentication:** none; the `signature` parameter is the credential."
    scope = " with the `read_write` scope" if method in WRITE_METHODS else ""
    roles = [role for role, rank in ROLE_RANK.items() if rank >= ROLE_RANK[spec_op.role]]
    return f"\n\n**Roles:** {', '.join(f'`{r}`' for r in roles)}{scope}."


def _info(info: dict) -> dict:
    return {
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
