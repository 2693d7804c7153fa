"""The support admin for the inbox models, and `manage.py seed`."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from apps.contacts.models import Contact
from apps.conversations.models import Conversation, Message, Note
from apps.workspaces.models import User, Workspace
from tests.conversations.factories import ConversationFactory, MessageFactory, NoteFactory

CHANGELISTS = [
    "contacts_contact",
    "conversations_conversation",
    "conversations_message",
    "conversations_note",
]


@pytest.fixture
def staff_client(client, db):
    user = User.objects.create_superuser(
        username="staff@example.com", email="staff@example.com", password="pw"
    )
    client.force_login(user)
    return client


def _fill(workspace, agent, count):
    for _ in range(count):
        conversation = ConversationFactory(workspace=workspace, assignee_id=agent.user_id)
        MessageFactory(conversation=conversation)
        NoteFactory(conversation=conversation)


@pytest.mark.parametrize("name", CHANGELISTS)
def test_admin_changelist_queries_do_not_grow_with_rows(staff_client, workspace, agent, name, count_queries):
    url = reverse(f"admin:{name}_changelist")
    _fill(workspace, agent, 1)
    staff_client.get(url)
    first, queries_for_one = count_queries(lambda: staff_client.get(url))
    _fill(workspace, agent, 25)
    second, queries_for_many = count_queries(lambda: staff_client.get(url))
    assert first.status_code == second.status_code == 200
    assert queries_for_many == queries_for_one


def test_admin_detail_pages_render_with_read_only_ids(staff_client, workspace):
    message = MessageFactory(conversation=ConversationFactory(workspace=workspace))
    note = NoteFactory(conversation=message.conversation)
    for name, obj in (
        ("contacts_contact", message.conversation.contact),
        ("conversations_conversation", message.conversation),
        ("conversations_message", message),
        ("conversations_note", note),
    ):
        page = staff_client.get(reverse(f"admin:{name}_change", args=[obj.pk]))
        assert page.status_code == 200, name
        assert 'name="id"' not in page.content.decode()  # the id is shown, not editable


def test_admin_scoped_search_stays_in_one_workspace(staff_client, workspace, other_workspace):
    mine = ConversationFactory(workspace=workspace, subject="Refund please")
    theirs = ConversationFactory(workspace=other_workspace, subject="Refund please")
    url = reverse("admin:conversations_conversation_changelist")
    body = staff_client.get(url, {"q": f"{workspace.id} Refund"}).content.decode()
    assert mine.id in body and theirs.id not in body
    both = staff_client.get(url, {"q": "Refund"}).content.decode()
    assert mine.id in both and theirs.id in both


def test_admin_contact_delete_is_a_full_erasure(staff_client, workspace, captured_events):
    conversation = ConversationFactory(workspace=workspace)
    MessageFactory(conversation=conversation)
    contact = conversation.contact
    response = staff_client.post(reverse("admin:contacts_contact_delete", args=[contact.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Contact.all_workspaces.filter(pk=contact.pk).exists()
    assert not Conversation.all_workspaces.filter(pk=conversation.pk).exists()
    erased = [e for e in captured_events if e.type == "contact.erased"]
    assert len(erased) == 1 and erased[0].actor.type == "user"


def test_seed_builds_the_data_and_prints_the_workspace_last(workspace, agent):
    out = io.StringIO()
    call_command(
        "seed",
        workspace=workspace.id,
        conversations=30,
        messages_per_conversation=4,
        noise_workspaces=2,
        stdout=out,
        stderr=io.StringIO(),
    )
    assert out.getvalue().strip().splitlines()[-1] == workspace.id
    conversations = Conversation.all_workspaces.filter(workspace=workspace)
    assert conversations.count() == 30
    assert Message.all_workspaces.filter(workspace=workspace).count() == 120
    assert Contact.all_workspaces.filter(workspace=workspace).count() == 15
    assert Note.all_workspaces.filter(workspace=workspace).count() == 3
    assert {c.message_count for c in conversations} == {4}
    assert Workspace.objects.filter(name__startswith="Noise").count() == 2
    assert Conversation.all_workspaces.exclude(workspace=workspace).count() == 2
    # Seeded rows are served by the API like any other.
    page = agent.api.get("conversations", {"limit": 100}).json()["data"]
    assert len(page) == 30
    assert page[0]["created_at"] > page[-1]["created_at"]
    thread = agent.api.get(f"conversations/{page[0]['id']}/messages").json()["data"]
    assert [m["author"]["type"] for m in thread] == ["contact", "agent", "contact", "agent"]
    assert all(m["id"].startswith("msg_") and len(m["id"]) == 26 for m in thread)


def test_seed_twice_into_one_workspace_does_not_collide(workspace):
    for _ in range(2):
        call_command(
            "seed", workspace=workspace.id, conversations=4, stdout=io.StringIO(), stderr=io.StringIO()
        )
    assert Conversation.all_workspaces.filter(workspace=workspace).count() == 8


def test_seed_refuses_an_unknown_workspace(db):
    with pytest.raises(CommandError):
        call_command("seed", workspace="ws_nope", conversations=1, stdout=io.StringIO(), stderr=io.StringIO())


def test_demo_command_seeds_its_workspace_through_seed(db, settings):
    """The demo workspace, seeded once; the dashboard's URL always; the demo people's sign-ins only under
    config.settings.dev (production settings print no password and set none)."""
    settings.SETTINGS_MODULE = "config.settings.prod"
    out = io.StringIO()
    call_command("demo", stdout=out, stderr=io.StringIO())
    workspace = Workspace.objects.get(name="Demo workspace")
    assert Conversation.all_workspaces.filter(workspace=workspace).count() == 20
    assert Message.all_workspaces.filter(workspace=workspace).count() == 80
    printed = out.getvalue()
    assert printed.strip().splitlines()[-1].startswith("lds_")
    assert f"Dashboard: {settings.PUBLIC_BASE_URL}/login/" in printed.splitlines()
    assert "sign in as" not in printed and "harbor-lights" not in printed and " / " not in printed
    people = User.objects.filter(email__endswith="@demo.leadiosa.com")
    assert people.count() == 3 and not any(user.has_usable_password() for user in people)

    settings.SETTINGS_MODULE = "config.settings.dev"
    out = io.StringIO()
    call_command("demo", stdout=out, stderr=io.StringIO())
    sign_ins = [line for line in out.getvalue().splitlines() if line.startswith("  sign in as ")]
    assert [line.split(":")[0].strip() for line in sign_ins] == [
        "sign in as owner",
        "sign in as admin",
        "sign in as agent",
    ]
    for role, line in zip(("owner", "admin", "agent"), sign_ins, strict=True):
        email, password = line.split(": ", 1)[1].split(" / ")
        assert email == f"{role}@demo.leadiosa.com"
        assert User.objects.get(email=email).check_password(password)
    assert Workspace.objects.filter(name="Demo workspace").count() == 1  # seeded once


def test_seed_leaves_foreign_key_triggers_on_in_an_enclosing_transaction(workspace):
    from django.db import connection

    call_command("seed", workspace=workspace.id, conversations=2, stdout=io.StringIO(), stderr=io.StringIO())
    with connection.cursor() as cursor:
        cursor.execute("SHOW session_replication_role")
        assert cursor.fetchone()[0] == "origin"
