"""GET /audit and GET /audit/{id}: admin and owner only, filters, keyset pagination, tenant isolation."""

from datetime import UTC, datetime, timedelta

import pytest

from apps.audit.models import AuditEntry
from leadiosa.context import Actor, acting_as
from leadiosa.events import emit
from tests.audit.factories import bulk_chain

pytestmark = pytest.mark.django_db


def _emit(workspace_id, action="conversation.updated", resource_id="conv_1", actor=None, changes=("status",)):
    with acting_as(actor or Actor(type="token", id="tok_x")):
        emit(
            action,
            workspace_id=workspace_id,
            resource_type=action.split(".")[0],
            resource_id=resource_id,
            changes=changes,
        )


@pytest.mark.parametrize(
    ("persona", "status"), [("owner", 200), ("admin", 200), ("agent", 403), ("reader", 403)]
)
def test_audit_list_needs_admin_role(personas, persona, status):
    response = personas[persona].api.get("audit")
    assert response.status_code == status
    if status == 403:
        assert response.json()["error"]["code"] == "permission_denied"


def test_audit_list_needs_a_token(anonymous):
    assert anonymous.get("audit").json()["error"]["code"] == "missing_token"


def test_audit_list_is_read_only(admin):
    assert admin.api.post("audit", {}).status_code == 405
    assert admin.api.delete("audit").status_code == 405


def test_entry_shape_omits_empty_fields(admin):
    _emit(admin.workspace.id, action="conversation.closed", changes=())
    response = admin.api.get("audit", {"action": "conversation.closed"})
    (entry,) = response.json()["data"]
    # `source` always appears on entries written since it is kept (here: no request, so the system's).
    assert set(entry) == {"id", "action", "actor", "resource", "source", "created_at"}
    assert entry["source"] == "system"
    assert entry["actor"] == {"type": "token", "id": "tok_x"}
    assert entry["resource"] == {"type": "conversation", "id": "conv_1"}
    assert entry["id"].startswith("aud_")
    assert entry["created_at"].endswith("Z") and len(entry["created_at"]) == 24


def test_api_request_records_its_request_id_and_ip_and_token(admin):
    response = admin.api.get("audit")
    assert response.status_code == 200
    # Token minting for the fixtures happened outside any request; the entry names the actor anyway.
    created = [e for e in response.json()["data"] if e["resource"]["id"] == admin.token.id]
    assert created and created[0]["action"] == "token.created"


def test_newest_first_with_keyset_pagination(admin):
    workspace_id = admin.workspace.id
    for n in range(7):
        _emit(workspace_id, resource_id=f"conv_{n}")
    seen, cursor = [], None
    while True:
        params = {"limit": 3, "resource_type": "conversation"}
        if cursor:
            params["after"] = cursor
        body = admin.api.get("audit", params).json()
        seen += [entry["resource"]["id"] for entry in body["data"]]
        if not body["pagination"]["has_more"]:
            assert "next_cursor" not in body["pagination"]
            break
        cursor = body["pagination"]["next_cursor"]
    assert seen == [f"conv_{n}" for n in reversed(range(7))]


def test_cursor_stays_valid_when_entries_are_added(admin):
    for n in range(4):
        _emit(admin.workspace.id, resource_id=f"conv_{n}")
    first = admin.api.get("audit", {"limit": 2, "resource_type": "conversation"}).json()
    _emit(admin.workspace.id, resource_id="conv_new")
    second = admin.api.get(
        "audit", {"limit": 2, "resource_type": "conversation", "after": first["pagination"]["next_cursor"]}
    ).json()
    assert [e["resource"]["id"] for e in second["data"]] == ["conv_1", "conv_0"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"action": "conversation.closed"}, {"conv_closed"}),
        ({"actor_id": "usr_someone"}, {"conv_by_user"}),
        ({"resource_type": "note"}, {"note_1"}),
        ({"resource_id": "conv_by_user"}, {"conv_by_user"}),
        ({"resource_type": "conversation", "action": "conversation.updated"}, {"conv_by_user"}),
    ],
)
def test_filters(admin, params, expected):
    workspace_id = admin.workspace.id
    _emit(workspace_id, action="conversation.closed", resource_id="conv_closed")
    _emit(workspace_id, resource_id="conv_by_user", actor=Actor(type="user", id="usr_someone"))
    _emit(workspace_id, action="note.created", resource_id="note_1")
    body = admin.api.get("audit", params).json()
    assert {entry["resource"]["id"] for entry in body["data"]} == expected


def test_created_after_and_before_filter_a_time_range(admin):
    start = datetime(2026, 1, 1, tzinfo=UTC)
    bulk_chain(admin.workspace.id, 10, start=start, step=timedelta(minutes=1))
    response = admin.api.get(
        "audit",
        {
            "resource_type": "conversation",
            "created_after": "2026-01-01T00:02:00Z",
            "created_before": "2026-01-01T01:06:00+01:00",
        },
    )
    assert [e["created_at"] for e in response.json()["data"]] == [
        f"2026-01-01T00:0{m}:00.000Z" for m in (5, 4, 3)
    ]


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"created_after": "yesterday"}, "created_after"),
        ({"created_before": "2026-01-01T00:00:00"}, "created_before"),
        ({"limit": "0"}, "limit"),
        ({"limit": "101"}, "limit"),
    ],
)
def test_invalid_parameters_are_400(admin, params, param):
    response = admin.api.get("audit", params)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_parameter"
    assert response.json()["error"]["param"] == param


def test_foreign_cursor_is_400(admin):
    response = admin.api.get("audit", {"after": "cur_nonsense"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_cursor"


def test_other_workspace_entries_never_leak(admin, stranger):
    _emit(stranger.workspace.id, resource_id="conv_secret")
    _emit(admin.workspace.id, resource_id="conv_mine")
    listed = admin.api.get("audit", {"limit": 100}).json()["data"]
    ids = {entry["resource"]["id"] for entry in listed}
    assert "conv_mine" in ids and "conv_secret" not in ids
    assert stranger.token.id not in ids
    foreign = AuditEntry.all_workspaces.filter(workspace_id=stranger.workspace.id).first()
    response = admin.api.get(f"audit/{foreign.id}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "audit_entry_not_found"
    missing = admin.api.get("audit/aud_doesnotexist")
    assert missing.json()["error"] == {**missing.json()["error"], "code": "audit_entry_not_found"}
    assert admin.api.get("audit", {"resource_id": "conv_secret"}).json()["data"] == []


def test_retrieve_one_entry(admin):
    _emit(admin.workspace.id, resource_id="conv_one")
    entry = AuditEntry.all_workspaces.filter(workspace_id=admin.workspace.id, resource_id="conv_one").get()
    body = admin.api.get(f"audit/{entry.id}").json()
    assert body["id"] == entry.id and body["changes"] == ["status"]


def test_list_query_count_does_not_grow_with_the_page(admin, django_assert_max_num_queries):
    admin.api.get("audit")  # warm the token cache
    with django_assert_max_num_queries(4) as one:
        assert len(admin.api.get("audit", {"limit": 1}).json()["data"]) == 1
    bulk_chain(admin.workspace.id, 120)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert len(admin.api.get("audit", {"limit": 100}).json()["data"]) == 100
