"""Tests written for the mutants of leadiosa/api/query_parameters.py that survived the area's tests
(tests/mutation/run.sh query_parameters; the list and the equivalent ones: tests/mutation/RESULTS.md).

The table of each operation's query parameters is built once per process and URLconf, and each route's
answer remembered. So a mutant of the code that builds them is only seen by a process that builds them
again: each test here starts as a fresh worker does, with empty tables (`fresh_worker`). What a client
sees then: an unknown parameter is refused naming exactly the parameters the served spec lists for the
operation (or none), HEAD takes GET's, a path parameter matches one segment, and a fixed segment
(`/audit/export`) wins over a path parameter (`/audit/{audit_entry_id}`).
"""

from __future__ import annotations

import pytest

from leadiosa.api import query_parameters
from tests.conftest import ApiClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh_worker():
    query_parameters._specs.clear()
    query_parameters._by_route.clear()
    yield
    query_parameters._specs.clear()
    query_parameters._by_route.clear()


@pytest.fixture
def spec(db):
    response = ApiClient(None).get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def _names(spec, path, method):
    operation = spec["paths"][path][method]
    return sorted(p["name"] for p in operation.get("parameters", []) if p["in"] == "query")


def _refusal(response, name):
    assert response.status_code == 400, response.content[:300]
    error = response.json()["error"]
    assert (error["code"], error["param"]) == ("invalid_parameter", name)
    return error["message"]


@pytest.mark.parametrize(
    ("path", "spec_path"),
    [
        ("contacts", "/api/v1/contacts"),
        ("conversations", "/api/v1/conversations"),
        ("audit", "/api/v1/audit"),
        ("audit/export", "/api/v1/audit/export"),
    ],
)
def test_an_unknown_parameter_names_every_parameter_the_spec_lists(
    fresh_worker, spec, admin, path, spec_path
):
    names = _names(spec, spec_path, "get")
    assert names  # these lists take parameters
    message = _refusal(admin.api.get(path, {"nope": "1"}), "nope")
    assert message == f"Unknown query parameter 'nope'. This operation takes: {', '.join(names)}."


def test_an_operation_without_parameters_says_so(fresh_worker, spec, admin):
    assert _names(spec, "/api/v1/contacts", "post") == []
    message = _refusal(admin.api.post("contacts?nope=1", {"email": "q@example.com"}), "nope")
    assert message == "Unknown query parameter 'nope'. This operation takes: no query parameters."


def test_head_takes_the_parameters_of_get(fresh_worker, admin):
    response = admin.api.client.head("/api/v1/contacts?limit=1", headers=admin.api._headers(None))
    assert response.status_code == 200
    response = admin.api.client.head("/api/v1/contacts?nope=1", headers=admin.api._headers(None))
    assert response.status_code == 400


def test_a_path_parameter_is_one_segment_and_its_operation_is_found(fresh_worker, spec, agent):
    conversation = agent.api.post(
        "conversations", {"contact": {"email": "p@example.com"}, "message": {"body": "hi"}}
    ).json()
    path = f"conversations/{conversation['id']}/messages"
    assert agent.api.get(path, {"limit": "1"}).status_code == 200
    names = _names(spec, "/api/v1/conversations/{conversation_id}/messages", "get")
    message = _refusal(agent.api.get(path, {"nope": "1"}), "nope")
    assert message == f"Unknown query parameter 'nope'. This operation takes: {', '.join(names)}."


def test_a_fixed_segment_wins_over_a_path_parameter(fresh_worker, spec, admin):
    # /audit/export takes `format`; /audit/{audit_entry_id} takes nothing, and "export" would match it.
    assert "format" in _names(spec, "/api/v1/audit/export", "get")
    assert _names(spec, "/api/v1/audit/{audit_entry_id}", "get") == []
    assert admin.api.get("audit/export", {"format": "jsonl"}).status_code == 200
    message = _refusal(admin.api.get("audit/aud_x", {"format": "jsonl"}), "format")
    assert message == "Unknown query parameter 'format'. This operation takes: no query parameters."


def test_warming_a_worker_builds_the_table_its_requests_use(fresh_worker, settings, admin):
    # gunicorn's post_worker_init calls warm(): the first client request then generates no spec.
    query_parameters.warm()
    assert list(query_parameters._specs) == [settings.ROOT_URLCONF]
    table = query_parameters._specs[settings.ROOT_URLCONF]
    assert admin.api.get("contacts", {"limit": "1"}).status_code == 200
    assert query_parameters._specs[settings.ROOT_URLCONF] is table
