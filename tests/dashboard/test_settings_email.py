"""Settings → E-mail: admins and owners see the inbound address and the secret inbound URL (the same as
GET /api/v1/email) and the replies whose e-mail was not delivered; agents get the role's 403, another
workspace's members the same 404 as a missing workspace, and no other workspace's reply is listed."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from apps.channels_email.delivery import RETRY_DELAYS, email_deliver
from apps.channels_email.models import EmailRecord
from tests.channels.conftest import deliver, sample, smtp_down  # noqa: F401 - a fixture

from .conftest import signed_in

pytestmark = pytest.mark.django_db


def _url(workspace_id: str) -> str:
    return reverse("dashboard:settings_email", kwargs={"ws_id": workspace_id})


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _failed_reply(persona) -> str:
    """An e-mail conversation whose agent reply could not be sent (no SMTP server listening)."""
    workspace_id = persona.workspace.id
    assert deliver(workspace_id, sample("plain.eml")).status_code == 202
    [conversation] = persona.api.get("conversations").json()["data"]
    persona.api.patch(f"conversations/{conversation['id']}", {"handled_by": "human"})
    persona.api.post(f"conversations/{conversation['id']}/messages", {"body": "Hello?"})
    record = EmailRecord.objects.for_workspace(workspace_id).get(direction="outbound")
    assert email_deliver(workspace_id=workspace_id, record_id=record.id) == RETRY_DELAYS[0]
    return conversation["id"]


@pytest.mark.parametrize("role", ["admin", "owner"])
def test_admins_and_owners_see_the_address_and_the_inbound_url(personas, workspace, role):
    persona = personas[role]
    channel = persona.api.get("email").json()
    response = signed_in(persona).get(_url(workspace.id))
    assert response.status_code == 200
    page = _text(response)
    assert f'data-testid="email-address" id="email-address">{channel["address"]}<' in page
    assert f'data-testid="email-inbound-url" id="email-inbound-url">{channel["inbound_url"]}<' in page
    assert 'aria-current="page">E-mail</a>' in page
    assert 'data-testid="email-all-delivered"' in page


def test_agents_get_the_roles_403(agent, workspace):
    response = signed_in(agent).get(_url(workspace.id))
    assert response.status_code == 403
    assert b"Not allowed" in response.content
    assert b"/inbound/email/" not in response.content


def test_another_workspaces_member_gets_the_missing_workspaces_404(stranger, workspace):
    client = signed_in(stranger)
    ours = client.get(_url(workspace.id))
    assert ours.status_code == 404 == client.get(_url("ws_0000000000000000000000")).status_code
    assert b"/inbound/email/" not in ours.content


@pytest.mark.usefixtures("smtp_down")
def test_undelivered_replies_are_listed_with_their_conversation_only_in_their_workspace(
    admin, stranger, workspace, other_workspace
):
    conversation_id = _failed_reply(admin)
    page = _text(signed_in(admin).get(_url(workspace.id)))
    assert page.count('data-testid="undelivered-row"') == 1
    assert f'href="/app/{workspace.id}/inbox/{conversation_id}/"' in page
    assert ">Retrying<" in page
    assert "ConnectionRefusedError" in page
    assert "ada.lovelace@example.com" not in page  # the conversation link leads to the contact

    theirs = _text(signed_in(stranger).get(_url(other_workspace.id)))
    assert 'data-testid="undelivered-row"' not in theirs
    assert conversation_id not in theirs
