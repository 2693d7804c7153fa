"""GET /members, GET /members/{id}, GET /me: shape, errors, every role and scope, tenant isolation."""

from __future__ import annotations

import re

import pytest

from apps.workspaces.services import token_revoke
from tests.conftest import make_persona

pytestmark = pytest.mark.django_db

TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
MEMBER_FIELDS = {"id", "user_id", "email", "role", "created_at"}


def test_list_shows_every_member_with_the_user_id_assignee_takes(personas, stranger):
    owner = personas["owner"]
    response = owner.api.get("members")
    assert response.status_code == 200
    body = response.json()
    assert body["pagination"] == {"has_more": False}
    by_id = {row["id"]: row for row in body["data"]}
    expected = {p.member.id: p for p in personas.values()}
    assert set(by_id) == set(expected)
    for member_id, persona in expected.items():
        row = by_id[member_id]
        assert set(row) == MEMBER_FIELDS  # no name set: omitted, never null
        assert row["user_id"] == persona.user_id
        assert row["email"] == persona.member.user.email
        assert row["role"] == persona.member.role
        assert TIMESTAMP.match(row["created_at"])
    assert stranger.member.id not in by_id
    # user_id is what assignee_id takes
    agent_user = by_id[personas["agent"].member.id]["user_id"]
    conversation = owner.api.post(
        "conversations", {"contact": {"email": "a@example.com"}, "assignee_id": agent_user}
    )
    assert conversation.status_code == 201, conversation.json()


def test_list_is_newest_first_and_paginates(owner, admin, agent):
    first = owner.api.get("members", {"limit": 2}).json()
    assert [row["id"] for row in first["data"]] == [agent.member.id, admin.member.id]
    assert first["pagination"]["has_more"] is True
    second = owner.api.get("members", {"limit": 2, "after": first["pagination"]["next_cursor"]}).json()
    assert [row["id"] for row in second["data"]] == [owner.member.id]


def test_name_appears_when_the_user_has_one(owner):
    user = owner.member.user
    user.first_name, user.last_name = "Grace", "Hopper"
    user.save()
    assert owner.api.get(f"members/{owner.member.id}").json()["name"] == "Grace Hopper"


def test_detail(admin, agent):
    response = agent.api.get(f"members/{admin.member.id}")
    assert response.status_code == 200
    assert response.json()["id"] == admin.member.id
    assert response.json()["role"] == "admin"


def test_unknown_and_foreign_member_are_the_same_404(owner, stranger):
    missing = owner.api.get("members/mem_00000000000000000000")
    foreign = owner.api.get(f"members/{stranger.member.id}")
    assert missing.status_code == foreign.status_code == 404
    assert missing.json()["error"]["code"] == foreign.json()["error"]["code"] == "member_not_found"
    assert stranger.member.id in foreign.json()["error"]["message"]  # names what was asked, nothing else
    assert set(foreign.json()["error"]) == set(missing.json()["error"]) == {"code", "message", "request_id"}


@pytest.mark.parametrize("path", ["members", "members/mem_00000000000000000000", "me"])
def test_every_role_and_scope_may_read(path, personas):
    for persona in personas.values():
        response = persona.api.get(path)
        assert response.status_code == (404 if "mem_0" in path else 200), (persona.token.role, path)


@pytest.mark.parametrize("path", ["members", "me"])
def test_writes_are_not_routes(path, owner):
    assert owner.api.post(path, {}).status_code == 405
    assert owner.api.post(path, {}).json()["error"]["code"] == "method_not_allowed"
    assert owner.api.delete(f"members/{owner.member.id}").status_code == 405


@pytest.mark.parametrize("path", ["members", "me"])
def test_no_or_bad_token_is_401(path, anonymous, owner):
    missing = anonymous.get(path)
    assert missing.status_code == 401
    assert missing.json()["error"]["code"] == "missing_token"
    token_revoke(token=owner.token)
    revoked = owner.api.get(path)
    assert revoked.status_code == 401
    assert revoked.json()["error"]["code"] == "invalid_token"
    assert revoked["WWW-Authenticate"] == missing["WWW-Authenticate"]
    assert revoked["WWW-Authenticate"].startswith("Bearer")


def test_unknown_query_parameter_is_refused(owner):
    response = owner.api.get("members", {"role": "admin"})
    assert response.status_code == 400
    assert response.json()["error"] == {
        **response.json()["error"],
        "code": "invalid_parameter",
        "param": "role",
    }


def test_me_describes_the_calling_token(admin, workspace):
    response = admin.api.get("me")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"member", "token", "workspace"}
    assert body["member"]["id"] == admin.member.id
    assert body["member"]["user_id"] == admin.user_id
    assert body["token"] == {
        "id": admin.token.id,
        "name": "admin-read_write",
        "role": "admin",
        "scope": "read_write",
    }
    assert body["workspace"] == {"id": workspace.id, "name": "Acme"}


def test_me_shows_scope_expiry_and_a_role_below_the_member(workspace):
    owner = make_persona(workspace, "owner")
    from apps.workspaces.services import token_create

    token, plaintext = token_create(
        member=owner.member, role="agent", scope="read", name="", expires_in_days=3
    )
    from tests.conftest import ApiClient

    body = ApiClient(plaintext).get("me").json()
    assert body["token"]["id"] == token.id
    assert body["token"]["role"] == "agent"
    assert body["token"]["scope"] == "read"
    assert "name" not in body["token"]
    assert TIMESTAMP.match(body["token"]["expires_at"])
    assert body["member"]["role"] == "owner"


def test_me_never_shows_another_workspace(stranger, owner):
    body = stranger.api.get("me").json()
    assert body["workspace"]["id"] == stranger.workspace.id
    assert body["member"]["id"] == stranger.member.id
    assert owner.member.id not in str(body)


@pytest.mark.parametrize("path", ["me", "members/mem_00000000000000000000"])
def test_detail_takes_no_query_parameters(path, owner):
    response = owner.api.get(path, {"limit": "5"})
    assert response.status_code == 400
    assert response.json()["error"]["param"] == "limit"


def test_limit_out_of_range_and_foreign_cursor(owner, stranger):
    assert owner.api.get("members", {"limit": "0"}).json()["error"]["param"] == "limit"
    theirs = stranger.api.get("members", {"limit": 1})
    make_persona(stranger.workspace, "agent")
    cursor = stranger.api.get("members", {"limit": 1}).json()["pagination"]["next_cursor"]
    assert theirs.status_code == 200
    response = owner.api.get("members", {"after": cursor})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_cursor"
