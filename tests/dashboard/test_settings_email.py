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


def _fail_every_attempt(workspace_id: str) -> None:
    from django.utils import timezone

    records = EmailRecord.objects.for_workspace(workspace_id).filter(direction="outbound")
    while True:
        records.update(next_attempt_at=timezone.now())
        if email_deliver(workspace_id=workspace_id, record_id=records.get().id) is None:
            break
    assert records.get().delivery_status == "failed"


@pytest.mark.usefixtures("smtp_down")
def test_an_admin_sends_a_failed_reply_again(admin, workspace, django_capture_on_commit_callbacks):
    conversation_id = _failed_reply(admin)
    _fail_every_attempt(workspace.id)
    [reply] = [
        m
        for m in admin.api.get(f"conversations/{conversation_id}/messages").json()["data"]
        if m["author"]["type"] == "agent"
    ]
    client = signed_in(admin)
    page = _text(client.get(_url(workspace.id)))
    assert ">Failed<" in page
    assert f'name="message_id" value="{reply["id"]}"' in page

    with django_capture_on_commit_callbacks() as queued:
        response = client.post(
            reverse("dashboard:settings_email_resend", args=[workspace.id]), {"message_id": reply["id"]}
        )
    assert response.status_code == 302
    # The send task is queued for after the commit (never inside the request's transaction).
    assert any("email_resend" in getattr(callback, "__qualname__", "") for callback in queued)
    assert "queued to be sent again" in _text(client.get(response["Location"]))
    record = EmailRecord.objects.for_workspace(workspace.id).get(direction="outbound")
    assert (record.delivery_status, record.attempts) == ("queued", 0)
    assert (
        admin.api.get(f"conversations/{conversation_id}/messages").json()["data"][-1]["delivery_status"]
        == "queued"
    )


@pytest.mark.usefixtures("smtp_down")
def test_resending_is_for_admins_of_the_workspace_only(admin, agent, stranger, workspace, other_workspace):
    _failed_reply(admin)
    _fail_every_attempt(workspace.id)
    record = EmailRecord.objects.for_workspace(workspace.id).get(direction="outbound")
    ours = {"message_id": record.message_id}
    assert (
        signed_in(agent)
        .post(reverse("dashboard:settings_email_resend", args=[workspace.id]), ours)
        .status_code
        == 403
    )
    stranger_client = signed_in(stranger)
    assert (
        stranger_client.post(
            reverse("dashboard:settings_email_resend", args=[workspace.id]), ours
        ).status_code
        == 404
    )
    # Our message id sent to their own workspace's page: the same "not found" as an unknown id.
    response = stranger_client.post(
        reverse("dashboard:settings_email_resend", args=[other_workspace.id]), ours
    )
    assert response.status_code == 302
    assert "No e-mail reply with this id." in _text(stranger_client.get(response["Location"]))
    record.refresh_from_db()
    assert (record.delivery_status, record.attempts) == ("failed", len(RETRY_DELAYS) + 1)
