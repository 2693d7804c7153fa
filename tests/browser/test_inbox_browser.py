"""The inbox in a real browser: reply, notes, assignment, the 409, live updates, the keyboard."""

import re
import time

import pytest
from playwright.sync_api import expect

from apps.webhooks.models import WebhookEvent

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _open_conversation(persona, body="How do I change my plan?", subject="Changing plans"):
    response = persona.api.post(
        "conversations",
        {
            "contact": {"email": "ada@example.com", "name": "Ada Lovelace"},
            "subject": subject,
            "handled_by": "human",
            "message": {"body": body},
        },
    )
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def test_reply_is_read_back_through_the_api(app, agent):
    conv_id = _open_conversation(agent)
    app.sign_in(agent)
    app.page.get_by_role("link", name="Ada Lovelace").click()
    expect(app.page).to_have_url(re.compile(f"/inbox/{conv_id}/$"))
    app.page.get_by_label("Reply").fill("Open Billing, then choose a plan.")
    app.page.get_by_role("button", name="Reply").click()
    expect(app.page.locator("#thread")).to_contain_text("Open Billing, then choose a plan.")
    app.shot("conversation-reply")
    messages = agent.api.get(f"conversations/{conv_id}/messages").json()["data"]
    assert messages[-1]["body"] == "Open Billing, then choose a plan."
    assert messages[-1]["author"] == {"type": "agent", "id": agent.user_id}


def test_note_stays_internal_in_thread_and_webhook_payloads(app, owner):
    hook = owner.api.post("webhooks", {"url": "https://hooks.example.com/in", "events": ["*"]})
    assert hook.status_code == 201, hook.json()
    conv_id = _open_conversation(owner)
    app.sign_in(owner)
    app.go(f"/app/{owner.workspace.id}/inbox/{conv_id}/")
    app.page.get_by_label("Add note").fill("Refund approved by finance")
    app.page.get_by_role("button", name="Add note").click()
    note = app.page.locator("#thread .entry.note")
    expect(note).to_contain_text("Refund approved by finance")
    expect(note).to_contain_text("Internal note")
    # The contact-facing thread never carries it...
    messages = owner.api.get(f"conversations/{conv_id}/messages").json()["data"]
    assert all("Refund approved" not in m["body"] for m in messages)
    # ...nor does any message event a webhook delivers: it travels only as note.created.
    payloads = WebhookEvent.all_workspaces.filter(workspace_id=owner.workspace.id)
    assert {e.type for e in payloads} >= {"conversation.created", "message.created", "note.created"}
    carrying = {e.type for e in payloads if "Refund approved" in e.body}
    assert carrying == {"note.created"}


def test_assign_close_then_assigning_shows_the_conflict(app, admin, agent):
    conv_id = _open_conversation(admin)
    app.sign_in(admin)
    app.go(f"/app/{admin.workspace.id}/inbox/{conv_id}/")
    # Each change posts the side panel and swaps it; the next control is used only once that answer is
    # in (a select in the panel being replaced would post the old panel's values).
    settled = app.page.locator(".htmx-request, .htmx-swapping, .htmx-settling")
    expect(settled).to_have_count(0)
    with app.page.expect_response(lambda r: r.url.endswith("/update/")):
        app.page.get_by_label("Assignee").select_option(agent.user_id)
    expect(app.page.get_by_role("status").filter(has_text="Saved.")).to_be_visible()
    expect(settled).to_have_count(0)
    with app.page.expect_response(lambda r: r.url.endswith("/update/")):
        app.page.get_by_label("Status").select_option("closed")
    expect(app.page.locator("#side dt", has_text="Closed")).to_be_visible()  # the stored state came back
    expect(app.page.get_by_label("Status")).to_have_value("closed")
    expect(settled).to_have_count(0)
    with app.page.expect_response(lambda r: r.url.endswith("/update/")) as answer:
        app.page.get_by_label("Assignee").select_option(admin.user_id)
    assert answer.value.status == 409
    expect(app.page.get_by_role("alert")).to_have_text(
        "This conversation is closed. Reopen it (Status: open) before changing it."
    )
    expect(app.page.get_by_label("Assignee")).to_have_value(agent.user_id)  # shows what is stored
    app.shot("conversation-conflict")
    stored = admin.api.get(f"conversations/{conv_id}").json()
    assert stored["status"] == "closed" and stored["assignee_id"] == agent.user_id
    expect(settled).to_have_count(0)
    with app.page.expect_response(lambda r: r.url.endswith("/update/")) as answer:
        app.page.get_by_label("Priority").select_option("urgent")
    assert answer.value.status == 409
    expect(app.page.get_by_role("alert")).to_be_visible()


def test_new_message_appears_in_an_open_inbox_within_five_seconds(app, agent):
    _open_conversation(agent)
    app.sign_in(agent)
    expect(app.page.get_by_text("Changing plans")).to_be_visible()
    started = time.monotonic()
    _open_conversation(agent, body="Is there a student discount?", subject="Discounts")
    expect(app.page.get_by_text("Discounts")).to_be_visible(timeout=5000)
    assert time.monotonic() - started < 5
    expect(app.page.locator('[data-count="open"]')).to_have_text("2")


def test_keyboard_moves_opens_and_replies(app, agent):
    _open_conversation(agent, subject="First")
    _open_conversation(agent, subject="Second", body="Another question")
    app.sign_in(agent)
    app.page.keyboard.press("j")
    app.page.keyboard.press("j")
    app.page.keyboard.press("k")
    expect(app.page.locator("tr[aria-selected='true']")).to_contain_text("Second")
    app.page.keyboard.press("Enter")
    expect(app.page.get_by_role("heading", name="Second")).to_be_visible()
    app.page.keyboard.press("r")
    expect(app.page.get_by_label("Reply")).to_be_focused()
    app.page.keyboard.type("Typed without the mouse")
    app.page.keyboard.press("Escape")
    app.page.keyboard.press("n")
    expect(app.page.get_by_label("Add note")).to_be_focused()
