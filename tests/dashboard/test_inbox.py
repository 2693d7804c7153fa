"""The inbox and a conversation, through the dashboard's forms, as a signed-in member."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from apps.audit.models import AuditEntry
from apps.conversations.services import conversation_create
from apps.dashboard import live, queries
from leadiosa.context import SYSTEM, acting_as
from leadiosa.tenancy import with_workspace

from .conftest import signed_in

HX = {"HX-Request": "true"}


def _conversations(workspace_id: str, n: int, **kwargs) -> list[str]:
    ids = []
    with with_workspace(workspace_id), acting_as(SYSTEM):
        for i in range(n):
            ids.append(
                conversation_create(
                    contact={"email": f"c{i}-{len(ids)}@example.com"},
                    subject=kwargs.get("subject", f"Question {i}"),
                    handled_by="human",
                    message_body=kwargs.get("body", f"Message number {i}"),
                ).id
            )
    return ids


def _queries(client, url) -> tuple[object, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return response, len(ctx.captured_queries)


def _rebuilt(client, url: str, workspace_id: str):
    """The page rebuilt as right after a change (stamp moved, status counts forgotten): (response, queries)."""
    live.touch(workspace_id)
    queries.forget_status_counts(workspace_id)
    return _queries(client, url)


@pytest.mark.django_db
def test_inbox_queries_do_not_grow_with_the_page(workspace, agent):
    """Rebuilt (the workspace changed) or served from the list cache (nothing changed since), a page of
    25 rows costs the same queries as a page of 2."""
    client = signed_in(agent)
    url = f"/app/{workspace.id}/inbox/"
    _conversations(workspace.id, 2)
    client.get(url)
    small, small_rebuilt = _rebuilt(client, url, workspace.id)
    _, small_cached = _queries(client, url)
    _conversations(workspace.id, 30)
    full, full_rebuilt = _rebuilt(client, url, workspace.id)
    _, full_cached = _queries(client, url)
    assert small.status_code == full.status_code == 200
    assert len(re.findall(rb"data-nav-row", small.content)) == 2
    assert len(re.findall(rb"data-nav-row", full.content)) == 25
    assert full_rebuilt == small_rebuilt
    assert full_cached == small_cached < full_rebuilt


@pytest.mark.django_db
def test_a_change_is_never_hidden_by_the_list_cache(
    workspace, agent, objects, django_capture_on_commit_callbacks
):
    client = signed_in(agent)
    url = f"/app/{workspace.id}/inbox/"
    assert b"Second thoughts" not in client.get(url).content
    with django_capture_on_commit_callbacks(execute=True):  # the stamp moves when the change commits
        _conversations(workspace.id, 1, subject="Second thoughts")
    assert b"Second thoughts" in client.get(url).content


@pytest.mark.django_db
def test_idle_poll_costs_at_most_one_query(workspace, agent, django_capture_on_commit_callbacks):
    client = signed_in(agent)
    _conversations(workspace.id, 3)
    page = client.get(f"/app/{workspace.id}/inbox/")
    poll = re.search(rb'hx-get="([^"]+)"', page.content).group(1).decode().replace("&amp;", "&")
    response, count = _queries(client, poll)
    assert response.status_code == 204
    assert count <= 1
    # A change (a new contact message through the API's service) makes the next poll answer the list.
    with django_capture_on_commit_callbacks(execute=True):  # the test's transaction never commits
        _conversations(workspace.id, 1, subject="Brand new")
    changed = client.get(poll)
    assert changed.status_code == 200 and b"Brand new" in changed.content


@pytest.mark.django_db
def test_idle_poll_of_a_thread_costs_at_most_one_query(workspace, agent, objects):
    client = signed_in(agent)
    page = client.get(f"/app/{workspace.id}/inbox/{objects['conv_id']}/")
    poll = re.search(rb'id="thread"[^>]*hx-get="([^"]+)"', page.content).group(1).decode()
    response, count = _queries(client, poll)
    assert response.status_code == 204 and count <= 1


@pytest.mark.django_db
def test_poll_never_answers_a_stranger(workspace, stranger, objects):
    client = signed_in(stranger)
    assert client.get(f"/app/{workspace.id}/inbox/poll/?since=99999999999999999999").status_code == 404


@pytest.mark.django_db
def test_filters_and_search(workspace, agent, admin):
    ids = _conversations(workspace.id, 3)
    _conversations(workspace.id, 1, subject="Billing", body="My invoice is wrong")
    client = signed_in(agent)
    client.post(f"/app/{workspace.id}/inbox/{ids[0]}/update/", {"assignee": agent.user_id}, headers=HX)
    client.post(f"/app/{workspace.id}/inbox/{ids[1]}/update/", {"status": "closed"}, headers=HX)
    client.post(f"/app/{workspace.id}/inbox/{ids[2]}/update/", {"assignee": admin.user_id}, headers=HX)

    def shown(query):
        page = client.get(f"/app/{workspace.id}/inbox/?{query}")
        assert page.status_code == 200
        return set(re.findall(rb'data-href-id="(conv_[^"]+)"', page.content))

    assert shown("assignee=me") == {ids[0].encode()}
    assert shown(f"assignee={admin.user_id}") == {ids[2].encode()}
    assert ids[1].encode() in shown("status=closed") and len(shown("status=closed")) == 1
    assert len(shown("assignee=none")) == 2
    assert len(shown("q=invoice")) == 1  # message text
    assert len(shown("q=billing")) == 1  # subject
    assert shown("q=nothing-like-this") == set()
    counts = client.get(f"/app/{workspace.id}/inbox/").content
    assert b'data-count="closed">1<' in counts and b'data-count="open">3<' in counts


@pytest.mark.django_db
def test_keyset_pages_older_and_newer(workspace, agent):
    _conversations(workspace.id, 30)
    client = signed_in(agent)
    first = client.get(f"/app/{workspace.id}/inbox/").content
    first_ids = re.findall(rb'data-href-id="(conv_[^"]+)"', first)
    older = re.search(rb'href="(\?[^"]*before=[^"]+)"', first).group(1).decode().replace("&amp;", "&")
    second = client.get(f"/app/{workspace.id}/inbox/{older}").content
    second_ids = re.findall(rb'data-href-id="(conv_[^"]+)"', second)
    assert len(first_ids) == 25 and len(second_ids) == 5 and not set(first_ids) & set(second_ids)
    newer = re.search(rb'href="(\?[^"]*after=[^"]+)"', second).group(1).decode().replace("&amp;", "&")
    back = re.findall(
        rb'data-href-id="(conv_[^"]+)"', client.get(f"/app/{workspace.id}/inbox/{newer}").content
    )
    assert back == first_ids
    assert client.get(f"/app/{workspace.id}/inbox/?before=forged").status_code == 200  # ignored, not a 500


@pytest.mark.django_db
def test_reply_is_a_message_by_the_member_and_audited_as_the_user(workspace, agent, objects):
    client = signed_in(agent)
    response = client.post(
        f"/app/{workspace.id}/inbox/{objects['conv_id']}/reply/",
        {"reply-body": "Try Settings → Reset"},
        headers=HX,
    )
    assert response.status_code == 200 and "Try Settings → Reset" in response.content.decode()
    thread = agent.api.get(f"conversations/{objects['conv_id']}/messages").json()["data"]
    assert thread[-1]["author"] == {"type": "agent", "id": agent.user_id}
    assert thread[-1]["body"] == "Try Settings → Reset"
    entry = AuditEntry.all_workspaces.filter(workspace_id=workspace.id, action="message.created").last()
    assert (entry.actor_type, entry.actor_id) == ("user", agent.user_id)


@pytest.mark.django_db
def test_note_stays_internal(workspace, agent, objects):
    client = signed_in(agent)
    client.post(
        f"/app/{workspace.id}/inbox/{objects['conv_id']}/note/", {"note-body": "VIP customer"}, headers=HX
    )
    messages = agent.api.get(f"conversations/{objects['conv_id']}/messages").json()["data"]
    assert all("VIP" not in m["body"] for m in messages)
    notes = agent.api.get(f"conversations/{objects['conv_id']}/notes").json()["data"]
    assert [n["body"] for n in notes] == ["VIP customer"]
    page = client.get(f"/app/{workspace.id}/inbox/{objects['conv_id']}/").content.decode()
    assert re.search(r'class="entry note"[^>]*>\s*<div class="meta"><span>Internal note</span>', page)


@pytest.mark.django_db
def test_assigning_a_closed_conversation_shows_the_conflict(workspace, agent, admin, objects):
    client = signed_in(agent)
    url = f"/app/{workspace.id}/inbox/{objects['conv_id']}/update/"
    assert client.post(url, {"assignee": agent.user_id}, headers=HX).status_code == 200
    assert client.post(url, {"assignee": agent.user_id, "status": "closed"}, headers=HX).status_code == 200
    refused = client.post(url, {"assignee": admin.user_id, "status": "closed"}, headers=HX)
    assert refused.status_code == 409
    assert b"This conversation is closed. Reopen it" in refused.content
    assert agent.api.get(f"conversations/{objects['conv_id']}").json()["assignee_id"] == agent.user_id
    reply = client.post(
        f"/app/{workspace.id}/inbox/{objects['conv_id']}/reply/", {"reply-body": "late"}, headers=HX
    )
    assert reply.status_code == 409 and b"This conversation is closed" in reply.content


@pytest.mark.django_db
def test_assignee_must_be_a_member(workspace, agent, stranger, objects):
    client = signed_in(agent)
    url = f"/app/{workspace.id}/inbox/{objects['conv_id']}/update/"
    refused = client.post(url, {"assignee": stranger.user_id}, headers=HX)
    assert refused.status_code == 422 and b"not a member of this workspace" in refused.content


@pytest.mark.django_db
def test_snooze_and_take_over(workspace, agent, objects):
    client = signed_in(agent)
    url = f"/app/{workspace.id}/inbox/{objects['conv_id']}/update/"
    past = client.post(url, {"action": "snooze", "snoozed_until": "2001-01-01T10:00"}, headers=HX)
    assert past.status_code == 400 and b"future" in past.content
    ok = client.post(url, {"action": "snooze", "snoozed_until": "2999-01-01T10:00"}, headers=HX)
    assert ok.status_code == 200
    data = agent.api.get(f"conversations/{objects['conv_id']}").json()
    assert data["status"] == "snoozed" and data["snoozed_until"] == "2999-01-01T10:00:00.000Z"
    client.post(url, {"action": "hand_back"}, headers=HX)
    assert agent.api.get(f"conversations/{objects['conv_id']}").json()["handled_by"] == "assistant"
    client.post(url, {"action": "take_over"}, headers=HX)
    assert agent.api.get(f"conversations/{objects['conv_id']}").json()["handled_by"] == "human"


@pytest.mark.django_db
def test_plain_form_posts_work_without_htmx(workspace, agent, objects):
    client = signed_in(agent)
    response = client.post(f"/app/{workspace.id}/inbox/{objects['conv_id']}/reply/", {"reply-body": "no js"})
    assert response.status_code == 302
    assert response["Location"] == f"/app/{workspace.id}/inbox/{objects['conv_id']}/"


@pytest.mark.django_db
def test_assistant_replies_are_marked_and_link_their_sources(workspace, agent, objects):
    from apps.conversations.models import Conversation
    from apps.conversations.services import message_create

    with with_workspace(workspace.id), acting_as(SYSTEM):
        message_create(
            conversation=Conversation.objects.get(id=objects["conv_id"]),
            author_type="assistant",
            body="Open Settings and choose Reset.\n\nSource: Resetting your password; A deleted article",
            usage={"prompt_tokens": 10, "completion_tokens": 5, "model": "extractive"},
        )
    page = signed_in(agent).get(f"/app/{workspace.id}/inbox/{objects['conv_id']}/").content.decode()
    entry = re.search(r'<article class="entry assistant".*?</article>', page, re.S).group(0)
    assert "AI assistant" in entry and "model extractive, 10+5 tokens" in entry
    assert (
        f'<a href="/app/{workspace.id}/knowledge/{objects["art_id"]}/">Resetting your password</a>' in entry
    )
    assert "; A deleted article" in entry  # named, not linked: it no longer exists
    assert "Source: Resetting" not in entry  # shown once, as the links


@pytest.mark.django_db
def test_updated_since_filter_reads_the_picker_as_utc(workspace, agent):
    _conversations(workspace.id, 2)
    client = signed_in(agent)
    assert (
        client.get(f"/app/{workspace.id}/inbox/?updated_after=2000-01-01T00:00").content.count(
            b"data-nav-row"
        )
        == 2
    )
    assert (
        client.get(f"/app/{workspace.id}/inbox/?updated_after=2999-01-01T00:00").content.count(
            b"data-nav-row"
        )
        == 0
    )
    assert client.get(f"/app/{workspace.id}/inbox/?updated_after=not-a-date").status_code == 200


@pytest.mark.django_db
def test_the_unfiltered_inbox_pages_through_every_row_of_its_workspace_only(workspace, other_workspace):
    """Page 1 and the "older" page hold each of the workspace's conversations once, most recently
    active first, and never another workspace's."""
    from apps.dashboard.pages import decode_cursor

    mine = _conversations(workspace.id, 7)
    _conversations(other_workspace.id, 3)
    with with_workspace(workspace.id):
        first = queries.inbox_page(size=4)
        rest = queries.inbox_page(size=4, before=first.older)
        assert decode_cursor("inbox", first.older) is not None and rest.older is None
        seen = [row.id for row in first.rows + rest.rows]
        assert sorted(seen) == sorted(mine)
        moments = [(row.updated_at, row.id) for row in first.rows + rest.rows]
        assert moments == sorted(moments, reverse=True)
        assert first.rows[0].snippet.startswith("Message number")
    with with_workspace(other_workspace.id):
        assert len(queries.inbox_page(size=25).rows) == 3


@pytest.mark.django_db
def test_the_inbox_page_around_the_list_follows_who_looks_and_the_workspace(workspace, agent, owner):
    """The page's layout is kept per process for its exact inputs: a rename, a role change or another
    person shows at once, and each response carries its own working CSRF token."""
    from apps.workspaces.membership import member_change_role, workspace_rename

    client = signed_in(agent)
    url = f"/app/{workspace.id}/inbox/"
    first = client.get(url).content
    assert b'class="role role-agent"' in first
    with with_workspace(workspace.id), acting_as(SYSTEM):
        workspace_rename(workspace=workspace, name="Renamed & Co")
        member_change_role(actor=owner.member, member=agent.member, role="admin")
    again = client.get(url).content
    assert b"Renamed &amp; Co" in again and b'class="role role-admin"' in again
    assert signed_in(owner).get(url).content.count(b'class="role role-owner"') == 1
    # The token in the page (hx-headers) is accepted on a form post, as the page's scripts send it.
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(agent.member.user, backend="apps.dashboard.auth.EmailBackend")
    page = strict.get(url).content
    token = re.search(rb'"X-CSRFToken": "([^"]+)"', page).group(1).decode()
    conv_id = _conversations(workspace.id, 1)[0]
    posted = strict.post(
        f"/app/{workspace.id}/inbox/{conv_id}/note/",
        {"note-body": "kept internal"},
        headers={"X-CSRFToken": token, "HX-Request": "true"},
    )
    assert posted.status_code == 200
    assert strict.post(f"/app/{workspace.id}/inbox/{conv_id}/note/", {"note-body": "x"}).status_code == 403


@pytest.mark.django_db
def test_a_rows_time_is_shown_in_utc_with_its_iso_8601_instant(workspace, agent):
    """The list's time column: PostgreSQL formats it (`queries.UPDATED_ISO` / `UPDATED_LABEL`), in UTC
    whatever the session's time zone, with every microsecond in the machine-readable attribute."""
    from datetime import UTC, datetime

    from apps.conversations.models import Conversation

    [conversation_id] = _conversations(workspace.id, 1)
    moment = datetime(2026, 3, 7, 9, 5, 4, 120034, tzinfo=UTC)
    Conversation.all_workspaces.filter(pk=conversation_id).update(updated_at=moment)
    with connection.cursor() as cursor:
        cursor.execute("SET TIME ZONE 'America/New_York'")
    live.touch(workspace.id)
    try:
        page = signed_in(agent).get(f"/app/{workspace.id}/inbox/").content.decode()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET TIME ZONE 'UTC'")
    assert '<time datetime="2026-03-07T09:05:04.120034+00:00">Mar 7, 09:05</time>' in page


@pytest.mark.django_db
def test_a_row_shows_the_start_of_its_last_message_never_a_note(workspace, agent):
    """The row's second line: the last message's first characters (what the conversation keeps in
    `last_message_preview`), not an internal note; a conversation written around the services (no
    preview recorded, as `manage.py seed` writes them) shows its last message all the same."""
    from datetime import timedelta

    from django.utils import timezone

    from apps.conversations.models import Conversation
    from apps.conversations.services import message_create, note_create
    from tests.conversations.factories import ConversationFactory, MessageFactory

    [conversation_id] = _conversations(workspace.id, 1, body="Where is my parcel?")
    client = signed_in(agent)
    url = f"/app/{workspace.id}/inbox/"

    def row(conv_id: str) -> str:
        live.touch(workspace.id)
        page = client.get(url).content.decode()
        return re.search(rf'<tr id="row-{conv_id}".*?</tr>', page, re.S).group(0)

    assert "Where is my parcel?" in row(conversation_id)
    with with_workspace(workspace.id), acting_as(SYSTEM):
        conversation = Conversation.objects.get(pk=conversation_id)
        message_create(
            conversation=conversation, author_type="agent", author_id=agent.user_id, body="On its way"
        )
        note_create(conversation=conversation, author_id=agent.user_id, body="Internal: VIP, ship express")
    shown = row(conversation_id)
    assert "On its way" in shown and "Where is my parcel?" not in shown and "VIP" not in shown
    # As `manage.py seed` writes them: the messages and the counters, no preview.
    bulk = ConversationFactory(workspace=workspace, subject="Written in bulk", message_count=2)
    earlier = timezone.now() - timedelta(minutes=5)
    MessageFactory(conversation=bulk, body="older text", created_at=earlier)
    MessageFactory(conversation=bulk, body="newest <text>", created_at=earlier + timedelta(minutes=1))
    assert bulk.last_message_preview is None
    assert "newest &lt;text&gt;" in row(bulk.id)


@pytest.mark.django_db
def test_a_row_follows_its_contact_and_its_assignee(workspace, agent, owner):
    """A row's HTML is kept per process by everything it shows: a contact renamed, or an assignee set,
    shows at once although the conversation itself did not change."""
    import time

    from django.core.cache import cache

    from apps.contacts.models import Contact
    from apps.contacts.services import contact_update
    from apps.conversations.models import Conversation
    from apps.workspaces.models import User

    [conversation_id] = _conversations(workspace.id, 1)
    client = signed_in(agent)
    url = f"/app/{workspace.id}/inbox/"

    def row() -> str:
        live.touch(workspace.id)
        page = client.get(url).content.decode()
        return re.search(rf'<tr id="row-{conversation_id}".*?</tr>', page, re.S).group(0)

    assert "c0-0@example.com" in row()
    with with_workspace(workspace.id), acting_as(SYSTEM):
        conversation = Conversation.objects.get(pk=conversation_id)
        contact_update(
            contact=Contact.objects.get(pk=conversation.contact_id), changes={"name": "Ada Lovelace"}
        )
    assert "Ada Lovelace" in row() and "c0-0@example.com" not in row()
    Conversation.all_workspaces.filter(pk=conversation_id).update(assignee_id=owner.user_id)
    User.objects.filter(pk=owner.user_id).update(first_name="Grace", last_name="Hopper")
    cache.set(live.members_change_key(workspace.id), time.time_ns())  # as a member.* event does
    assert "<td>Grace Hopper</td>" in row()


@pytest.mark.django_db
def test_a_conversation_without_messages_costs_no_extra_query(workspace, agent):
    """Its row has no last message to show, and the page knows it from the conversation's counter
    without reading messages: the rebuilt page costs the same queries as one whose rows all have one."""
    client = signed_in(agent)
    url = f"/app/{workspace.id}/inbox/"
    _conversations(workspace.id, 2)
    client.get(url)
    _, with_messages = _rebuilt(client, url, workspace.id)
    with with_workspace(workspace.id), acting_as(SYSTEM):
        empty = conversation_create(contact={"email": "quiet@example.com"}, subject="Nothing said yet")
    page, with_an_empty_one = _rebuilt(client, url, workspace.id)
    row = re.search(rf'<tr id="row-{empty.id}".*?</tr>', page.content.decode(), re.S).group(0)
    assert '<span class="muted small"></span>' in row
    assert with_an_empty_one == with_messages


@pytest.mark.django_db
def test_kept_rows_are_dropped_after_their_period_so_erased_data_leaves_memory(workspace, agent):
    """The per-process row HTML is emptied at the first list rendered after ROWS_KEPT_SECONDS: a row
    whose contact was erased (its key never matches again) does not stay in memory for ever."""
    from apps.dashboard import views_inbox

    [conversation_id] = _conversations(workspace.id, 1)
    client = signed_in(agent)
    url = f"/app/{workspace.id}/inbox/"
    live.touch(workspace.id)
    assert client.get(url).status_code == 200
    kept = [key for key in views_inbox._ROWS_RENDERED if key[1].id == conversation_id]
    assert kept
    views_inbox._ROWS_RENDERED[("/app/ws_gone/inbox/", "an erased row", None)] = "<tr>erased</tr>"
    views_inbox._ROWS_PERIOD[0] -= 1  # the period has passed
    live.touch(workspace.id)
    assert client.get(url).status_code == 200
    assert ("/app/ws_gone/inbox/", "an erased row", None) not in views_inbox._ROWS_RENDERED
    assert [key for key in views_inbox._ROWS_RENDERED if key[1].id == conversation_id] == kept
