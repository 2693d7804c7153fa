"""A widget visitor's message is text in the dashboard: the markup they type shows as written, escaped,
on the agent's conversation page and in the thread's live update, and never becomes an element."""

from __future__ import annotations

import html
import re

import pytest

from tests.channels.test_widget_public_api import SHOP, Visitor

from .conftest import signed_in

pytestmark = pytest.mark.django_db

MARKUP = "<img src=x onerror=alert(1)><b>hi</b>"
ESCAPED = "&lt;img src=x onerror=alert(1)&gt;&lt;b&gt;hi&lt;/b&gt;"


@pytest.fixture
def widget_conversation(owner, workspace) -> str:
    assert owner.api.patch("widget", {"allowed_origins": [SHOP]}).status_code == 200
    visitor = Visitor(workspace.id)
    conversation_id = visitor.start("Hello from the shop")["conversation"]["id"]
    response = visitor.post(f"/conversations/{conversation_id}/messages", {"body": MARKUP})
    assert response.status_code == 201, response.content
    return conversation_id


def _assert_shown_as_text(page: str) -> None:
    assert ESCAPED in page
    assert "<img src=x" not in page
    assert "<b>hi</b>" not in page
    assert "onerror=alert(1)>" not in page


def test_the_conversation_page_shows_the_visitors_markup_as_text(workspace, agent, widget_conversation):
    response = signed_in(agent).get(f"/app/{workspace.id}/inbox/{widget_conversation}/")
    assert response.status_code == 200
    _assert_shown_as_text(response.content.decode())


def test_the_live_thread_update_shows_it_as_text_too(
    workspace, owner, agent, django_capture_on_commit_callbacks
):
    """The thread the page polls for (its hx-get) brings a message that arrives after the page loaded:
    escaped there as well."""
    assert owner.api.patch("widget", {"allowed_origins": [SHOP]}).status_code == 200
    visitor = Visitor(workspace.id)
    conversation_id = visitor.start("Hello from the shop")["conversation"]["id"]
    client = signed_in(agent)
    page = client.get(f"/app/{workspace.id}/inbox/{conversation_id}/").content.decode()
    assert ESCAPED not in page
    poll = re.search(r'id="thread"[^>]*hx-get="([^"]+)"', page).group(1)

    with django_capture_on_commit_callbacks(execute=True):  # the stamp moves when the change commits
        response = visitor.post(f"/conversations/{conversation_id}/messages", {"body": MARKUP})
    assert response.status_code == 201, response.content
    update = client.get(html.unescape(poll), headers={"HX-Request": "true"})
    assert update.status_code == 200
    _assert_shown_as_text(update.content.decode())
