"""What an agent and a stranger can reach in a real browser."""

import pytest
from playwright.sync_api import expect

from tests.dashboard.conftest import make_objects

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _post(app, path: str, form: dict):
    """A direct form post from the signed-in page (its cookies, the CSRF token the page carries)."""
    token = app.page.evaluate("JSON.parse(document.body.getAttribute('hx-headers'))['X-CSRFToken']")
    return app.page.request.post(app.base + path, form={**form, "csrfmiddlewaretoken": token})


def test_agent_sees_no_erasure_or_knowledge_writes_and_is_refused(app, agent):
    ids = make_objects(agent.workspace.id)
    ws = agent.workspace.id
    app.sign_in(agent)
    app.go(f"/app/{ws}/contacts/{ids['ct_id']}/")
    expect(app.page.get_by_role("heading", name="Ada Lovelace")).to_be_visible()
    expect(app.page.get_by_role("button", name="Erase contact")).to_have_count(0)
    app.go(f"/app/{ws}/knowledge/")
    expect(app.page.get_by_role("link", name="New article")).to_have_count(0)
    expect(app.page.get_by_role("button", name="Turn the assistant off")).to_have_count(0)
    app.go(f"/app/{ws}/knowledge/{ids['art_id']}/")
    expect(app.page.get_by_role("button", name="Unpublish")).to_have_count(0)
    expect(app.page.get_by_role("button", name="Delete article")).to_have_count(0)

    refused = {
        f"/app/{ws}/contacts/{ids['ct_id']}/erase/": {"confirm": "ERASE"},
        f"/app/{ws}/knowledge/new/": {"title": "x", "body": "y", "locale": "en", "status": "published"},
        f"/app/{ws}/knowledge/{ids['art_id']}/status/": {"status": "draft"},
        f"/app/{ws}/knowledge/{ids['art_id']}/delete/": {},
        f"/app/{ws}/knowledge/assistant/": {},
    }
    for path, form in refused.items():
        assert _post(app, path, form).status == 403, path
    assert agent.api.get(f"contacts/{ids['ct_id']}").status_code == 200
    assert agent.api.get(f"knowledge/articles/{ids['art_id']}").json()["status"] == "published"


def test_another_workspaces_conversation_is_not_found(app, agent, stranger):
    theirs = make_objects(stranger.workspace.id, email="theirs@example.com")
    app.sign_in(agent)
    response = app.go(f"/app/{agent.workspace.id}/inbox/{theirs['conv_id']}/")
    assert response.status == 404
    expect(app.page.get_by_role("heading", name="Not found")).to_be_visible()
    app.shot("not-found")
    assert app.go(f"/app/{stranger.workspace.id}/inbox/{theirs['conv_id']}/").status == 404
