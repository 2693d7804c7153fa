"""The e-mail channel in a real browser: a raw message POSTed to the workspace's inbound URL shows in the
inbox; the agent's reply typed in the dashboard reaches a real SMTP server (aiosmtpd) with threading
headers, and the thread labels it "Sent"; with SMTP down it reads "Retrying"."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from apps.channels_email.addresses import inbound_url
from tests.channels.conftest import sample, smtp_down, smtp_server  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _receive(app, workspace_id: str) -> str:
    """What a mail provider does: the raw message POSTed to the inbound URL (its path on this server)."""
    path = "/" + inbound_url(workspace_id).split("://", 1)[1].split("/", 1)[1]
    posted = app.page.request.post(
        app.base + path, data=sample("plain.eml"), headers={"Content-Type": "message/rfc822"}
    )
    assert posted.status == 202, posted.text()
    return path


def _reply_in_the_dashboard(app, persona) -> None:
    [conversation] = persona.api.get("conversations").json()["data"]
    persona.api.patch(f"conversations/{conversation['id']}", {"handled_by": "human"})
    app.go(f"/app/{persona.workspace.id}/inbox/")
    app.page.get_by_text("Cannot reset my password").first.click()
    app.page.wait_for_url(f"**/inbox/{conversation['id']}/")
    app.page.get_by_label("Reply").fill("Please check your spam folder.")
    app.page.get_by_role("button", name="Reply").click()
    expect(app.page.locator("#thread")).to_contain_text("Please check your spam folder.")


@pytest.mark.usefixtures("eager_tasks")
def test_the_dashboards_reply_is_emailed_and_labelled_sent(app, agent, smtp_server):  # noqa: F811
    app.sign_in(agent)
    _receive(app, agent.workspace.id)
    _reply_in_the_dashboard(app, agent)

    reply = app.page.locator('#thread article[data-author="agent"]')
    expect(reply.get_by_test_id("delivery-status")).to_have_text("Sent", timeout=15_000)
    expect(
        app.page.locator('#thread article[data-author="contact"]').get_by_test_id("delivery-status")
    ).to_have_count(0)
    app.shot("conversation-email-sent")
    [received] = smtp_server.messages
    assert received["rcpt_tos"] == ["ada.lovelace@example.com"]
    assert received["message"]["In-Reply-To"] == "<CAF=plain-1234567890@mail.gmail.com>"
    assert received["message"].get_content().strip() == "Please check your spam folder."


@pytest.mark.usefixtures("eager_tasks", "smtp_down")
def test_a_reply_smtp_refuses_is_labelled_retrying(app, agent):
    app.sign_in(agent)
    _receive(app, agent.workspace.id)
    _reply_in_the_dashboard(app, agent)
    reply = app.page.locator('#thread article[data-author="agent"]')
    expect(reply.get_by_test_id("delivery-status")).to_have_text("Retrying", timeout=15_000)
