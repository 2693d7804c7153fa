"""Tests written for the mutants of apps/conversations/services.py that survived the area's tests
(tests/mutation/run.sh conversations; the list and the equivalent ones: tests/mutation/RESULTS.md).

The services other code calls (the assistant's hand-off, the beat task's wake-up, close): their effect
as the API shows it afterwards — the conversation, its webhook events (GET /events) and audit trail.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.conversations.models import Conversation
from apps.conversations.services import conversation_close, conversation_hand_off, conversation_wake
from apps.conversations.tasks import wake_snoozed_conversations
from leadiosa.tenancy import with_workspace
from tests.conversations.factories import ConversationFactory
from tests.webhooks.factories import make_endpoint

pytestmark = pytest.mark.django_db


def _events(persona, resource_id: str) -> list[dict]:
    """This conversation's webhook events, oldest first."""
    data = persona.api.get("events", {"limit": 100}).json()["data"]
    return [event for event in reversed(data) if event["data"]["object"].get("id") == resource_id]


def _audit_trail(persona, resource_id: str) -> list[tuple[str, list | None]]:
    """This resource's audit entries as (action, changes), newest first."""
    data = persona.api.get("audit", {"limit": 100}).json()["data"]
    return [
        (entry["action"], entry.get("changes")) for entry in data if entry["resource"]["id"] == resource_id
    ]


def _snoozed(persona, *, due: bool) -> dict:
    conversation = persona.api.post("conversations", {"contact": {"name": "Snoozer"}}).json()
    until = (timezone.now() + timedelta(hours=1)).isoformat()
    snoozed = persona.api.patch(
        f"conversations/{conversation['id']}", {"status": "snoozed", "snoozed_until": until}
    ).json()
    if due:
        Conversation.all_workspaces.filter(pk=conversation["id"]).update(
            snoozed_until=timezone.now() - timedelta(minutes=1)
        )
        snoozed = persona.api.get(f"conversations/{conversation['id']}").json()
    return snoozed


def test_the_wake_up_task_reopens_a_due_conversation_and_says_what_it_was(admin):
    make_endpoint(admin.workspace)
    snoozed = _snoozed(admin, due=True)
    assert wake_snoozed_conversations() == 1
    woken = admin.api.get(f"conversations/{snoozed['id']}").json()
    assert woken["status"] == "open" and "snoozed_until" not in woken
    event = _events(admin, snoozed["id"])[-1]
    assert event["type"] == "conversation.updated"
    assert event["data"]["object"] == woken
    assert event["data"]["previous_attributes"] == {
        "status": "snoozed",
        "snoozed_until": snoozed["snoozed_until"],
    }
    last_entry = next(
        entry
        for entry in admin.api.get("audit", {"limit": 100}).json()["data"]
        if entry["resource"]["id"] == snoozed["id"]
    )
    assert (last_entry["action"], last_entry["changes"]) == (
        "conversation.updated",
        ["snoozed_until", "status"],
    )
    assert last_entry["actor"] == {"type": "system"}


def test_waking_one_conversation_leaves_the_other_due_ones(admin):
    """`conversation_wake` wakes the conversation it is given, not any due one of the workspace."""
    first, second = _snoozed(admin, due=True), _snoozed(admin, due=True)
    with with_workspace(admin.workspace.id):
        woken = conversation_wake(conversation_id=second["id"], workspace_id=admin.workspace.id)
    assert woken is not None and woken.id == second["id"]
    assert admin.api.get(f"conversations/{second['id']}").json()["status"] == "open"
    assert admin.api.get(f"conversations/{first['id']}").json()["status"] == "snoozed"


def test_a_conversation_snoozed_again_before_its_wake_up_stays_snoozed(admin):
    """The task found it due, but meanwhile it was snoozed to a later time: the wake-up re-checks the
    time under the row lock and leaves it."""
    later = _snoozed(admin, due=False)
    with with_workspace(admin.workspace.id):
        assert conversation_wake(conversation_id=later["id"], workspace_id=admin.workspace.id) is None
    assert admin.api.get(f"conversations/{later['id']}").json() == later


def test_a_hand_off_shows_in_the_events_and_the_audit_trail(admin):
    make_endpoint(admin.workspace)
    conversation = ConversationFactory(workspace=admin.workspace, handled_by="assistant")
    before = admin.api.get(f"conversations/{conversation.id}").json()
    with with_workspace(admin.workspace.id):
        conversation_hand_off(conversation=conversation, reason="contact_asked_for_human")
    after = admin.api.get(f"conversations/{conversation.id}").json()
    assert before["handled_by"] == "assistant" and after["handled_by"] == "human"
    assert after["updated_at"] > before["updated_at"]
    updated, handed_off = _events(admin, conversation.id)
    assert updated["type"] == "conversation.updated"
    assert updated["data"] == {"object": after, "previous_attributes": {"handled_by": "assistant"}}
    assert handed_off["type"] == "conversation.handed_off"
    assert handed_off["data"] == {
        "object": {**after, "handoff_reason": "contact_asked_for_human"},
        "previous_attributes": {"handled_by": "assistant"},
    }
    assert _audit_trail(admin, conversation.id)[::-1] == [
        ("conversation.updated", ["handled_by"]),
        ("conversation.handed_off", ["handled_by"]),
    ]


def test_the_close_service_closes(admin):
    conversation = admin.api.post("conversations", {"contact": {"name": "Closer"}}).json()
    with with_workspace(admin.workspace.id):
        conversation_close(conversation=Conversation.all_workspaces.get(pk=conversation["id"]))
    closed = admin.api.get(f"conversations/{conversation['id']}").json()
    assert closed["status"] == "closed" and "closed_at" in closed


def test_a_reply_on_a_closed_conversation_says_how_to_go_on(agent):
    conversation = agent.api.post("conversations", {"contact": {"name": "Closed"}}).json()
    agent.api.patch(f"conversations/{conversation['id']}", {"status": "closed"})
    refused = agent.api.post(f"conversations/{conversation['id']}/messages", {"body": "late reply"})
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "conversation_closed"
    assert refused.json()["error"]["message"] == "The conversation is closed; reopen it first (status: open)."


def test_a_note_keeps_its_body_and_is_audited_under_its_own_id(admin):
    make_endpoint(admin.workspace)
    conversation = admin.api.post("conversations", {"contact": {"name": "Noted"}}).json()
    note = admin.api.post(f"conversations/{conversation['id']}/notes", {"body": "Called back, all good."})
    assert note.status_code == 201
    assert note.json()["body"] == "Called back, all good."
    listed = admin.api.get(f"conversations/{conversation['id']}/notes").json()["data"]
    assert [(n["id"], n["body"]) for n in listed] == [(note.json()["id"], "Called back, all good.")]
    entry = admin.api.get("audit", {"limit": 100}).json()["data"][0]
    assert entry["action"] == "note.created"
    assert entry["resource"] == {"type": "note", "id": note.json()["id"]}
    assert entry["changes"] == ["body"]
    event = admin.api.get("events", {"limit": 1}).json()["data"][0]
    assert event["type"] == "note.created"
    assert event["data"] == {"object": note.json()}


def test_a_conversation_for_a_missing_contact_names_it(agent):
    missing = "ct_" + "0" * 22
    refused = agent.api.post("conversations", {"contact_id": missing})
    assert refused.status_code == 422
    assert refused.json()["error"] == {
        "code": "contact_not_found",
        "message": f"Contact {missing} not found.",
        "param": "contact_id",
        "request_id": refused["X-Request-Id"],
    }


def test_a_new_conversation_is_audited_with_every_field_it_set(agent, admin):
    created = agent.api.post(
        "conversations",
        {"contact": {"name": "Audited"}, "subject": "Hi", "tags": ["vip"], "assignee_id": admin.user_id},
    ).json()
    plain = agent.api.post("conversations", {"contact": {"name": "Plain"}}).json()
    created_entries = {
        entry["resource"]["id"]: entry.get("changes")
        for entry in admin.api.get("audit", {"limit": 100}).json()["data"]
        if entry["action"] == "conversation.created"
    }
    base = ["channel", "contact_id", "handled_by", "priority", "status"]
    assert created_entries[created["id"]] == sorted([*base, "assignee_id", "subject", "tags"])
    assert created_entries[plain["id"]] == base


def test_assigning_to_a_stranger_names_the_user(agent, stranger):
    conversation = agent.api.post("conversations", {"contact": {"name": "Assign"}}).json()
    refused = agent.api.patch(f"conversations/{conversation['id']}", {"assignee_id": stranger.user_id})
    assert refused.status_code == 422
    assert refused.json()["error"]["message"] == f"{stranger.user_id} is not a member of this workspace."
    assert refused.json()["error"]["param"] == "assignee_id"


def test_patch_sets_the_subject_and_empty_values_clear_subject_and_tags(agent):
    conversation = agent.api.post("conversations", {"contact": {"name": "Sub"}, "tags": ["a"]}).json()
    url = f"conversations/{conversation['id']}"
    assert agent.api.patch(url, {"subject": "New subject"}).json()["subject"] == "New subject"
    assert agent.api.get(url).json()["subject"] == "New subject"
    cleared = agent.api.patch(url, {"subject": "", "tags": None})
    assert cleared.status_code == 200
    assert "subject" not in cleared.json()
    assert "tags" not in cleared.json()
    assert agent.api.get(url).json() == cleared.json()


def test_a_closed_conversation_cannot_be_snoozed_and_says_why(agent):
    conversation = agent.api.post("conversations", {"contact": {"name": "Shut"}}).json()
    url = f"conversations/{conversation['id']}"
    agent.api.patch(url, {"status": "closed"})
    refused = agent.api.patch(url, {"status": "pending"})
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "invalid_status_transition"
    assert refused.json()["error"]["message"] == "A closed conversation can only be reopened (open)."


def test_changing_another_field_of_a_snoozed_conversation_keeps_its_wake_up_time(admin):
    snoozed = _snoozed(admin, due=False)
    changed = admin.api.patch(f"conversations/{snoozed['id']}", {"priority": "high"}).json()
    assert changed["status"] == "snoozed" and changed["priority"] == "high"
    assert changed["snoozed_until"] == snoozed["snoozed_until"]


def test_snoozing_into_the_past_says_what_is_needed(agent):
    conversation = agent.api.post("conversations", {"contact": {"name": "Past"}}).json()
    past = (timezone.now() - timedelta(minutes=5)).isoformat()
    refused = agent.api.patch(
        f"conversations/{conversation['id']}", {"status": "snoozed", "snoozed_until": past}
    )
    assert refused.status_code == 400
    assert refused.json()["error"]["message"] == "A snoozed conversation needs a future snoozed_until."
    assert refused.json()["error"]["param"] == "snoozed_until"


def test_snoozed_until_without_the_snoozed_status_says_so(agent):
    conversation = agent.api.post("conversations", {"contact": {"name": "Until"}}).json()
    future = (timezone.now() + timedelta(hours=1)).isoformat()
    refused = agent.api.patch(f"conversations/{conversation['id']}", {"snoozed_until": future})
    assert refused.status_code == 400
    assert refused.json()["error"]["message"] == "snoozed_until is only accepted with status snoozed."
    assert refused.json()["error"]["param"] == "snoozed_until"


def test_closing_a_closed_conversation_answers_it_as_it_is(agent):
    conversation = agent.api.post("conversations", {"contact": {"name": "Twice"}}).json()
    url = f"conversations/{conversation['id']}"
    closed = agent.api.patch(url, {"status": "closed"}).json()
    again = agent.api.patch(url, {"status": "closed"})
    assert again.status_code == 200
    assert again.json() == closed == agent.api.get(url).json()
    assert "closed_at" in closed


def test_reopening_reports_the_closed_at_it_cleared(admin):
    make_endpoint(admin.workspace)
    conversation = admin.api.post("conversations", {"contact": {"name": "Back"}}).json()
    url = f"conversations/{conversation['id']}"
    closed = admin.api.patch(url, {"status": "closed"}).json()
    reopened = admin.api.patch(url, {"status": "open"}).json()
    assert "closed_at" not in reopened
    updated = [e for e in _events(admin, conversation["id"]) if e["type"] == "conversation.updated"][-1]
    assert updated["data"] == {
        "object": reopened,
        "previous_attributes": {"status": "closed", "closed_at": closed["closed_at"]},
    }
    entry = next(
        e
        for e in admin.api.get("audit", {"limit": 100}).json()["data"]
        if e["resource"]["id"] == conversation["id"] and e["action"] == "conversation.updated"
    )
    assert entry["changes"] == ["closed_at", "status"]


def test_a_reassignment_reports_the_previous_assignee(admin, owner):
    make_endpoint(admin.workspace)
    conversation = admin.api.post("conversations", {"contact": {"name": "Reassign"}}).json()
    url = f"conversations/{conversation['id']}"
    admin.api.patch(url, {"assignee_id": admin.user_id})
    moved = admin.api.patch(url, {"assignee_id": owner.user_id}).json()
    assigned = [e for e in _events(admin, conversation["id"]) if e["type"] == "conversation.assigned"][-1]
    assert assigned["data"] == {"object": moved, "previous_attributes": {"assignee_id": admin.user_id}}
    assert _audit_trail(admin, conversation["id"])[:2] == [
        ("conversation.assigned", ["assignee_id"]),
        ("conversation.updated", ["assignee_id"]),
    ]


def test_close_and_reopen_events_and_audit_entries_say_what_the_status_was(admin):
    make_endpoint(admin.workspace)
    conversation = admin.api.post("conversations", {"contact": {"name": "Cycle"}}).json()
    url = f"conversations/{conversation['id']}"
    closed = admin.api.patch(url, {"status": "closed"}).json()
    reopened = admin.api.patch(url, {"status": "open"}).json()
    by_type = {e["type"]: e["data"] for e in _events(admin, conversation["id"])}
    assert by_type["conversation.closed"] == {"object": closed, "previous_attributes": {"status": "open"}}
    assert by_type["conversation.reopened"] == {
        "object": reopened,
        "previous_attributes": {"status": "closed"},
    }
    trail = [
        (e["action"], e["resource"]["type"], e.get("changes"))
        for e in reversed(admin.api.get("audit", {"limit": 100}).json()["data"])
        if e["resource"]["id"] == conversation["id"]
    ]
    assert ("conversation.closed", "conversation", ["status"]) in trail
    assert ("conversation.reopened", "conversation", ["status"]) in trail
    assert trail[0][:2] == ("conversation.created", "conversation")


def test_a_reply_on_an_email_conversation_is_queued_and_a_contacts_message_is_not(agent):
    email = ConversationFactory(workspace=agent.workspace, channel="email")
    reply = agent.api.post(f"conversations/{email.id}/messages", {"body": "Thanks!"}).json()
    assert reply["delivery_status"] == "queued"
    inbound = agent.api.post(f"conversations/{email.id}/messages", {"body": "Hi", "author_type": "contact"})
    assert "delivery_status" not in inbound.json()
    api = agent.api.post("conversations", {"contact": {"name": "Api"}}).json()
    assert (
        "delivery_status" not in agent.api.post(f"conversations/{api['id']}/messages", {"body": "x"}).json()
    )


def test_a_contacts_message_reopening_a_closed_conversation_reports_what_it_was(admin):
    make_endpoint(admin.workspace)
    conversation = admin.api.post("conversations", {"contact": {"name": "Returns"}}).json()
    url = f"conversations/{conversation['id']}"
    closed = admin.api.patch(url, {"status": "closed"}).json()
    admin.api.post(f"{url}/messages", {"body": "Me again", "author_type": "contact"})
    reopened = admin.api.get(url).json()
    assert reopened["status"] == "open" and "closed_at" not in reopened
    assert reopened["message_count"] == 1 and "last_message_at" in reopened
    events = _events(admin, conversation["id"])
    updated = [e for e in events if e["type"] == "conversation.updated"][-1]
    assert updated["data"] == {
        "object": reopened,
        "previous_attributes": {"status": "closed", "closed_at": closed["closed_at"]},
    }
    [back] = [e for e in events if e["type"] == "conversation.reopened"]
    assert back["data"] == {"object": reopened, "previous_attributes": {"status": "closed"}}
    assert _audit_trail(admin, conversation["id"])[:2] == [
        ("conversation.reopened", ["status"]),
        ("conversation.updated", ["closed_at", "status"]),
    ]


def test_a_message_is_audited_under_its_own_id_with_its_fields(admin):
    conversation = admin.api.post("conversations", {"contact": {"name": "Msg"}}).json()
    message = admin.api.post(f"conversations/{conversation['id']}/messages", {"body": "Hello"}).json()
    entry = admin.api.get("audit", {"limit": 1}).json()["data"][0]
    assert entry["action"] == "message.created"
    assert entry["resource"] == {"type": "message", "id": message["id"]}
    assert entry["changes"] == ["author", "body"]


def test_writing_to_a_conversation_erased_meanwhile_names_it(workspace):
    """`_lock`: the 404 the API gives for a conversation erased between lookup and lock names it."""
    from apps.conversations.services import message_create
    from leadiosa.errors import NotFound

    conversation = ConversationFactory(workspace=workspace)
    Conversation.all_workspaces.filter(pk=conversation.pk).delete()
    with with_workspace(workspace.id), pytest.raises(NotFound) as raised:
        message_create(conversation=conversation, author_type="agent", body="late")
    assert raised.value.code == "conversation_not_found"
    assert raised.value.message == f"Conversation {conversation.pk} not found."


def test_a_contacts_message_waking_a_snoozed_conversation_reports_its_wake_up_time(admin):
    make_endpoint(admin.workspace)
    snoozed = _snoozed(admin, due=False)
    url = f"conversations/{snoozed['id']}"
    admin.api.post(f"{url}/messages", {"body": "first", "author_type": "agent"})
    snoozed = admin.api.get(url).json()
    admin.api.post(f"{url}/messages", {"body": "I'm back", "author_type": "contact"})
    woken = admin.api.get(url).json()
    assert woken["status"] == "open" and woken["message_count"] == 2
    updated = [e for e in _events(admin, snoozed["id"]) if e["type"] == "conversation.updated"][-1]
    assert updated["data"] == {
        "object": woken,
        "previous_attributes": {"status": "snoozed", "snoozed_until": snoozed["snoozed_until"]},
    }


# conversation_contact_change (re-run of 2026-12-01): a widget visitor's conversations follow them to the
# contact their verified identify names. ---------------------------------------------------------------


def _merge_setup(owner, agent, workspace):
    """An anonymous widget visitor with a conversation (their message, an agent's reply, a relayed message
    of theirs) and another conversation of theirs an agent started; then they sign in as Ada."""
    from tests.channels.test_widget_identity import rotate, sign
    from tests.channels.test_widget_public_api import SHOP, Visitor

    assert owner.api.patch("widget", {"allowed_origins": [SHOP]}).status_code == 200
    make_endpoint(workspace)
    visitor = Visitor(workspace.id)
    widget_id = visitor.start("Before signing in")["conversation"]["id"]
    anonymous_id = agent.api.get(f"conversations/{widget_id}").json()["contact_id"]
    assert agent.api.post(f"conversations/{widget_id}/messages", {"body": "Agent here"}).status_code == 201
    other_id = agent.api.post("conversations", {"contact_id": anonymous_id}).json()["id"]
    relayed = {"body": "By phone", "author_type": "contact"}
    assert agent.api.post(f"conversations/{other_id}/messages", relayed).status_code == 201
    before = agent.api.get(f"conversations/{widget_id}").json()
    secret = rotate(owner)
    signed = visitor.post(
        "/identify", {"email": "ada@example.com", "user_hash": sign(secret, "ada@example.com")}
    )
    assert signed.status_code == 200, signed.content
    return widget_id, other_id, anonymous_id, before


def _authors(persona, conversation_id: str) -> list[tuple[str, str | None]]:
    thread = persona.api.get(f"conversations/{conversation_id}/messages").json()["data"]
    return [(m["author"]["type"], m["author"].get("id")) for m in thread]


def test_a_widget_conversation_follows_its_visitor_with_their_messages_and_says_so(
    owner, agent, admin, workspace
):
    widget_id, other_id, anonymous_id, before = _merge_setup(owner, agent, workspace)
    after = agent.api.get(f"conversations/{widget_id}").json()
    ada_id = after["contact_id"]
    assert ada_id != anonymous_id
    assert after["updated_at"] > before["updated_at"]
    # The visitor's own messages follow; the agent's stay the agent's.
    assert _authors(agent, widget_id) == [("contact", ada_id), ("agent", agent.member.user_id)]
    # The conversation an agent started with them is not the widget's: it and its messages stay theirs.
    assert agent.api.get(f"conversations/{other_id}").json()["contact_id"] == anonymous_id
    assert _authors(agent, other_id) == [("contact", anonymous_id)]
    updated = [e for e in _events(admin, widget_id) if e["type"] == "conversation.updated"]
    assert [(e["data"]["object"]["contact_id"], e["data"]["previous_attributes"]) for e in updated] == [
        (ada_id, {"contact_id": anonymous_id})
    ]
    assert ("conversation.updated", ["contact_id"]) in _audit_trail(admin, widget_id)


def test_giving_a_conversation_to_its_own_contact_or_to_no_contact(admin):
    """The service's own refusals and no-ops (no request reaches them: the widget moves only an
    anonymous visitor's conversations, to a contact it has just found or created)."""
    from apps.conversations.services import conversation_contact_change
    from leadiosa.errors import Unprocessable

    make_endpoint(admin.workspace)
    created = admin.api.post("conversations", {"contact": {"name": "Kept"}}).json()
    conversation = Conversation.all_workspaces.get(pk=created["id"])
    with with_workspace(admin.workspace.id):
        same = conversation_contact_change(conversation=conversation, contact_id=created["contact_id"])
        assert same.contact_id == created["contact_id"]
        with pytest.raises(Unprocessable) as raised:
            conversation_contact_change(conversation=conversation, contact_id="ct_" + "0" * 22)
    assert raised.value.code == "contact_not_found"
    assert raised.value.message == f"Contact ct_{'0' * 22} not found."
    assert raised.value.param == "contact_id"
    assert [e["type"] for e in _events(admin, created["id"])] == ["conversation.created"]
    assert admin.api.get(f"conversations/{created['id']}").json() == created
