"""GET/POST /conversations, GET/PATCH /conversations/{id}."""

import time
from datetime import UTC, datetime, timedelta

import pytest

from apps.conversations.models import Conversation
from tests.contacts.factories import ContactFactory
from tests.conversations.factories import ConversationFactory
from tests.factories import MemberFactory

ISO = "%Y-%m-%dT%H:%M:%S.%fZ"


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def future(minutes=60) -> str:
    return iso(datetime.now(UTC) + timedelta(minutes=minutes))


# ---- create ----------------------------------------------------------------------------------------


def test_create_with_a_new_contact_object_creates_the_contact(agent, captured_events):
    response = agent.api.post(
        "conversations",
        {
            "contact": {"email": "Ada@Example.org", "name": "Ada"},
            "subject": "Billing",
            "tags": ["vip", "vip"],
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["id"].startswith("conv_")
    assert body["contact_id"].startswith("ct_")
    assert body["status"] == "open"
    assert body["priority"] == "normal"
    assert body["channel"] == "api"
    assert body["subject"] == "Billing"
    assert body["tags"] == ["vip"]
    assert body["message_count"] == 0
    for absent in ("assignee_id", "snoozed_until", "last_message_at", "closed_at"):
        assert absent not in body
    contact = agent.api.get(f"contacts/{body['contact_id']}").json()
    assert contact["email"] == "ada@example.org"
    types = [e.type for e in captured_events]
    assert types == ["contact.created", "conversation.created"]
    assert all(e.contact_id == body["contact_id"] for e in captured_events)


def test_create_with_a_known_email_reuses_the_contact(agent):
    first = agent.api.post("conversations", {"contact": {"email": "bo@example.org"}}).json()
    second = agent.api.post("conversations", {"contact": {"email": "BO@example.org", "name": "x"}}).json()
    assert first["contact_id"] == second["contact_id"]


def test_create_with_a_known_external_id_reuses_the_contact(agent):
    first = agent.api.post("conversations", {"contact": {"external_id": "crm-1"}}).json()
    second = agent.api.post("conversations", {"contact": {"external_id": "crm-1"}}).json()
    assert first["contact_id"] == second["contact_id"]


def test_create_with_contact_id(agent, workspace):
    contact = ContactFactory(workspace=workspace)
    response = agent.api.post(
        "conversations", {"contact_id": contact.id, "priority": "urgent", "channel": "email"}
    )
    assert response.status_code == 201
    assert response.json()["contact_id"] == contact.id
    assert response.json()["priority"] == "urgent"
    assert response.json()["channel"] == "email"


def test_create_needs_a_contact(agent):
    response = agent.api.post("conversations", {"subject": "Hello"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"
    assert response.json()["error"]["param"] == "contact_id"


def test_create_refuses_contact_id_and_contact_together(agent, workspace):
    contact = ContactFactory(workspace=workspace)
    response = agent.api.post("conversations", {"contact_id": contact.id, "contact": {"email": "a@b.co"}})
    assert response.status_code == 400
    assert response.json()["error"]["param"] == "contact"


def test_create_with_an_unknown_or_foreign_contact_id_is_contact_not_found(agent, other_workspace):
    foreign = ContactFactory(workspace=other_workspace)
    missing = agent.api.post("conversations", {"contact_id": "ct_doesnotexist"})
    leaked = agent.api.post("conversations", {"contact_id": foreign.id})
    for response in (missing, leaked):
        assert response.status_code == 422
        assert response.json()["error"]["code"] == "contact_not_found"
        assert response.json()["error"]["param"] == "contact_id"


@pytest.mark.parametrize(
    ("body", "param"),
    [
        ({"id": "conv_x"}, "id"),
        ({"status": "closed"}, "status"),
        ({"message_count": 4}, "message_count"),
        ({"workspace_id": "ws_x"}, "workspace_id"),
        ({"priority": "highest"}, "priority"),
        ({"channel": "sms"}, "channel"),
        ({"handled_by": "robot"}, "handled_by"),
        ({"tags": "vip"}, "tags"),
        ({"tags": [""]}, "tags.0"),
        ({"tags": [f"t{i}" for i in range(21)]}, "tags"),
        ({"subject": "x" * 501}, "subject"),
        ({"message": {"body": ""}}, "message.body"),
        ({"message": {"body": "x" * 10001}}, "message.body"),
        ({"message": {"body": "hi", "author_type": "agent"}}, "message.author_type"),
        ({"contact": {"email": "not-an-email"}}, "contact.email"),
        ({"contact": {"nickname": "x"}}, "contact.nickname"),
    ],
)
def test_create_validation_names_the_field(agent, body, param):
    body = {"contact": {"email": "v@example.org"}, **body} if "contact" not in body else body
    response = agent.api.post("conversations", body)
    assert response.status_code == 400, response.json()
    assert response.json()["error"]["code"] == "validation_error"
    assert response.json()["error"]["param"] == param


def test_create_with_a_first_message_counts_it(agent, captured_events):
    response = agent.api.post(
        "conversations", {"contact": {"email": "m@example.org"}, "message": {"body": "My order is late"}}
    )
    body = response.json()
    assert body["message_count"] == 1
    assert "last_message_at" in body
    thread = agent.api.get(f"conversations/{body['id']}/messages").json()["data"]
    assert [(m["author"]["type"], m["body"]) for m in thread] == [("contact", "My order is late")]
    assert thread[0]["author"]["id"] == body["contact_id"]
    assert [e.type for e in captured_events][-1] == "message.created"


def test_handled_by_defaults_to_the_assistant_when_the_workspace_has_it_on(agent, workspace):
    assert agent.api.post("conversations", {"contact": {"name": "a"}}).json()["handled_by"] == "assistant"
    workspace.assistant_enabled = False
    workspace.save()
    assert agent.api.post("conversations", {"contact": {"name": "b"}}).json()["handled_by"] == "human"
    explicit = agent.api.post("conversations", {"contact": {"name": "c"}, "handled_by": "assistant"})
    assert explicit.json()["handled_by"] == "assistant"


def test_create_assigned_to_a_member(agent, admin):
    response = agent.api.post("conversations", {"contact": {"name": "a"}, "assignee_id": admin.user_id})
    assert response.status_code == 201
    assert response.json()["assignee_id"] == admin.user_id


def test_create_assigned_to_a_non_member_is_refused(agent, stranger):
    response = agent.api.post("conversations", {"contact": {"name": "a"}, "assignee_id": stranger.user_id})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "assignee_not_member"
    assert response.json()["error"]["param"] == "assignee_id"


# ---- retrieve --------------------------------------------------------------------------------------


def test_retrieve_shows_the_conversation(agent, workspace):
    conversation = ConversationFactory(workspace=workspace, tags=["a"])
    body = agent.api.get(f"conversations/{conversation.id}").json()
    assert body["id"] == conversation.id
    assert body["tags"] == ["a"]
    assert body["created_at"].endswith("Z") and len(body["created_at"]) == 24


def test_another_workspaces_conversation_is_indistinguishable_from_a_missing_one(agent, other_workspace):
    foreign = ConversationFactory(workspace=other_workspace)
    leaked = agent.api.get(f"conversations/{foreign.id}")
    missing = agent.api.get("conversations/conv_doesnotexist0000000000")
    assert leaked.status_code == missing.status_code == 404
    assert leaked.json()["error"]["code"] == missing.json()["error"]["code"] == "conversation_not_found"
    patched = agent.api.patch(f"conversations/{foreign.id}", {"priority": "high"})
    assert patched.status_code == 404
    assert Conversation.all_workspaces.get(pk=foreign.pk).priority == "normal"


# ---- list ------------------------------------------------------------------------------------------


def test_list_is_newest_first_and_paginates(agent, workspace):
    made = [ConversationFactory(workspace=workspace).id for _ in range(5)]
    first = agent.api.get("conversations", {"limit": 3}).json()
    assert [c["id"] for c in first["data"]] == made[::-1][:3]
    assert first["pagination"]["has_more"] is True
    second = agent.api.get("conversations", {"limit": 3, "after": first["pagination"]["next_cursor"]}).json()
    assert [c["id"] for c in second["data"]] == made[::-1][3:]
    assert second["pagination"] == {"has_more": False}


def test_list_never_shows_another_workspaces_conversations(agent, stranger, workspace, other_workspace):
    mine = ConversationFactory(workspace=workspace)
    theirs = ConversationFactory(workspace=other_workspace, tags=["vip"], status="closed")
    assert [c["id"] for c in agent.api.get("conversations").json()["data"]] == [mine.id]
    for params in ({"contact_id": theirs.contact_id}, {"tag": "vip"}, {"status": "closed"}):
        assert agent.api.get("conversations", params).json()["data"] == []
    assert [c["id"] for c in stranger.api.get("conversations").json()["data"]] == [theirs.id]


def _counted_in_a_warm_minute(agent, count_queries):
    """Queries of one list request, warmed in the same rate-limit minute (the first request of each
    minute also writes the token's last_used_at: a slow run crossing a minute boundary counted it)."""
    while True:
        minute = int(time.time()) // 60
        agent.api.get("conversations")  # warm the token cache and this minute's last_used_at
        counted = count_queries(lambda: agent.api.get("conversations", {"limit": 100}))
        if int(time.time()) // 60 == minute:
            return counted


def test_list_query_count_does_not_grow_with_the_page(agent, workspace, count_queries):
    ConversationFactory(workspace=workspace)
    one, queries_for_one = _counted_in_a_warm_minute(agent, count_queries)
    for _ in range(40):
        ConversationFactory(workspace=workspace, assignee_id=agent.user_id, tags=["x"])
    many, queries_for_many = _counted_in_a_warm_minute(agent, count_queries)
    assert len(one.json()["data"]) == 1 and len(many.json()["data"]) == 41
    assert queries_for_one == queries_for_many <= 2


def test_list_query_count_with_filters_is_bounded(agent, workspace, django_assert_max_num_queries):
    for _ in range(30):
        ConversationFactory(workspace=workspace, tags=["x"])
    agent.api.get("conversations")
    with django_assert_max_num_queries(2):
        response = agent.api.get("conversations", {"limit": 100, "tag": "x", "status": "open,pending"})
    assert len(response.json()["data"]) == 30


def test_filters(agent, admin, workspace):
    contact = ContactFactory(workspace=workspace)
    a = ConversationFactory(
        workspace=workspace, status="open", priority="high", tags=["vip"], contact=contact
    )
    b = ConversationFactory(workspace=workspace, status="pending", assignee_id=admin.user_id)
    c = ConversationFactory(workspace=workspace, status="closed", handled_by="assistant")

    def ids(**params):
        return {row["id"] for row in agent.api.get("conversations", params).json()["data"]}

    assert ids(status="open") == {a.id}
    assert ids(status="open,closed") == {a.id, c.id}
    assert ids(assignee_id=admin.user_id) == {b.id}
    assert ids(assignee_id="none") == {a.id, c.id}
    assert ids(contact_id=contact.id) == {a.id}
    assert ids(priority="high") == {a.id}
    assert ids(tag="vip") == {a.id}
    assert ids(handled_by="assistant") == {c.id}
    assert ids(handled_by="human") == {a.id, b.id}
    assert ids(status="open,pending", assignee_id="none") == {a.id}


def test_time_filters(agent, workspace):
    now = datetime.now(UTC)
    old = ConversationFactory(
        workspace=workspace, created_at=now - timedelta(days=3), updated_at=now - timedelta(days=3)
    )
    new = ConversationFactory(workspace=workspace, created_at=now - timedelta(hours=1), updated_at=now)

    def ids(**params):
        return {row["id"] for row in agent.api.get("conversations", params).json()["data"]}

    day_ago = iso(now - timedelta(days=1))
    assert ids(created_after=day_ago) == {new.id}
    assert ids(created_before=day_ago) == {old.id}
    assert ids(updated_after=day_ago) == {new.id}
    assert ids(created_after=(now - timedelta(days=1)).isoformat()) == {new.id}


def test_filters_combine_with_pagination(agent, workspace):
    made = [ConversationFactory(workspace=workspace, tags=["x"]).id for _ in range(3)]
    ConversationFactory(workspace=workspace)
    first = agent.api.get("conversations", {"tag": "x", "limit": 2}).json()
    rest = agent.api.get(
        "conversations", {"tag": "x", "limit": 2, "after": first["pagination"]["next_cursor"]}
    )
    assert [c["id"] for c in first["data"] + rest.json()["data"]] == made[::-1]


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"status": "opened"}, "status"),
        ({"status": "open,bogus"}, "status"),
        ({"priority": "highest"}, "priority"),
        ({"handled_by": "robot"}, "handled_by"),
        ({"created_after": "yesterday"}, "created_after"),
        ({"created_before": "2026-13-01T00:00:00Z"}, "created_before"),
        ({"updated_after": "2026-01-01T00:00:00"}, "updated_after"),
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
    ],
)
def test_invalid_filter_values_are_invalid_parameter(agent, params, param):
    response = agent.api.get("conversations", params)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_parameter"
    assert response.json()["error"]["param"] == param


def test_a_foreign_cursor_is_invalid(agent, stranger, other_workspace):
    for _ in range(2):
        ConversationFactory(workspace=other_workspace)
    cursor = stranger.api.get("conversations", {"limit": 1}).json()["pagination"]["next_cursor"]
    response = agent.api.get("conversations", {"after": cursor})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_cursor"


# ---- roles -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["owner", "admin", "agent"])
def test_every_role_reads_and_writes_conversations(personas, persona, workspace):
    api = personas[persona].api
    created = api.post("conversations", {"contact": {"name": "a"}})
    assert created.status_code == 201
    assert api.get("conversations").status_code == 200
    assert api.get(f"conversations/{created.json()['id']}").status_code == 200
    assert api.patch(f"conversations/{created.json()['id']}", {"priority": "low"}).status_code == 200


def test_a_read_only_token_reads_but_cannot_write(reader, workspace):
    conversation = ConversationFactory(workspace=workspace)
    assert reader.api.get("conversations").status_code == 200
    assert reader.api.get(f"conversations/{conversation.id}").status_code == 200
    for response in (
        reader.api.post("conversations", {"contact": {"name": "a"}}),
        reader.api.patch(f"conversations/{conversation.id}", {"priority": "low"}),
    ):
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "permission_denied"


def test_without_a_token_is_401(anonymous):
    assert anonymous.get("conversations").status_code == 401
    assert (
        anonymous.post("conversations", {"contact": {"name": "a"}}).json()["error"]["code"] == "missing_token"
    )


def test_put_and_delete_are_not_allowed(agent, workspace):
    conversation = ConversationFactory(workspace=workspace)
    assert agent.api.put(f"conversations/{conversation.id}", {"priority": "low"}).status_code == 405
    assert agent.api.delete(f"conversations/{conversation.id}").status_code == 405


# ---- PATCH: status machine -------------------------------------------------------------------------

ALLOWED = [
    ("open", "pending"),
    ("open", "snoozed"),
    ("open", "closed"),
    ("pending", "open"),
    ("pending", "snoozed"),
    ("pending", "closed"),
    ("snoozed", "open"),
    ("snoozed", "pending"),
    ("snoozed", "closed"),
    ("closed", "open"),
]


def _conversation_in(workspace, status):
    extra = {"snoozed_until": datetime.now(UTC) + timedelta(hours=1)} if status == "snoozed" else {}
    if status == "closed":
        extra["closed_at"] = datetime.now(UTC)
    return ConversationFactory(workspace=workspace, status=status, **extra)


@pytest.mark.parametrize(("start", "target"), ALLOWED)
def test_allowed_status_transitions(agent, workspace, start, target):
    conversation = _conversation_in(workspace, start)
    body = {"status": target, **({"snoozed_until": future()} if target == "snoozed" else {})}
    response = agent.api.patch(f"conversations/{conversation.id}", body)
    assert response.status_code == 200, response.json()
    result = response.json()
    assert result["status"] == target
    assert ("closed_at" in result) == (target == "closed")
    assert ("snoozed_until" in result) == (target == "snoozed")


@pytest.mark.parametrize("target", ["pending", "snoozed"])
def test_leaving_closed_other_than_to_open_is_refused(agent, workspace, target):
    conversation = _conversation_in(workspace, "closed")
    body = {"status": target, **({"snoozed_until": future()} if target == "snoozed" else {})}
    response = agent.api.patch(f"conversations/{conversation.id}", body)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "invalid_status_transition"
    assert Conversation.all_workspaces.get(pk=conversation.pk).status == "closed"


def test_closing_a_closed_conversation_changes_nothing(agent, workspace, captured_events):
    conversation = _conversation_in(workspace, "closed")
    response = agent.api.patch(f"conversations/{conversation.id}", {"status": "closed"})
    assert response.status_code == 200
    assert captured_events == []


@pytest.mark.parametrize(
    "body", [{"priority": "high"}, {"tags": ["x"]}, {"subject": "new"}, {"handled_by": "assistant"}]
)
def test_changing_a_closed_conversation_conflicts(agent, workspace, body):
    conversation = _conversation_in(workspace, "closed")
    response = agent.api.patch(f"conversations/{conversation.id}", body)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conversation_closed"


def test_assigning_a_closed_conversation_conflicts(agent, admin, workspace):
    conversation = _conversation_in(workspace, "closed")
    response = agent.api.patch(f"conversations/{conversation.id}", {"assignee_id": admin.user_id})
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conversation_closed"
    assert Conversation.all_workspaces.get(pk=conversation.pk).assignee_id is None


def test_reopening_and_changing_in_one_request_is_allowed(agent, admin, workspace):
    conversation = _conversation_in(workspace, "closed")
    response = agent.api.patch(
        f"conversations/{conversation.id}",
        {"status": "open", "assignee_id": admin.user_id, "priority": "high"},
    )
    assert response.status_code == 200
    assert response.json()["assignee_id"] == admin.user_id
    assert "closed_at" not in response.json()


def test_snoozing_needs_a_future_time(agent, workspace):
    conversation = ConversationFactory(workspace=workspace)
    for body in (
        {"status": "snoozed"},
        {"status": "snoozed", "snoozed_until": iso(datetime.now(UTC) - timedelta(minutes=1))},
        {"status": "snoozed", "snoozed_until": None},
        {"snoozed_until": future()},
        {"status": "pending", "snoozed_until": future()},
    ):
        response = agent.api.patch(f"conversations/{conversation.id}", body)
        assert response.status_code == 400, body
        assert response.json()["error"]["param"] == "snoozed_until"


def test_snoozed_until_needs_an_offset(agent, workspace):
    conversation = ConversationFactory(workspace=workspace)
    response = agent.api.patch(
        f"conversations/{conversation.id}", {"status": "snoozed", "snoozed_until": "2099-01-01T00:00:00"}
    )
    assert response.status_code == 400
    assert response.json()["error"]["param"] == "snoozed_until"


def test_moving_a_snooze(agent, workspace):
    conversation = _conversation_in(workspace, "snoozed")
    later = datetime.now(UTC) + timedelta(days=2)
    response = agent.api.patch(f"conversations/{conversation.id}", {"snoozed_until": iso(later)})
    assert response.status_code == 200
    assert response.json()["snoozed_until"] == iso(later)


# ---- PATCH: other fields and events ----------------------------------------------------------------


def test_assign_and_unassign(agent, admin, workspace, captured_events):
    conversation = ConversationFactory(workspace=workspace)
    assigned = agent.api.patch(f"conversations/{conversation.id}", {"assignee_id": admin.user_id})
    assert assigned.json()["assignee_id"] == admin.user_id
    assert [e.type for e in captured_events] == ["conversation.updated", "conversation.assigned"]
    assert captured_events[0].previous_attributes == {"assignee_id": None}
    assert captured_events[1].data["assignee_id"] == admin.user_id
    unassigned = agent.api.patch(f"conversations/{conversation.id}", {"assignee_id": None})
    assert "assignee_id" not in unassigned.json()


def test_assigning_a_non_member_is_unprocessable(agent, stranger, workspace):
    conversation = ConversationFactory(workspace=workspace)
    for assignee in (stranger.user_id, "usr_nobody", "someone"):
        response = agent.api.patch(f"conversations/{conversation.id}", {"assignee_id": assignee})
        assert response.status_code == 422
        assert response.json()["error"]["code"] == "assignee_not_member"


def test_a_removed_member_cannot_be_assigned(agent, workspace):
    member = MemberFactory(workspace=workspace)
    user_id = member.user_id
    member.delete()
    conversation = ConversationFactory(workspace=workspace)
    response = agent.api.patch(f"conversations/{conversation.id}", {"assignee_id": user_id})
    assert response.status_code == 422


def test_update_emits_updated_with_previous_attributes(agent, workspace, captured_events):
    conversation = ConversationFactory(workspace=workspace, priority="low", tags=["a"])
    response = agent.api.patch(
        f"conversations/{conversation.id}", {"priority": "high", "tags": ["a", "b"], "subject": ""}
    )
    assert response.status_code == 200
    assert response.json()["tags"] == ["a", "b"]
    assert "subject" not in response.json()
    event = captured_events[0]
    assert event.type == "conversation.updated"
    assert event.previous_attributes == {"priority": "low", "tags": ["a"], "subject": conversation.subject}
    assert set(event.changes) == {"priority", "tags", "subject"}
    assert event.data == response.json()
    assert event.contact_id == conversation.contact_id


def test_close_and_reopen_emit_their_events(agent, workspace, captured_events):
    conversation = ConversationFactory(workspace=workspace)
    agent.api.patch(f"conversations/{conversation.id}", {"status": "closed"})
    agent.api.patch(f"conversations/{conversation.id}", {"status": "open"})
    assert [e.type for e in captured_events] == [
        "conversation.updated",
        "conversation.closed",
        "conversation.updated",
        "conversation.reopened",
    ]
    assert captured_events[0].previous_attributes["status"] == "open"
    assert "closed_at" in captured_events[0].changes


def test_handled_by_moves_both_ways(agent, workspace):
    conversation = ConversationFactory(workspace=workspace, handled_by="assistant")
    assert (
        agent.api.patch(f"conversations/{conversation.id}", {"handled_by": "human"}).json()["handled_by"]
        == "human"
    )
    back = agent.api.patch(f"conversations/{conversation.id}", {"handled_by": "assistant"})
    assert back.json()["handled_by"] == "assistant"


def test_an_agent_taking_over_from_the_assistant_emits_handed_off(agent, workspace, captured_events):
    conversation = ConversationFactory(workspace=workspace, handled_by="assistant")
    response = agent.api.patch(f"conversations/{conversation.id}", {"handled_by": "human"})
    assert response.status_code == 200
    assert [e.type for e in captured_events] == ["conversation.updated", "conversation.handed_off"]
    handed_off = captured_events[1]
    assert handed_off.data == {**response.json(), "handoff_reason": "agent_took_over"}
    assert handed_off.previous_attributes == {"handled_by": "assistant"}
    assert handed_off.changes == ("handled_by",)
    assert handed_off.contact_id == conversation.contact_id
    # Back to the assistant, or nothing changing, is no hand-off.
    captured_events.clear()
    agent.api.patch(f"conversations/{conversation.id}", {"handled_by": "assistant"})
    agent.api.patch(f"conversations/{conversation.id}", {"subject": "same handler"})
    assert "conversation.handed_off" not in [e.type for e in captured_events]


@pytest.mark.parametrize(
    ("body", "param"),
    [
        ({"channel": "email"}, "channel"),
        ({"contact_id": "ct_x"}, "contact_id"),
        ({"message_count": 3}, "message_count"),
        ({"closed_at": "2026-01-01T00:00:00Z"}, "closed_at"),
        ({"status": "archived"}, "status"),
        ({"priority": None}, "priority"),
    ],
)
def test_patch_refuses_read_only_and_invalid_fields(agent, workspace, body, param):
    conversation = ConversationFactory(workspace=workspace)
    response = agent.api.patch(f"conversations/{conversation.id}", body)
    assert response.status_code == 400
    assert response.json()["error"]["param"] == param


def test_patch_with_nothing_changed_emits_nothing(agent, workspace, captured_events):
    conversation = ConversationFactory(workspace=workspace, priority="high")
    assert agent.api.patch(f"conversations/{conversation.id}", {"priority": "high"}).status_code == 200
    assert captured_events == []


def test_patch_to_a_closed_workspace_is_refused(agent, workspace):
    conversation = ConversationFactory(workspace=workspace)
    from apps.workspaces.services import workspace_forget_tokens

    type(workspace).objects.filter(pk=workspace.pk).update(status="closed")
    workspace_forget_tokens(workspace_id=workspace.id)
    response = agent.api.patch(f"conversations/{conversation.id}", {"priority": "high"})
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "workspace_closed"
    assert agent.api.get(f"conversations/{conversation.id}").status_code == 200


def test_changing_a_snoozed_conversation_whose_time_passed_keeps_it_snoozed(agent, workspace):
    """The wake-up task runs every minute: in between, other edits must not trip over the past time."""
    past = datetime.now(UTC) - timedelta(seconds=30)
    conversation = ConversationFactory(workspace=workspace, status="snoozed", snoozed_until=past)
    response = agent.api.patch(f"conversations/{conversation.id}", {"priority": "high"})
    assert response.status_code == 200
    assert response.json()["status"] == "snoozed"
    assert response.json()["priority"] == "high"
