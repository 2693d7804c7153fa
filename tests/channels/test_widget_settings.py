"""GET/PATCH /api/v1/widget: the chat widget's public key, allowed origins, greeting and colour."""

from __future__ import annotations

import pytest

from apps.audit.models import AuditEntry
from apps.channels_widget.keys import public_key, workspace_of_key

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["owner", "admin"])
def test_admins_and_owners_read_the_defaults_without_writing(personas, workspace, role):
    response = personas[role].api.get("widget")
    assert response.status_code == 200, response.content
    assert response.json() == {"public_key": public_key(workspace.id), "allowed_origins": []}
    assert response.json()["public_key"].startswith("wk_")
    assert workspace_of_key(response.json()["public_key"]) == workspace.id
    assert not AuditEntry.objects.for_workspace(workspace.id).filter(action="widget.updated").exists()


@pytest.mark.parametrize("role", ["owner", "admin"])
def test_patch_changes_the_fields_given(personas, workspace, role):
    api = personas[role].api
    response = api.patch(
        "widget",
        {
            "allowed_origins": [
                "https://Shop.Example.com/",
                "https://shop.example.com",
                "http://localhost:3000",
            ],
            "greeting": "Hi! How can we help?",
            "color": "#1A73E8",
        },
    )
    assert response.status_code == 200, response.content
    expected = {
        "public_key": public_key(workspace.id),
        "allowed_origins": ["https://shop.example.com", "http://localhost:3000"],
        "greeting": "Hi! How can we help?",
        "color": "#1a73e8",
    }
    assert response.json() == expected
    assert api.get("widget").json() == expected

    # Only what is given changes; null or "" clears the optional fields.
    response = api.patch("widget", {"greeting": None, "color": ""})
    assert response.json() == {
        "public_key": public_key(workspace.id),
        "allowed_origins": expected["allowed_origins"],
    }


def test_a_change_is_audited_with_previous_values_and_no_change_is_not(owner, workspace):
    owner.api.patch("widget", {"greeting": "Hello"})
    owner.api.patch("widget", {"greeting": "Hello"})
    entries = list(AuditEntry.objects.for_workspace(workspace.id).filter(action="widget.updated"))
    assert len(entries) == 1


@pytest.mark.parametrize(
    "body",
    [
        {"allowed_origins": ["http://shop.example.com"]},  # plain http only for localhost
        {"allowed_origins": ["https://shop.example.com/path"]},
        {"allowed_origins": ["shop.example.com"]},
        {"allowed_origins": ["javascript:alert(1)"]},
        {"allowed_origins": ["https://user:pw@shop.example.com"]},
        {"allowed_origins": "https://shop.example.com"},
        {"allowed_origins": [f"https://s{i}.example.com" for i in range(21)]},
        {"color": "blue"},
        {"color": "#12345"},
        {"greeting": "x" * 501},
        {"greeting": 12},
        {"public_key": "wk_mine"},
        {"unknown": 1},
    ],
)
def test_invalid_bodies_are_400_and_change_nothing(owner, workspace, body):
    response = owner.api.patch("widget", body)
    assert response.status_code == 400, body
    assert response.json()["error"]["code"] == "validation_error"
    assert owner.api.get("widget").json()["allowed_origins"] == []


@pytest.mark.parametrize("role", ["agent", "reader"])
def test_agents_are_refused(personas, role):
    assert personas[role].api.get("widget").status_code == 403
    response = personas[role].api.patch("widget", {"greeting": "Hi"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


def test_without_a_token_401(anonymous):
    assert anonymous.get("widget").status_code == 401
    assert anonymous.patch("widget", {"greeting": "Hi"}).status_code == 401


def test_each_workspace_has_its_own_widget(owner, stranger, workspace, other_workspace):
    owner.api.patch("widget", {"greeting": "Acme here", "allowed_origins": ["https://acme.example"]})
    theirs = stranger.api.get("widget").json()
    assert theirs == {"public_key": public_key(other_workspace.id), "allowed_origins": []}
    assert owner.api.get("widget").json()["public_key"] != theirs["public_key"]


def test_a_closed_workspace_refuses_changes(owner):
    assert owner.api.post("workspace/close", {}).status_code == 200
    response = owner.api.patch("widget", {"greeting": "Hi"})
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "workspace_closed"


def test_a_key_that_is_not_a_widget_key_names_no_workspace():
    for key in ("", "wk_", "wk_short", "ws_0000000000000000000000", "tok_x", None, "wk_" + "!" * 22):
        assert workspace_of_key(key) is None


def test_the_endpoints_are_in_the_spec(anonymous):
    spec = anonymous.get("openapi.json").json()
    assert spec["paths"]["/api/v1/widget"]["get"]["operationId"] == "getWidget"
    assert spec["paths"]["/api/v1/widget"]["patch"]["operationId"] == "updateWidget"
