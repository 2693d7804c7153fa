"""Settings → Widget: admins and owners see the public key and the snippet, edit allowed origins, greeting
and colour through the same service as PATCH /api/v1/widget (same validation, same audited event), and
rotate the identity-verification secret (shown once). Agents get the role's 403; another workspace's
members the same 404 as a missing workspace."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from apps.audit.models import AuditEntry
from apps.channels_widget.keys import public_key
from apps.workspaces.models import Workspace

from .conftest import signed_in

pytestmark = pytest.mark.django_db


def _url(workspace_id: str, name: str = "settings_widget") -> str:
    return reverse(f"dashboard:{name}", kwargs={"ws_id": workspace_id})


def _save(client, workspace_id: str, **fields):
    data = {"allowed_origins": "", "greeting": "", "color": ""} | fields
    return client.post(_url(workspace_id), data)


def _text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("role", ["admin", "owner"])
def test_admins_and_owners_see_the_key_and_the_snippet(personas, workspace, role, settings):
    response = signed_in(personas[role]).get(_url(workspace.id))
    assert response.status_code == 200
    key = public_key(workspace.id)
    page = _text(response)
    assert f'data-testid="widget-public-key">{key}<' in page
    assert (
        f'<script src="{settings.PUBLIC_BASE_URL}/widget/v1/loader.js" data-workspace-key="{key}" async></script>'
        in page
    )
    assert 'aria-current="page">Widget</a>' in page
    # A GET writes nothing.
    assert not AuditEntry.objects.for_workspace(workspace.id).filter(action__startswith="widget.").exists()


def test_the_settings_navigation_links_the_widget_page_for_admins_only(admin, agent, workspace):
    link = f'href="{_url(workspace.id)}"'
    assert link in _text(signed_in(admin).get(reverse("dashboard:settings_members", args=[workspace.id])))
    assert link not in _text(signed_in(agent).get(reverse("dashboard:settings_members", args=[workspace.id])))


@pytest.mark.parametrize("role", ["admin", "owner"])
def test_saving_goes_through_the_widget_service_like_the_api(personas, workspace, role):
    persona = personas[role]
    client = signed_in(persona)
    response = _save(
        client,
        workspace.id,
        allowed_origins="https://Shop.Example.com/\nhttp://localhost:3000, https://shop.example.com\n\n",
        greeting="Hi! How can we help?",
        color="#1A73E8",
    )
    assert response.status_code == 302, response.content[:500]
    assert persona.api.get("widget").json() == {
        "public_key": public_key(workspace.id),
        "allowed_origins": ["https://shop.example.com", "http://localhost:3000"],
        "greeting": "Hi! How can we help?",
        "color": "#1a73e8",
    }
    [entry] = AuditEntry.objects.for_workspace(workspace.id).filter(action="widget.updated")
    assert entry.actor_type == "user"
    assert entry.actor_id == persona.member.user_id
    assert sorted(entry.changes) == ["allowed_origins", "color", "greeting"]

    page = _text(client.get(response["Location"]))
    assert "Widget settings saved." in page
    assert "https://shop.example.com\nhttp://localhost:3000</textarea>" in page
    assert 'value="#1a73e8"' in page


def test_emptying_greeting_and_colour_clears_them(admin, workspace):
    client = signed_in(admin)
    _save(client, workspace.id, allowed_origins="https://shop.example.com", greeting="Hello", color="#000000")
    assert _save(client, workspace.id, allowed_origins="https://shop.example.com").status_code == 302
    assert admin.api.get("widget").json() == {
        "public_key": public_key(workspace.id),
        "allowed_origins": ["https://shop.example.com"],
    }


def test_saving_the_same_values_again_records_nothing(admin, workspace):
    client = signed_in(admin)
    _save(client, workspace.id, allowed_origins="https://shop.example.com")
    _save(client, workspace.id, allowed_origins="https://shop.example.com")
    assert AuditEntry.objects.for_workspace(workspace.id).filter(action="widget.updated").count() == 1


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"allowed_origins": "http://shop.example.com"}, "allowed_origins", "only https"),
        ({"allowed_origins": "https://shop.example.com/path"}, "allowed_origins", "no path"),
        (
            {"allowed_origins": "\n".join(f"https://s{i}.example.com" for i in range(21))},
            "allowed_origins",
            "",
        ),
        ({"color": "blue"}, "color", ""),
        ({"greeting": "x" * 501}, "greeting", ""),
    ],
)
def test_invalid_input_is_refused_inline_and_nothing_changes(admin, workspace, fields, field, words):
    response = _save(signed_in(admin), workspace.id, **fields)
    assert response.status_code == 400
    page = _text(response)
    assert f'data-testid="error-{field}"' in page
    assert words in page
    # What the person typed stays in the form.
    assert next(iter(fields.values()))[:40] in page
    assert admin.api.get("widget").json() == {"public_key": public_key(workspace.id), "allowed_origins": []}
    assert not AuditEntry.objects.for_workspace(workspace.id).filter(action="widget.updated").exists()


def test_agents_get_the_roles_403_and_change_nothing(agent, workspace):
    client = signed_in(agent)
    assert client.get(_url(workspace.id)).status_code == 403
    response = _save(client, workspace.id, allowed_origins="https://evil.example")
    assert response.status_code == 403
    assert b"Not allowed" in response.content
    assert client.post(_url(workspace.id, "settings_widget_rotate")).status_code == 403
    assert not AuditEntry.objects.for_workspace(workspace.id).filter(action__startswith="widget.").exists()


def test_another_workspaces_member_gets_404_and_changes_nothing(admin, stranger, workspace):
    client = signed_in(stranger)  # the owner of another workspace
    missing = client.get(_url("ws_0000000000000000000000"))
    assert client.get(_url(workspace.id)).status_code == 404 == missing.status_code
    assert _save(client, workspace.id, allowed_origins="https://evil.example").status_code == 404
    assert client.post(_url(workspace.id, "settings_widget_rotate")).status_code == 404
    assert admin.api.get("widget").json()["allowed_origins"] == []
    assert not AuditEntry.objects.for_workspace(workspace.id).filter(action__startswith="widget.").exists()


def test_each_workspace_sees_its_own_widget(admin, stranger, workspace, other_workspace):
    _save(signed_in(admin), workspace.id, allowed_origins="https://ours.example.com", greeting="Ours")
    theirs = _text(signed_in(stranger).get(_url(other_workspace.id)))
    assert public_key(other_workspace.id) in theirs
    assert public_key(workspace.id) not in theirs
    assert "ours.example.com" not in theirs
    assert "Ours" not in theirs
    assert stranger.api.get("widget").json()["allowed_origins"] == []


def test_a_closed_workspace_cannot_be_changed(owner, workspace):
    Workspace.objects.filter(pk=workspace.id).update(status=Workspace.Status.CLOSED)
    client = signed_in(owner)
    assert client.get(_url(workspace.id)).status_code == 200
    assert _save(client, workspace.id, allowed_origins="https://shop.example.com").status_code == 409
    assert client.post(_url(workspace.id, "settings_widget_rotate")).status_code == 409


@pytest.mark.parametrize("role", ["admin", "owner"])
def test_rotating_the_identity_secret_shows_it_once_and_it_verifies(personas, workspace, role):
    import re

    from apps.channels_widget.identity import user_hash
    from apps.channels_widget.services import widget_identity_secret

    persona = personas[role]
    client = signed_in(persona)
    before = _text(client.get(_url(workspace.id)))
    assert "No secret yet" in before
    assert ">Create secret</button>" in before

    response = client.post(_url(workspace.id, "settings_widget_rotate"))
    assert response.status_code == 302
    shown = _text(client.get(response["Location"]))
    [secret] = re.findall(r'data-testid="widget-secret" id="widget-secret">([^<]+)<', shown)
    assert secret.startswith("wsec_")
    assert widget_identity_secret(workspace.id) == secret
    assert user_hash(secret, "user-42") == user_hash(widget_identity_secret(workspace.id), "user-42")
    [entry] = AuditEntry.objects.for_workspace(workspace.id).filter(action="widget.secret_rotated")
    assert (entry.actor_type, entry.actor_id) == ("user", persona.member.user_id)

    again = _text(client.get(_url(workspace.id)))
    assert secret not in again  # shown once
    assert "A secret is set" in again
    assert ">Rotate secret</button>" in again

    client.post(_url(workspace.id, "settings_widget_rotate"))
    replaced = widget_identity_secret(workspace.id)
    assert replaced != secret  # the old one stops verifying at once
    assert replaced in _text(client.get(_url(workspace.id)))
    assert AuditEntry.objects.for_workspace(workspace.id).filter(action="widget.secret_rotated").count() == 2


def test_the_secret_never_appears_in_another_workspaces_page(admin, stranger, workspace, other_workspace):
    from apps.channels_widget.services import widget_identity_secret

    signed_in(admin).post(_url(workspace.id, "settings_widget_rotate"))
    ours = widget_identity_secret(workspace.id)
    assert ours not in _text(signed_in(stranger).get(_url(other_workspace.id)))
    assert widget_identity_secret(other_workspace.id) is None
