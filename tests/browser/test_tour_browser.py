"""Every dashboard page with realistic data, in a real browser: each renders, with nothing fetched from
outside the server. With DASHBOARD_SCREENSHOTS=1 this is also where the README's screenshots come from."""

import pytest
from playwright.sync_api import expect

from apps.conversations.models import Conversation
from apps.conversations.services import conversation_update, note_create
from apps.knowledge.services import article_create
from leadiosa.context import SYSTEM, acting_as
from leadiosa.tenancy import with_workspace

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PEOPLE = [
    ("Ada Lovelace", "ada@example.com", "I was charged twice this month", "billing", "urgent"),
    ("Grace Hopper", "grace@example.com", "How do I export my data?", "export", "normal"),
    ("Alan Turing", "alan@example.com", "The widget does not load on Safari", "widget", "high"),
    ("Katherine Johnson", "katherine@example.com", "Can I add a second admin?", "team", "normal"),
    ("Edsger Dijkstra", "edsger@example.com", "Where do I find my invoices?", "billing", "low"),
    ("Barbara Liskov", "barbara@example.com", "Password reset e-mail never arrives", "login", "high"),
]


def _seed(owner, agent, admin):
    for persona, (first, last) in (
        (owner, ("Olivia", "Stone")),
        (agent, ("Sam", "Rivera")),
        (admin, ("Alex", "Kim")),
    ):
        persona.member.user.first_name, persona.member.user.last_name = first, last
        persona.member.user.save(update_fields=["first_name", "last_name"])
    ids = []
    for name, email, question, tag, priority in PEOPLE:
        response = owner.api.post(
            "conversations",
            {
                "contact": {"email": email, "name": name, "attributes": {"plan": "team", "seats": 12}},
                "subject": question,
                "priority": priority,
                "tags": [tag],
                "handled_by": "human",
                "message": {"body": question + " Thanks for your help!"},
            },
        )
        ids.append(response.json()["id"])
    owner.api.post(
        f"conversations/{ids[0]}/messages", {"body": "Sorry about that! I have refunded the duplicate."}
    )
    with with_workspace(owner.workspace.id), acting_as(SYSTEM):
        conversations = {c.id: c for c in Conversation.objects.filter(id__in=ids)}
        note_create(conversation=conversations[ids[0]], author_id=admin.user_id, body="Refund #4411 issued.")
        conversation_update(conversation=conversations[ids[0]], changes={"assignee_id": agent.user_id})
        conversation_update(conversation=conversations[ids[2]], changes={"assignee_id": admin.user_id})
        conversation_update(conversation=conversations[ids[4]], changes={"status": "closed"})
        conversation_update(conversation=conversations[ids[3]], changes={"status": "pending"})
        article_create(
            title="Exporting your data",
            body="# Exporting your data\n\nOpen **Settings → Workspace** and choose *Export*. "
            "You get a zip of JSON lines by e-mail.\n\n- conversations\n- contacts\n- articles",
        )
    return ids


def test_every_page_renders_with_data(app, owner, agent, admin, eager_tasks):
    ids = _seed(owner, agent, admin)
    ws = owner.workspace.id
    app.sign_in(owner)
    expect(app.page.locator("[data-nav-row]")).to_have_count(len(PEOPLE))
    app.shot("inbox")
    app.go(f"/app/{ws}/inbox/?status=open&q=billing")
    expect(app.page.locator("[data-nav-row]")).to_have_count(0)
    app.go(f"/app/{ws}/inbox/?q=charged")
    expect(app.page.locator("[data-nav-row]")).to_have_count(1)
    app.go(f"/app/{ws}/inbox/{ids[0]}/")
    expect(app.page.locator("#thread .entry")).to_have_count(3)
    app.shot("conversation")
    app.go(f"/app/{ws}/contacts/")
    expect(app.page.locator("[data-nav-row]")).to_have_count(len(PEOPLE))
    app.shot("contacts")
    app.page.get_by_role("link", name="Ada Lovelace").click()
    expect(app.page.get_by_role("table", name="Attributes")).to_contain_text("seats")
    app.shot("contact")
    app.go(f"/app/{ws}/knowledge/")
    app.page.get_by_label("Ask as a contact would").fill("how do I export my data")
    app.page.get_by_role("button", name="Search knowledge").click()
    expect(app.page.get_by_test_id("hit").first).to_contain_text("Export")
    app.shot("knowledge")
    app.page.get_by_role("table", name="Articles").get_by_role("link", name="Exporting your data").click()
    expect(app.page.get_by_test_id("ingest-status")).to_have_text("ingest: ready")
    app.shot("knowledge-article")
    app.page.get_by_role("link", name="Edit").click()
    expect(
        app.page.get_by_label("Preview").get_by_role("heading", name="Exporting your data")
    ).to_be_visible()
    app.shot("knowledge-editor")
