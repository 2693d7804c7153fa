"""Knowledge in a real browser: write, preview, publish, then the assistant answers from it."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BODY = """# Returning a parcel

To return a parcel, print the prepaid label from your order page and drop the parcel at any post office
within 30 days. Refunds reach your card five days after the parcel arrives at our warehouse.
"""


def test_write_publish_and_the_assistant_answers_from_it(app, admin, eager_tasks):
    app.sign_in(admin)
    app.go(f"/app/{admin.workspace.id}/knowledge/")
    app.page.get_by_role("link", name="New article").click()
    app.page.get_by_label("Title").fill("Returning a parcel")
    app.page.get_by_label("Body (Markdown)").fill(BODY)
    expect(app.page.get_by_label("Preview").get_by_role("heading", name="Returning a parcel")).to_be_visible()
    app.shot("knowledge-new")
    app.page.get_by_label("Article status").select_option("draft")
    app.page.get_by_role("button", name="Save article").click()
    expect(app.page.get_by_test_id("article-status")).to_have_text("draft")
    expect(app.page.get_by_test_id("ingest-status")).to_have_text("ingest: ready")
    app.page.get_by_role("button", name="Publish").click()
    expect(app.page.get_by_test_id("article-status")).to_have_text("published")
    app.shot("knowledge-published")
    app.go(f"/app/{admin.workspace.id}/knowledge/")
    app.page.get_by_label("Ask as a contact would").fill("how do I return a parcel")
    app.page.get_by_role("button", name="Search knowledge").click()
    expect(app.page.get_by_test_id("hit").first).to_contain_text("prepaid label")
    app.shot("knowledge-search")

    created = admin.api.post(
        "conversations",
        {"contact": {"email": "sam@example.com"}, "message": {"body": "How do I return a parcel?"}},
    ).json()
    assert created["handled_by"] == "assistant"
    app.go(f"/app/{admin.workspace.id}/inbox/{created['id']}/")
    reply = app.page.locator("#thread .entry.assistant")
    expect(reply).to_contain_text("prepaid label")
    expect(reply).to_contain_text("AI assistant")
    expect(reply.get_by_test_id("sources").get_by_role("link", name="Returning a parcel")).to_be_visible()
    app.shot("conversation-assistant")
