"""CONTRACT §1 and §3 over real HTTP, for every operation the server's own spec lists (issue 19).

The server is gunicorn in the production shape on a free port (tests/contract/live.py); every response
any test here receives is checked for the cross-cutting rules (request id in header and body, error
envelope, WWW-Authenticate on 401, rate-limit headers when authenticated, no null, exact timestamps,
never a 5xx). Each test then walks the served spec, so a new endpoint is covered without new code.
"""

from __future__ import annotations

import pytest

from .live import RANK, Live, build_world, least_role, missing_ids, operations

live_db = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PERSONA_ROLE = {"agent": "agent", "admin": "admin", "owner": "owner", "owner_read": "owner"}


@pytest.fixture
def live(server) -> Live:
    return Live(server)


@pytest.fixture
def spec(live):
    return live.spec()


@pytest.fixture
def world(live):
    return build_world(live)


def _body(operation) -> dict | None:
    if operation.method in ("post", "patch", "put"):
        return {}
    return None


@live_db
def test_every_read_of_the_workspaces_own_objects_answers_200(live, spec, world):
    ours, _ = world
    checked = 0
    for operation in operations(spec):
        if operation.method != "get" or operation.public:
            continue
        query = {"q": "refund"} if any(p.get("required") for p in operation.query_parameters) else None
        response = live.call("get", operation.url(ours.ids), ours.tokens["owner"], params=query)
        assert response.status_code == 200, (str(operation), response.text[:300])
        checked += 1
    assert checked >= 20


@live_db
def test_another_workspaces_id_on_every_path_is_the_same_404_as_a_missing_id(live, spec, world):
    ours, theirs = world
    token = ours.tokens["owner"]
    checked = 0
    for operation in operations(spec):
        if not operation.path_parameters or operation.public:
            continue
        foreign = live.call(operation.method, operation.url(theirs.ids), token, _body(operation))
        missing = live.call(operation.method, operation.url(missing_ids(theirs.ids)), token, _body(operation))
        assert foreign.status_code == 404, (str(operation), foreign.text[:300])
        assert missing.status_code == 404, (str(operation), missing.text[:300])
        assert foreign.json()["error"]["code"] == missing.json()["error"]["code"], str(operation)
        assert foreign.json()["error"]["code"].endswith("_not_found"), str(operation)
        checked += 1
    assert checked >= 20
    # Nothing of theirs changed: their objects still read as before.
    for operation in operations(spec):
        if operation.method == "get" and operation.path_parameters and not operation.public:
            response = live.call("get", operation.url(theirs.ids), theirs.tokens["owner"])
            assert response.status_code == 200, str(operation)


@live_db
def test_the_role_and_scope_matrix_on_every_operation(live, spec, world):
    """CONTRACT §3: below an operation's least role → 403 permission_denied; a read token → 403 on every
    non-GET; otherwise never a 403 (ids that name nothing keep the allowed writes harmless)."""
    ours, _ = world
    nowhere = missing_ids(ours.ids)
    forbidden_seen = allowed_seen = 0
    for operation in operations(spec):
        if operation.public:
            continue
        least = least_role(operation.method, operation.path)
        for persona, role in PERSONA_ROLE.items():
            forbidden = RANK[role] < RANK[least] or (persona.endswith("_read") and operation.method != "get")
            if (
                not forbidden
                and operation.method != "get"
                and operation.path.startswith("/api/v1/workspace/")
            ):
                continue  # an owner's archive/close/restore would really happen
            query = {"q": "x"} if any(p.get("required") for p in operation.query_parameters) else None
            response = live.call(
                operation.method, operation.url(nowhere), ours.tokens[persona], _body(operation), params=query
            )
            if forbidden:
                assert response.status_code == 403, (persona, str(operation), response.text[:300])
                assert response.json()["error"]["code"] == "permission_denied"
                forbidden_seen += 1
            else:
                assert response.status_code != 403, (persona, str(operation), response.text[:300])
                allowed_seen += 1
    assert forbidden_seen >= 40 and allowed_seen >= 60


@live_db
def test_every_list_answers_the_pagination_envelope_and_pages_by_cursor(live, spec, world):
    ours, _ = world
    token = ours.tokens["owner"]
    lists = [op for op in operations(spec) if op.is_list and not op.public]
    assert len(lists) >= 8
    paged = 0
    for operation in lists:
        url = operation.url(ours.ids)
        whole = live.call("get", url, token).json()
        assert set(whole) == {"data", "pagination"}, str(operation)
        assert isinstance(whole["data"], list) and isinstance(whole["pagination"]["has_more"], bool)
        if not whole["pagination"]["has_more"]:
            assert "next_cursor" not in whole["pagination"], str(operation)
        if len(whole["data"]) < 2:
            continue
        seen, params = [], {"limit": 1}
        while True:
            page = live.call("get", url, token, params=params).json()
            seen += [row["id"] for row in page["data"]]
            if not page["pagination"]["has_more"]:
                assert "next_cursor" not in page["pagination"]
                break
            assert page["pagination"]["next_cursor"].startswith("cur_"), str(operation)
            params = {"limit": 1, "after": page["pagination"]["next_cursor"]}
            assert len(seen) <= len(whole["data"]), str(operation)
        assert seen == [row["id"] for row in whole["data"]], str(operation)
        paged += 1
    assert paged >= 5


@live_db
def test_an_unknown_query_parameter_is_refused_on_every_operation(live, spec, world):
    ours, _ = world
    for operation in operations(spec):
        if operation.public or operation.method != "get":
            continue
        response = live.call("get", operation.url(ours.ids), ours.tokens["owner"], params={"zz_typo": "1"})
        assert response.status_code == 400, (str(operation), response.text[:200])
        error = response.json()["error"]
        assert (error["code"], error.get("param")) == ("invalid_parameter", "zz_typo"), str(operation)


@live_db
def test_an_unknown_or_read_only_body_field_is_refused_on_every_write(live, spec, world):
    ours, _ = world
    checked = 0
    for operation in operations(spec):
        body = operation.spec.get("requestBody")
        if body is None:
            continue
        example = dict(body["content"]["application/json"].get("example") or {})
        for field in ("zz_unknown", "id", "workspace_id", "created_at"):
            response = live.call(
                operation.method, operation.url(ours.ids), ours.tokens["owner"], {**example, field: "x"}
            )
            assert response.status_code == 400, (str(operation), field, response.text[:300])
            error = response.json()["error"]
            assert (error["code"], error.get("param")) == ("validation_error", field), (str(operation), field)
            checked += 1
    assert checked >= 40


@live_db
def test_errors_outside_any_operation_keep_the_envelope(live, world):
    ours, _ = world
    token = ours.tokens["owner"]
    cases = [
        (live.call("get", "/api/v1/no-such-route", token), 404, "route_not_found"),
        (live.call("put", "/api/v1/contacts", token, {}), 405, "method_not_allowed"),
        (live.call("get", "/api/v1/contacts", None), 401, "missing_token"),
        (live.call("get", "/api/v1/contacts", "lds_" + "A" * 40), 401, "invalid_token"),
        (
            live.call(
                "post",
                "/api/v1/contacts",
                token,
                content=b"{not json",
                headers={"Content-Type": "application/json"},
            ),
            400,
            "invalid_json",
        ),
        (
            live.call(
                "post", "/api/v1/contacts", token, content=b"email=x", headers={"Content-Type": "text/plain"}
            ),
            415,
            "unsupported_media_type",
        ),
    ]
    for response, status, code in cases:
        assert (response.status_code, response.json()["error"]["code"]) == (status, code)
