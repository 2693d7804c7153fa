"""CONTRACT §1 query parameters, for every operation of the served spec (issue 19).

"A parameter given with an empty value (`after=`) is treated as absent. Integers are ASCII digits
only." And the spec says what the server enforces: `limit` is 1-100 everywhere, a required text
parameter is never empty, and a request body takes no field it does not list.
"""

from __future__ import annotations

import pytest

from tests.conftest import ApiClient


@pytest.fixture
def spec(db):
    response = ApiClient(None).get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def _operations(spec, method=None):
    for path, item in spec["paths"].items():
        for verb, operation in item.items():
            if method is None or verb == method:
                yield path, verb, operation


def _query_parameters(operation):
    return [p for p in operation.get("parameters", []) if p["in"] == "query"]


def test_every_limit_parameter_says_1_to_100(spec):
    limits = [
        (path, p["schema"])
        for path, _, op in _operations(spec)
        for p in _query_parameters(op)
        if p["name"] == "limit"
    ]
    assert len(limits) >= 10
    for path, schema in limits:
        assert (schema.get("minimum"), schema.get("maximum")) == (1, 100), path


def test_every_required_text_parameter_is_never_empty(spec):
    for path, _, operation in _operations(spec):
        for parameter in _query_parameters(operation):
            if parameter.get("required") and parameter["schema"].get("type") == "string":
                assert parameter["schema"].get("minLength", 0) >= 1, (path, parameter["name"])


def test_every_request_body_refuses_fields_it_does_not_list(spec):
    schemas = spec["components"]["schemas"]
    bodies = 0
    for path, verb, operation in _operations(spec):
        body = operation.get("requestBody")
        if body is None:
            continue
        ref = body["content"]["application/json"]["schema"]["$ref"].split("/")[-1]
        assert schemas[ref].get("additionalProperties") is False, (verb, path, ref)
        bodies += 1
    assert bodies >= 10


def test_an_empty_value_is_treated_as_absent_on_every_list(spec, owner):
    """Every optional query parameter of every GET without a path id, sent empty, answers as if absent."""
    checked = 0
    for path, _, operation in _operations(spec, "get"):
        if "{" in path or operation.get("security") == []:
            continue
        parameters = _query_parameters(operation)
        required = {p["name"]: "x" for p in parameters if p.get("required")}
        baseline = owner.api.get(path, required)
        assert baseline.status_code == 200, (path, baseline.content)
        for parameter in parameters:
            if parameter.get("required"):
                continue
            response = owner.api.get(path, {**required, parameter["name"]: ""})
            assert response.status_code == 200, (path, parameter["name"], response.content)
            checked += 1
    assert checked >= 30


def test_an_empty_required_parameter_is_missing(owner):
    response = owner.api.get("knowledge/search", {"q": ""})
    assert response.status_code == 400
    assert response.json()["error"]["param"] == "q"


@pytest.mark.parametrize("limit", ["0", "101", "-1", "+5", " 5", "5 ", "1_0", "٥", "５", "5.0", "1e1"])
def test_limit_takes_ascii_digits_from_1_to_100_only(owner, limit):
    for path in ("conversations", "contacts", "audit", "members", "events", "knowledge/search"):
        response = owner.api.get(path, {"limit": limit, **({"q": "x"} if "search" in path else {})})
        assert response.status_code == 400, (path, limit)
        error = response.json()["error"]
        assert (error["code"], error["param"]) == ("invalid_parameter", "limit"), (path, limit)


def test_limit_at_the_bounds_is_accepted(owner):
    for limit in ("1", "100", "025"):
        assert owner.api.get("conversations", {"limit": limit}).status_code == 200
