"""The served OpenAPI document: complete, exact, and free of developer notes (issue 16 part 1)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jsonschema.validators import Draft202012Validator

from leadiosa.api.spec.errors import ERROR_CODES
from leadiosa.api.spec.events import CATALOGUE, DELIVERY_HEADERS
from leadiosa.api.spec.operations import OPERATIONS
from leadiosa.api.spec.samples import PATH_PARAMETER_PREFIXES, WITHOUT_EXAMPLE
from leadiosa.events import WEBHOOK_EVENT_TYPES
from leadiosa.ids import is_public_id

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
METHODS = ("get", "post", "put", "patch", "delete")
# Words of developer docstrings that must never reach integrators (or generated SDKs).
DEVELOPER_WORDS = re.compile(
    r"Subclasses|Meta\.|\.iterator\(\)|queryset|scoped_queryset|EXPORT_CHUNK_ROWS|serializer|"
    r"Input: only the declared|swagger_fake_view|noqa|TODO|get_object|ContextVar",
    re.IGNORECASE,
)


def operations(spec):
    for path, item in spec["paths"].items():
        if path.startswith("/api/v1/_test"):
            continue  # views the test settings add
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def _texts(node, where=""):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("description", "summary", "title") and isinstance(value, str):
                yield f"{where}/{key}", value
            elif key not in ("example", "examples"):
                yield from _texts(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _texts(value, f"{where}/{index}")


def _validator(spec, schema):
    return Draft202012Validator({**schema, "components": spec["components"]})


def test_the_spec_is_openapi_3_1_with_servers_tags_and_info(spec):
    assert spec["openapi"].startswith("3.1")
    assert spec["servers"] and spec["info"]["description"] and spec["info"]["license"]["name"]
    tags = {tag["name"]: tag["description"] for tag in spec["tags"]}
    assert all(tags.values())
    for _, _, operation in operations(spec):
        assert set(operation["tags"]) <= set(tags)


def test_no_developer_docstring_reaches_the_spec(spec):
    leaked = [(where, text) for where, text in _texts(spec) if DEVELOPER_WORDS.search(text)]
    assert leaked == []


def test_every_operation_has_an_idiomatic_id_a_summary_and_a_description(spec):
    seen = set()
    for _, _, operation in operations(spec):
        assert re.fullmatch(r"[a-z]+[A-Z][A-Za-z]*", operation["operationId"]), operation["operationId"]
        assert operation["operationId"] not in seen
        seen.add(operation["operationId"])
        assert operation["summary"] and len(operation["description"]) > len(operation["summary"])
        assert operation.get("security") is not None
    # Every operation served has its words in leadiosa/api/spec/operations.py (entries may come first).
    assert seen <= {op.operation_id for op in OPERATIONS.values()}


def test_path_parameters_are_named_after_what_they_identify(spec):
    names = {name for path, _, _ in operations(spec) for name in re.findall(r"{(\w+)}", path)}
    assert "id" not in names
    assert all(name.endswith("_id") for name in names)


def test_every_parameter_response_and_schema_is_described(spec):
    for path, method, operation in operations(spec):
        for parameter in operation.get("parameters", []):
            assert parameter.get("description"), (path, method, parameter["name"])
        for status, response in operation["responses"].items():
            assert response.get("description"), (path, method, status)
        if "requestBody" in operation:
            assert operation["requestBody"].get("description")
    for name, schema in spec["components"]["schemas"].items():
        assert schema.get("description"), name


def _schema_properties(node, where):
    """(where, property) for every property of every object schema under `node`, nested ones included."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("example", "examples", "enum", "required", "if", "then", "else", "not"):
                continue  # values, and conditions restating fields declared beside them
            if key == "properties" and isinstance(value, dict):
                for name, prop in value.items():
                    yield f"{where}.{name}", prop
                    yield from _schema_properties(prop, f"{where}.{name}")
            else:
                yield from _schema_properties(value, f"{where}/{key}" if not where.endswith(key) else where)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _schema_properties(value, f"{where}[{index}]")


def test_every_schema_property_is_described(spec):
    """What a field is, its format, and when it is null or absent: for integrators and generated SDKs. A
    new serializer field without help_text fails here."""
    found = list(_schema_properties(spec["components"]["schemas"], ""))
    assert len(found) > 300
    undescribed = sorted(where for where, prop in found if not (prop.get("description") or "").strip())
    assert undescribed == []
    leaked = [
        (where, prop["description"]) for where, prop in found if DEVELOPER_WORDS.search(prop["description"])
    ]
    assert leaked == []


def test_every_path_and_query_parameter_has_an_example_that_validates(spec):
    count = 0
    for path, method, operation in operations(spec):
        for parameter in operation.get("parameters", []):
            if parameter["in"] not in ("path", "query"):
                continue
            if parameter["in"] == "query" and parameter["name"] in WITHOUT_EXAMPLE:
                # An opaque cursor: any example would be refused (400 invalid_cursor) if tried.
                assert "example" not in parameter, (path, method, parameter["name"])
                continue
            assert "example" in parameter, (path, method, parameter["name"])
            validator = Draft202012Validator(
                parameter["schema"], format_checker=Draft202012Validator.FORMAT_CHECKER
            )
            assert list(validator.iter_errors(parameter["example"])) == [], (path, method, parameter["name"])
            if parameter["in"] == "path":  # an id of the right type, in our format
                prefix = PATH_PARAMETER_PREFIXES[parameter["name"]]
                assert is_public_id(parameter["example"], prefix), parameter["example"]
            count += 1
    assert count > 60


def test_every_media_type_has_an_example_that_validates(spec):
    count = 0
    for path, method, operation in operations(spec):
        bodies = []
        if "requestBody" in operation:
            bodies.append(("request", operation["requestBody"]["content"]))
        bodies += [(status, r.get("content", {})) for status, r in operation["responses"].items()]
        for where, content in bodies:
            for media_type, media in content.items():
                if media["schema"].get("format") == "binary":
                    continue  # a zip file: no example to print
                examples = [media["example"]] if "example" in media else []
                examples += [e["value"] for e in media.get("examples", {}).values()]
                assert examples, (path, method, where, media_type)
                if media_type == "application/json":
                    validator = _validator(spec, media["schema"])
                    for example in examples:
                        errors = [e.message for e in validator.iter_errors(example)]
                        assert errors == [], (path, method, where, errors)
                count += len(examples)
    assert count > 300


def test_each_operation_lists_its_error_codes_from_the_catalogue(spec):
    for path, method, operation in operations(spec):
        statuses = {s for s in operation["responses"] if s[0] in "45"}
        assert "405" not in statuses  # no operation answers 405 to its own method
        assert {"401", "429"} <= statuses or path.endswith("/download")
        if method in ("get", "delete"):
            assert "413" not in statuses and "415" not in statuses
        for status in statuses:
            schema = operation["responses"][status]["content"]["application/json"]["schema"]
            assert schema["allOf"][0] == {"$ref": "#/components/schemas/Error"}
            codes = schema["allOf"][1]["properties"]["error"]["properties"]["code"]["enum"]
            for code in codes:
                assert code in ERROR_CODES
                assert str(ERROR_CODES[code].status) == status or (code, status) == (
                    "contact_not_found",
                    "422",
                )
    assert spec["components"]["schemas"]["Error"]["properties"]["error"]["properties"]["code"][
        "enum"
    ] == sorted(ERROR_CODES)


# Codes only the dashboard's doors can meet (member management, invitations, resending an e-mail), never an
# API answer.
DASHBOARD_ONLY = {
    "invitation_not_found",
    "invitation_not_pending",
    "invitation_pending",
    "token_not_found",
    "token_inactive",
    "already_member",
    "last_owner",
    "role_too_high",
    "message_not_found",  # Settings → E-mail's "Send again" (apps/channels_email/delivery.email_resend)
    "email_not_failed",
    "conflict",  # the lifecycle errors' abstract base
    "not_acceptable",  # content negotiation is fixed to JSON: unreachable
    "not_found",  # the base viewset's placeholder, overridden by every resource
}
CODE_PATTERNS = [
    r'ApiError\(\s*\d{3},\s*"([a-z_]+)"',
    r'(?:Conflict|InvalidInput|NotFound|Unprocessable|Forbidden|DomainError)\(\s*"([a-z_]+)"',
    r'^\s+code = "([a-z_]+)"',
    r'not_found_code = "([a-z_]+)"',
    r'error_response\(\s*\d{3},\s*"([a-z_]+)"',
    r'return \d{3}, "([a-z_]+)"',
]


def test_every_error_code_the_code_base_answers_is_catalogued():
    found = set()
    for folder in ("apps", "leadiosa"):
        for source in (ROOT / folder).rglob("*.py"):
            if {"migrations", "dashboard", "support"} & set(source.parts):
                continue  # doors other than the API (the dashboard, support tooling)
            text = source.read_text()
            for pattern in CODE_PATTERNS:
                found |= set(re.findall(pattern, text, re.MULTILINE))
    missing = found - set(ERROR_CODES) - DASHBOARD_ONLY
    assert missing == set()


def test_one_pagination_schema_for_every_list(spec):
    schemas = spec["components"]["schemas"]
    lists = [
        name
        for name, schema in schemas.items()
        if {"data", "pagination"} <= set(schema.get("properties", {}))
    ]
    assert len(lists) >= 9
    for name in lists:
        assert schemas[name]["properties"]["pagination"]["$ref"] == "#/components/schemas/Pagination"
    assert "next_cursor" in schemas["Pagination"]["description"]


def test_comma_list_filters_and_the_assignee_none_value_are_documented(spec):
    parameters = {p["name"]: p for p in spec["paths"]["/api/v1/conversations"]["get"]["parameters"]}
    for name in ("status", "priority"):
        assert parameters[name]["schema"]["type"] == "array"
        assert (parameters[name]["style"], parameters[name]["explode"]) == ("form", False)
    assert "`none`" in parameters["assignee_id"]["description"]
    author_type = spec["components"]["schemas"]["MessageCreateRequest"]["properties"]["author_type"]
    assert author_type["enum"] == ["agent", "contact"]


def test_status_comma_list_works_as_documented(owner):
    owner.api.post("conversations", {"contact": {"email": "a@example.com"}, "handled_by": "human"})
    response = owner.api.get("conversations", {"status": "open,closed"})
    assert response.status_code == 200 and len(response.json()["data"]) == 1


def test_success_responses_document_the_headers(spec):
    for path, method, operation in operations(spec):
        for status, response in operation["responses"].items():
            headers = set(response.get("headers", {}))
            assert "X-Request-Id" in headers, (path, method, status)
            if status[0] == "2" and not path.endswith("/download"):
                assert {
                    "X-RateLimit-Limit",
                    "X-RateLimit-Remaining",
                    "X-RateLimit-Reset",
                    "X-API-Deprecation",
                } <= headers
                if method == "post":
                    assert "Idempotent-Replayed" in headers
            if status in ("429", "503"):
                assert "Retry-After" in headers


def test_the_archive_download_is_typed_and_needs_no_token(spec):
    operation = spec["paths"]["/api/v1/workspace/archive/download"]["get"]
    assert operation["security"] == []
    assert operation["responses"]["200"]["content"]["application/zip"]["schema"]["format"] == "binary"
    assert operation["responses"]["404"]["content"]["application/json"]["schema"]["allOf"][0][
        "$ref"
    ].endswith("/Error")


def test_webhooks_one_per_catalogue_event_with_payload_and_signature_headers(spec):
    assert set(spec["webhooks"]) == set(WEBHOOK_EVENT_TYPES) == {event.type for event in CATALOGUE}
    for event_type, item in spec["webhooks"].items():
        operation = item["post"]
        headers = {p["name"] for p in operation["parameters"] if p["in"] == "header"}
        assert headers == {name for name, _, _ in DELIVERY_HEADERS}
        media = operation["requestBody"]["content"]["application/json"]
        assert media["example"]["type"] == event_type
        assert list(_validator(spec, media["schema"]).iter_errors(media["example"])) == []
        assert operation["summary"] and operation["description"]


def test_the_events_api_and_recovery_are_in_the_spec(spec):
    events = spec["paths"]["/api/v1/events"]["get"]
    assert {"type", "created_after", "created_before", "limit", "after"} <= {
        p["name"] for p in events["parameters"]
    }
    assert "30 days" in events["description"]
    assert "patch" in spec["paths"]["/api/v1/webhooks/{webhook_id}"]
    assert "post" in spec["paths"]["/api/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/retry"]
