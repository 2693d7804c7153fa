"""Replies on e-mail conversations go out by SMTP (a real aiosmtpd server) with threading headers, and
the customer's answer to them lands back in the same conversation."""

from __future__ import annotations

import pytest

from apps.channels_email.addresses import inbox_address, reply_address
from apps.channels_email.delivery import RETRY_DELAYS
from apps.channels_email.models import EmailRecord
from apps.conversations.models import Message
from tests.channels.conftest import deliver, sample

pytestmark = pytest.mark.django_db

ORIGINAL_ID = "<CAF=plain-1234567890@mail.gmail.com>"


def _open_email_conversation(agent, workspace) -> dict:
    assert deliver(workspace.id, sample("plain.eml")).status_code == 202
    [conversation] = agent.api.get("conversations").json()["data"]
    # The assistant may be on for the workspace: the team answers here.
    agent.api.patch(f"conversations/{conversation['id']}", {"handled_by": "human"})
    return conversation


@pytest.fixture
def reply(agent, django_capture_on_commit_callbacks):
    """The agent posts a reply; what the request queued on commit (the send task) then runs, as after a
    real commit (the test's own transaction never commits)."""

    def post(conversation_id: str, body: str):
        with django_capture_on_commit_callbacks(execute=True):
            return agent.api.post(f"conversations/{conversation_id}/messages", {"body": body})

    return post


def _thread(agent, conversation_id: str) -> list[dict]:
    return agent.api.get(f"conversations/{conversation_id}/messages").json()["data"]


def test_an_agents_reply_reaches_the_smtp_server_with_threading_headers(
    agent, workspace, smtp_server, eager_tasks, reply
):
    conversation = _open_email_conversation(agent, workspace)
    response = reply(conversation["id"], "Please check your spam folder.")
    assert response.status_code == 201, response.content

    [received] = smtp_server.messages
    mail = received["message"]
    assert received["rcpt_tos"] == ["ada.lovelace@example.com"]
    assert mail["To"] == "ada.lovelace@example.com"
    assert mail["From"].addresses[0].addr_spec == inbox_address(workspace.id)
    assert mail["From"].addresses[0].display_name == workspace.name
    assert mail["Subject"] == "Re: Cannot reset my password"
    assert mail["In-Reply-To"] == ORIGINAL_ID
    assert mail["References"] == ORIGINAL_ID
    assert mail["Reply-To"] == reply_address(workspace.id, conversation["id"])
    record = EmailRecord.objects.for_workspace(workspace.id).get(direction="outbound")
    assert mail["Message-ID"] == record.message_id_header
    assert mail.get_content().strip() == "Please check your spam folder."

    reply = _thread(agent, conversation["id"])[-1]
    assert reply["author"]["type"] == "agent"
    assert reply["delivery_status"] == "sent"
    assert "delivery_status" not in _thread(agent, conversation["id"])[0]  # the contact's own message


def test_the_customers_reply_lands_in_the_same_conversation(
    agent, workspace, smtp_server, eager_tasks, reply
):
    conversation = _open_email_conversation(agent, workspace)
    reply(conversation["id"], "Please check your spam folder.")
    ours = smtp_server.messages[0]["message"]

    raw = sample(
        "gmail_reply.eml",
        IN_REPLY_TO=ours["Message-ID"],
        REFERENCES=f"{ORIGINAL_ID} {ours['Message-ID']}",
        REPLY_TO=ours["Reply-To"],
    )
    assert deliver(workspace.id, raw).status_code == 202

    assert [c["id"] for c in agent.api.get("conversations").json()["data"]] == [conversation["id"]]
    thread = _thread(agent, conversation["id"])
    assert [m["author"]["type"] for m in thread] == ["contact", "agent", "contact"]
    # Gmail's quoted history ("On … wrote:" and the > lines) is trimmed.
    assert thread[-1]["body"] == "That worked, thank you! The reset e-mail was in my spam folder."

    # The next reply answers the customer's latest message and carries the whole chain.
    reply(conversation["id"], "Glad it worked!")
    second = smtp_server.messages[1]["message"]
    assert second["In-Reply-To"] == "<CAF=reply-9876543210abcdef@mail.gmail.com>"
    assert second["References"].split() == [
        ORIGINAL_ID,
        ours["Message-ID"],
        "<CAF=reply-9876543210abcdef@mail.gmail.com>",
    ]


def test_a_reply_to_our_reply_address_without_threading_headers_still_threads(
    agent, workspace, smtp_server, eager_tasks
):
    conversation = _open_email_conversation(agent, workspace)
    raw = sample(
        "gmail_reply.eml",
        IN_REPLY_TO="<unknown-1@example.com>",
        REFERENCES="<unknown-0@example.com>",
        REPLY_TO=reply_address(workspace.id, conversation["id"]),
    )
    assert deliver(workspace.id, raw).status_code == 202
    assert len(agent.api.get("conversations").json()["data"]) == 1
    assert len(_thread(agent, conversation["id"])) == 2


def test_our_headers_from_another_sender_open_a_new_conversation(
    agent, workspace, smtp_server, eager_tasks, reply
):
    """Someone else cannot write into a customer's conversation by quoting its Message-IDs."""
    conversation = _open_email_conversation(agent, workspace)
    reply(conversation["id"], "Please check your spam folder.")
    ours = smtp_server.messages[0]["message"]
    raw = sample(
        "gmail_reply.eml",
        IN_REPLY_TO=ours["Message-ID"],
        REFERENCES=ours["Message-ID"],
        REPLY_TO=ours["Reply-To"],
    ).replace(b"ada.lovelace@example.com", b"mallory@evil.example")
    assert deliver(workspace.id, raw).status_code == 202
    conversations = agent.api.get("conversations").json()["data"]
    assert len(conversations) == 2
    assert len(_thread(agent, conversation["id"])) == 2  # the customer's message and our reply only


def test_a_reply_in_another_workspace_never_threads_into_ours(
    agent, stranger, workspace, other_workspace, smtp_server, eager_tasks, reply
):
    conversation = _open_email_conversation(agent, workspace)
    reply(conversation["id"], "Please check your spam folder.")
    ours = smtp_server.messages[0]["message"]
    raw = sample(
        "gmail_reply.eml",
        IN_REPLY_TO=ours["Message-ID"],
        REFERENCES=ours["Message-ID"],
        REPLY_TO=ours["Reply-To"],
    )
    assert deliver(other_workspace.id, raw).status_code == 202
    assert len(_thread(agent, conversation["id"])) == 2
    [theirs] = stranger.api.get("conversations").json()["data"]
    assert theirs["id"] != conversation["id"]


def test_a_reply_on_an_api_conversation_sends_no_email(agent, smtp_server, eager_tasks):
    created = agent.api.post(
        "conversations", {"contact": {"email": "api@example.com"}, "handled_by": "human"}
    ).json()
    posted = agent.api.post(f"conversations/{created['id']}/messages", {"body": "Hello"}).json()
    assert "delivery_status" not in posted
    assert smtp_server.messages == []


def test_notes_are_never_sent(agent, workspace, smtp_server, eager_tasks):
    conversation = _open_email_conversation(agent, workspace)
    assert agent.api.post(f"conversations/{conversation['id']}/notes", {"body": "VIP"}).status_code == 201
    assert smtp_server.messages == []


def _make_due(workspace_id: str) -> EmailRecord:
    """Time passes: the outbound record's next attempt is due now."""
    from django.utils import timezone

    records = EmailRecord.objects.for_workspace(workspace_id).filter(direction="outbound")
    records.update(next_attempt_at=timezone.now())
    return records.get()


def test_a_failed_send_is_retried_and_visible_on_the_message_never_lost(
    agent, workspace, smtp_down, eager_tasks, reply
):
    from apps.channels_email.delivery import email_deliver

    conversation = _open_email_conversation(agent, workspace)
    response = reply(conversation["id"], "Are you there?")
    assert response.status_code == 201  # the reply is kept whatever SMTP says
    # The first attempt ran after commit and failed; its retry (eager) found itself not yet due.
    record = EmailRecord.objects.for_workspace(workspace.id).get(direction="outbound")
    assert record.attempts == 1
    assert _thread(agent, conversation["id"])[-1]["delivery_status"] == "retrying"

    delays = []
    while (
        delay := email_deliver(workspace_id=workspace.id, record_id=_make_due(workspace.id).id)
    ) is not None:
        delays.append(delay)
    assert delays == list(RETRY_DELAYS[1:])
    reply_row = _thread(agent, conversation["id"])[-1]
    assert reply_row["body"] == "Are you there?"
    assert reply_row["delivery_status"] == "failed"
    record.refresh_from_db()
    assert record.attempts == len(RETRY_DELAYS) + 1
    assert record.last_error == "ConnectionRefusedError"
    assert record.message_id_header  # the record stays for a manual resend


def test_a_failed_attempt_leaves_the_message_retrying_until_the_next_attempt_sends_it(
    agent, workspace, smtp_down, settings, eager_tasks, reply
):
    from apps.channels_email.delivery import email_deliver
    from tests.channels.conftest import _Collect

    conversation = _open_email_conversation(agent, workspace)
    # The request's on-commit send is not run here: attempt by hand, as a worker would.
    agent.api.post(f"conversations/{conversation['id']}/messages", {"body": "Are you there?"})
    record = EmailRecord.objects.for_workspace(workspace.id).get(direction="outbound")
    assert _thread(agent, conversation["id"])[-1]["delivery_status"] == "queued"

    assert email_deliver(workspace_id=workspace.id, record_id=record.id) == RETRY_DELAYS[0]
    assert _thread(agent, conversation["id"])[-1]["delivery_status"] == "retrying"

    from aiosmtpd.controller import Controller

    handler = _Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=settings.EMAIL_PORT)
    controller.start()
    try:
        assert email_deliver(workspace_id=workspace.id, record_id=_make_due(workspace.id).id) is None
    finally:
        controller.stop()
    assert _thread(agent, conversation["id"])[-1]["delivery_status"] == "sent"
    assert len(handler.messages) == 1
    # Sent means done: another attempt sends nothing twice.
    assert email_deliver(workspace_id=workspace.id, record_id=record.id) is None
    assert Message.objects.for_workspace(workspace.id).filter(delivery_status="sent").count() == 1


def test_a_reply_whose_send_task_was_lost_is_sent_by_the_sweeper(agent, workspace, smtp_server, eager_tasks):
    from datetime import timedelta

    from apps.channels_email.delivery import REDISPATCH_AFTER, sweep_pending_emails

    conversation = _open_email_conversation(agent, workspace)
    # The request's on-commit send never runs here: as if the broker was down at commit.
    agent.api.post(f"conversations/{conversation['id']}/messages", {"body": "Lost and found."})
    assert sweep_pending_emails() == 0  # not overdue yet: its task may still be on its way
    assert smtp_server.messages == []

    records = EmailRecord.objects.for_workspace(workspace.id).filter(direction="outbound")
    records.update(next_attempt_at=records.get().next_attempt_at - REDISPATCH_AFTER - timedelta(seconds=1))
    assert sweep_pending_emails() == 1
    [received] = smtp_server.messages
    assert received["message"].get_content().strip() == "Lost and found."
    assert _thread(agent, conversation["id"])[-1]["delivery_status"] == "sent"
    assert sweep_pending_emails() == 0  # sent: nothing to sweep


def test_a_retry_is_not_attempted_before_it_is_due(agent, workspace, smtp_down):
    from apps.channels_email.delivery import email_deliver

    conversation = _open_email_conversation(agent, workspace)
    agent.api.post(f"conversations/{conversation['id']}/messages", {"body": "Hello?"})
    record = EmailRecord.objects.for_workspace(workspace.id).get(direction="outbound")
    assert email_deliver(workspace_id=workspace.id, record_id=record.id) == RETRY_DELAYS[0]
    assert email_deliver(workspace_id=workspace.id, record_id=record.id) is None  # early: nothing tried
    record.refresh_from_db()
    assert record.attempts == 1
    assert record.delivery_status == "retrying"


def test_the_reply_is_queued_in_the_201_and_in_the_message_created_event(agent, admin, workspace, smtp_down):
    subscribed = admin.api.post("webhooks", {"url": "https://hooks.example.com/in", "events": ["*"]})
    assert subscribed.status_code == 201
    conversation = _open_email_conversation(agent, workspace)
    posted = agent.api.post(f"conversations/{conversation['id']}/messages", {"body": "On it."})
    assert posted.status_code == 201
    assert posted.json()["delivery_status"] == "queued"

    events = admin.api.get("events", params={"type": "message.created"}).json()["data"]
    [ours] = [e for e in events if e["data"]["object"]["id"] == posted.json()["id"]]
    assert ours["data"]["object"]["delivery_status"] == "queued"
    # The contact's own message carries none, in the event as in the API.
    theirs = [e for e in events if e["data"]["object"]["author"]["type"] == "contact"]
    assert theirs and all("delivery_status" not in e["data"]["object"] for e in theirs)


def test_a_status_change_is_audited_without_a_webhook_event(
    agent, admin, workspace, smtp_server, eager_tasks, reply
):
    from apps.audit.models import AuditEntry

    subscribed = admin.api.post("webhooks", {"url": "https://hooks.example.com/in", "events": ["*"]})
    assert subscribed.status_code == 201
    conversation = _open_email_conversation(agent, workspace)
    message_id = reply(conversation["id"], "Please check your spam folder.").json()["id"]
    entry = AuditEntry.objects.for_workspace(workspace.id).get(action="message.delivery_status_changed")
    assert (entry.resource_type, entry.resource_id) == ("message", message_id)
    assert entry.actor_type == "system"
    assert list(entry.changes) == ["delivery_status"]
    # Not in the webhook catalogue: subscribers read the status from the message itself.
    types = {e["type"] for e in admin.api.get("events").json()["data"]}
    assert "message.created" in types
    assert "message.delivery_status_changed" not in types


@pytest.mark.parametrize(("smtp", "label"), [("smtp_server", "Sent"), ("smtp_down", "Retrying")])
def test_the_dashboard_thread_labels_the_emailed_reply(
    agent, workspace, eager_tasks, reply, smtp, label, request
):
    import re

    from tests.dashboard.conftest import signed_in

    request.getfixturevalue(smtp)
    conversation = _open_email_conversation(agent, workspace)
    message_id = reply(conversation["id"], "Please check your spam folder.").json()["id"]
    page = signed_in(agent).get(f"/app/{workspace.id}/inbox/{conversation['id']}/").content.decode()
    labels = re.findall(
        r'<article [^>]*id="(msg_\w+)".*?(?:data-testid="delivery-status"[^>]*>(\w+)<|</article>)', page, re.S
    )
    assert (message_id, label) in labels
    # The contact's message has no label.
    assert [m for m, found in labels if found] == [message_id]


def test_the_dashboard_thread_shows_a_failed_reply(agent, workspace, smtp_down, eager_tasks, reply):
    from apps.channels_email.delivery import email_deliver
    from tests.dashboard.conftest import signed_in

    conversation = _open_email_conversation(agent, workspace)
    reply(conversation["id"], "Are you there?")
    while email_deliver(workspace_id=workspace.id, record_id=_make_due(workspace.id).id) is not None:
        pass
    page = signed_in(agent).get(f"/app/{workspace.id}/inbox/{conversation['id']}/").content.decode()
    assert 'data-testid="delivery-status" title="E-mail to the contact">Failed<' in page


def test_a_status_change_moves_the_dashboards_change_stamp(
    agent, workspace, smtp_down, django_capture_on_commit_callbacks
):
    """The open thread's idle poll compares this stamp: a label that changes must move it (when the
    change commits)."""
    from apps.channels_email.delivery import email_deliver
    from apps.dashboard.live import last_change

    conversation = _open_email_conversation(agent, workspace)
    agent.api.post(f"conversations/{conversation['id']}/messages", {"body": "Hello?"})
    before = last_change(workspace.id)
    record = EmailRecord.objects.for_workspace(workspace.id).get(direction="outbound")
    with django_capture_on_commit_callbacks(execute=True):
        assert email_deliver(workspace_id=workspace.id, record_id=record.id) == RETRY_DELAYS[0]
    assert last_change(workspace.id) > before
    # A failed attempt that leaves the status as it was (retrying → retrying) records nothing more.
    from apps.audit.models import AuditEntry

    changed = AuditEntry.objects.for_workspace(workspace.id).filter(action="message.delivery_status_changed")
    assert changed.count() == 1
    email_deliver(workspace_id=workspace.id, record_id=_make_due(workspace.id).id)
    assert changed.count() == 1


def _fail_every_attempt(workspace_id: str) -> EmailRecord:
    from apps.channels_email.delivery import email_deliver

    record = EmailRecord.objects.for_workspace(workspace_id).get(direction="outbound")
    while email_deliver(workspace_id=workspace_id, record_id=_make_due(workspace_id).id) is not None:
        pass
    record.refresh_from_db()
    assert record.delivery_status == "failed"
    return record


def test_a_failed_reply_can_be_resent_once_smtp_works(
    agent, workspace, settings, django_capture_on_commit_callbacks, eager_tasks
):
    from aiosmtpd.controller import Controller

    from apps.audit.models import AuditEntry
    from apps.channels_email.delivery import email_resend
    from tests.channels.conftest import _Collect, _free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", _free_port(), 2
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    conversation = _open_email_conversation(agent, workspace)
    message_id = agent.api.post(f"conversations/{conversation['id']}/messages", {"body": "Hello?"}).json()[
        "id"
    ]
    record = _fail_every_attempt(workspace.id)

    handler = _Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=settings.EMAIL_PORT)
    controller.start()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            email_resend(workspace_id=workspace.id, message_id=message_id)
    finally:
        controller.stop()
    [received] = handler.messages
    assert received["message"]["Message-ID"] == record.message_id_header  # the same e-mail, threaded alike
    assert _thread(agent, conversation["id"])[-1]["delivery_status"] == "sent"
    record.refresh_from_db()
    assert (record.delivery_status, record.attempts, record.last_error) == ("sent", 1, "")
    statuses = AuditEntry.objects.for_workspace(workspace.id).filter(
        action="message.delivery_status_changed", resource_id=message_id
    )
    assert statuses.count() == 4  # queued→retrying, retrying→failed, failed→queued, queued→sent


def test_only_a_failed_reply_of_the_workspace_is_resent(
    agent, stranger, workspace, other_workspace, smtp_down
):
    from apps.channels_email.delivery import email_resend
    from leadiosa.errors import Conflict, NotFound

    conversation = _open_email_conversation(agent, workspace)
    message_id = agent.api.post(f"conversations/{conversation['id']}/messages", {"body": "Hello?"}).json()[
        "id"
    ]
    with pytest.raises(Conflict):  # still queued
        email_resend(workspace_id=workspace.id, message_id=message_id)
    contact_message = _thread(agent, conversation["id"])[0]["id"]
    for workspace_id, unknown in [
        (workspace.id, contact_message),  # inbound: nothing to send
        (workspace.id, "msg_0000000000000000000000"),
        (workspace.id, "not-an-id"),
        (other_workspace.id, message_id),  # another workspace's reply: the same 404
    ]:
        with pytest.raises(NotFound):
            email_resend(workspace_id=workspace_id, message_id=unknown)
    assert EmailRecord.objects.for_workspace(workspace.id).get(direction="outbound").attempts == 0
