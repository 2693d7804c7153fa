"""Inbound e-mail: real-world MIME samples POSTed to the workspace's inbound URL become contact messages
in e-mail conversations, through the same services as the API (events, audit)."""

from __future__ import annotations

import pytest

from apps.audit.models import AuditEntry
from apps.channels_email.addresses import inbound_token, inbox_address
from apps.channels_email.models import EmailRecord
from apps.contacts.models import Contact
from apps.conversations.models import Conversation, Message
from tests.channels.conftest import deliver, sample

pytestmark = pytest.mark.django_db


def _conversations(persona) -> list[dict]:
    return persona.api.get("conversations").json()["data"]


def _thread(persona, conversation_id: str) -> list[dict]:
    return persona.api.get(f"conversations/{conversation_id}/messages").json()["data"]


def _counts(workspace_id: str) -> tuple[int, int, int, int]:
    return (
        Contact.objects.for_workspace(workspace_id).count(),
        Conversation.objects.for_workspace(workspace_id).count(),
        Message.objects.for_workspace(workspace_id).count(),
        EmailRecord.objects.for_workspace(workspace_id).count(),
    )


def test_a_plain_message_becomes_an_email_conversation(agent, workspace, captured_events):
    response = deliver(workspace.id, sample("plain.eml"))
    assert response.status_code == 202, response.content

    [conversation] = _conversations(agent)
    assert conversation["channel"] == "email"
    assert conversation["subject"] == "Cannot reset my password"
    contact = agent.api.get(f"contacts/{conversation['contact_id']}").json()
    assert contact["email"] == "ada.lovelace@example.com"
    assert contact["name"] == "Ada Lovelace"
    [message] = _thread(agent, conversation["id"])
    assert message["author"] == {"type": "contact", "id": contact["id"]}
    # The signature ("-- " and below) is trimmed; the greeting and the sign-off stay.
    assert message["body"] == (
        'Hello,\n\nI clicked "Forgot password" twice but no e-mail arrived. Can you help?\n\nThanks,\nAda'
    )
    assert "delivery_status" not in message
    types = [e.type for e in captured_events]
    assert types[:3] == ["contact.created", "conversation.created", "message.created"]
    actions = set(AuditEntry.objects.for_workspace(workspace.id).values_list("action", flat=True))
    assert {"contact.created", "conversation.created", "message.created"} <= actions


@pytest.mark.parametrize(
    ("name", "subject", "body", "sender"),
    [
        (
            "html_only.eml",
            "Invoice question – order 42",
            "Hi team,\n\nOrder 42 was charged twice & I need a refund.\n\nFirst charge: 19.00 EUR\n\n"
            "Second charge: 19.00 EUR\n\nBest,\nGrace",
            "grace@navy.example",
        ),
        (
            "latin1.eml",
            "Pedido nº 7 - señal de envío",
            "Hola, ¿dónde está mi pedido? El señor del almacén dijo que salió el lunes.\n\nGracias,\nJosé",
            "jose@correo.example",
        ),
    ],
)
def test_html_only_and_non_utf8_messages_arrive_as_text(agent, workspace, name, subject, body, sender):
    assert deliver(workspace.id, sample(name)).status_code == 202
    [conversation] = _conversations(agent)
    assert conversation["subject"] == subject
    assert _thread(agent, conversation["id"])[0]["body"] == body
    assert Contact.objects.for_workspace(workspace.id).get().email == sender


def test_attachments_are_recorded_by_name_type_and_size_only(agent, workspace):
    assert deliver(workspace.id, sample("multipart_attachment.eml")).status_code == 202
    [conversation] = _conversations(agent)
    [message] = _thread(agent, conversation["id"])
    assert message["body"] == (
        "The export fails with error E42, see the attached report.\n\n"
        "[attachment: error-report.pdf (application/pdf, 1 KB), not kept]"
    )
    record = EmailRecord.objects.for_workspace(workspace.id).get()
    assert record.attachments == [
        {"name": "error-report.pdf", "content_type": "application/pdf", "size": 1045}
    ]
    assert record.message_id_header == "<20261201060000.GA1234@kernel.example>"
    assert "%PDF" not in str(EmailRecord.objects.for_workspace(workspace.id).values().get())


def test_an_auto_reply_creates_nothing(workspace):
    before = _counts(workspace.id)
    response = deliver(workspace.id, sample("auto_reply.eml"))
    assert response.status_code == 202  # accepted, so the provider does not retry it
    assert _counts(workspace.id) == before == (0, 0, 0, 0)


@pytest.mark.parametrize(
    "headers",
    [
        "Precedence: bulk\n",
        "X-Autorespond: vacation\n",
        "Auto-Submitted: auto-generated\n",
        "List-Id: <news.example.com>\n",
    ],
)
def test_other_machine_written_mail_creates_nothing(workspace, headers):
    raw = sample("plain.eml").replace(b"MIME-Version: 1.0\n", b"MIME-Version: 1.0\n" + headers.encode())
    assert deliver(workspace.id, raw).status_code == 202
    assert _counts(workspace.id) == (0, 0, 0, 0)


def test_a_bounce_creates_nothing(workspace):
    raw = (
        b"From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.com>\n"
        b"To: " + inbox_address(workspace.id).encode() + b"\nSubject: Undelivered Mail Returned to Sender\n"
        b"Message-ID: <bounce-1@mx.example.com>\n"
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\n\n'
        b"--b\nContent-Type: text/plain\n\nThis is the mail system.\n--b--\n"
    )
    assert deliver(workspace.id, raw).status_code == 202
    assert _counts(workspace.id) == (0, 0, 0, 0)


def test_mail_from_our_own_address_is_a_loop_and_creates_nothing(workspace):
    raw = sample("plain.eml").replace(
        b"Ada Lovelace <Ada.Lovelace@Example.com>", inbox_address(workspace.id).encode()
    )
    assert deliver(workspace.id, raw).status_code == 202
    assert _counts(workspace.id) == (0, 0, 0, 0)


def test_a_redelivered_message_creates_nothing_twice(agent, workspace, captured_events):
    assert deliver(workspace.id, sample("plain.eml")).status_code == 202
    counts = _counts(workspace.id)
    emitted = len(captured_events)
    assert deliver(workspace.id, sample("plain.eml")).status_code == 202
    assert _counts(workspace.id) == counts == (1, 1, 1, 1)
    assert len(captured_events) == emitted


def test_a_second_message_without_threading_headers_opens_a_second_conversation_with_the_same_contact(
    agent, workspace
):
    deliver(workspace.id, sample("plain.eml"))
    deliver(workspace.id, sample("plain.eml").replace(b"CAF=plain-", b"CAF=another-"))
    conversations = _conversations(agent)
    assert len(conversations) == 2
    assert len({c["contact_id"] for c in conversations}) == 1


def test_the_same_message_in_two_workspaces_lands_in_each(agent, stranger, workspace, other_workspace):
    assert deliver(workspace.id, sample("plain.eml")).status_code == 202
    assert deliver(other_workspace.id, sample("plain.eml")).status_code == 202
    assert len(_conversations(agent)) == 1
    assert len(_conversations(stranger)) == 1


# --- the endpoint's refusals ------------------------------------------------------------------------


def _path(token: str) -> str:
    return f"/inbound/email/{token}"


def test_a_wrong_token_is_404_and_creates_nothing(workspace, other_workspace, anonymous):
    from django.test import Client

    good = inbound_token(workspace.id)
    forged = [
        good[:-1] + ("0" if good[-1] != "0" else "1"),  # one character off
        f"{workspace.id}.",
        workspace.id,
        "nonsense",
        inbound_token(other_workspace.id).split(".")[1].join([workspace.id + ".", ""]),  # another ws's MAC
        "ws_00000000000000000000000000." + good.split(".")[1],
    ]
    for token in forged:
        response = Client().post(_path(token), sample("plain.eml"), content_type="message/rfc822")
        assert response.status_code == 404, token
        assert response.json()["error"]["code"] == "not_found"
    assert _counts(workspace.id) == (0, 0, 0, 0)


def test_a_token_of_a_workspace_that_does_not_exist_is_the_same_404(workspace):
    from django.test import Client

    missing = "ws_" + "1" * (len(workspace.id) - 3)
    response = Client().post(
        _path(inbound_token(missing)), sample("plain.eml"), content_type="message/rfc822"
    )
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_only_a_raw_message_is_accepted(workspace):
    response = deliver(workspace.id, b'{"from": "a@b.c"}', content_type="application/json")
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"
    response = deliver(workspace.id, b"\r\n\r\n")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_request"
    assert _counts(workspace.id) == (0, 0, 0, 0)


def test_a_message_over_1_mib_is_413(workspace):
    raw = sample("plain.eml") + b"x" * (1024 * 1024)
    response = deliver(workspace.id, raw)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "request_too_large"
    assert _counts(workspace.id) == (0, 0, 0, 0)


def test_get_is_405(workspace):
    from django.test import Client

    assert Client().get(_path(inbound_token(workspace.id))).status_code == 405


def test_a_closed_workspace_refuses_mail(owner, workspace):
    assert owner.api.post("workspace/close", {}).status_code == 200
    response = deliver(workspace.id, sample("plain.eml"))
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "workspace_closed"
    assert _counts(workspace.id) == (0, 0, 0, 0)
