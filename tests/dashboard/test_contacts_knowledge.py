"""Contacts and knowledge pages through their forms, as a signed-in member (the services do the work)."""

from __future__ import annotations

import pytest

from apps.audit.models import AuditEntry
from apps.workspaces.models import Workspace

from .conftest import signed_in

HX = {"HX-Request": "true"}


@pytest.mark.django_db
def test_attributes_are_added_changed_and_removed(workspace, agent, objects):
    client = signed_in(agent)
    url = f"/app/{workspace.id}/contacts/{objects['ct_id']}/attributes/"
    assert client.post(url, {"key": "plan", "value": "team"}).status_code == 302
    assert client.post(url, {"key": "seats", "value": "12"}).status_code == 302
    assert client.post(url, {"key": "plan", "value": "business"}).status_code == 302
    assert agent.api.get(f"contacts/{objects['ct_id']}").json()["attributes"] == {
        "plan": "business",
        "seats": "12",
    }
    assert client.post(url, {"remove": "plan"}).status_code == 302
    assert agent.api.get(f"contacts/{objects['ct_id']}").json()["attributes"] == {"seats": "12"}
    page = client.get(f"/app/{workspace.id}/contacts/{objects['ct_id']}/").content.decode()
    assert "seats" in page and "Cannot sign in" in page  # attributes and their conversations
    entry = AuditEntry.all_workspaces.filter(workspace_id=workspace.id, action="contact.updated").last()
    assert (entry.actor_type, entry.actor_id, entry.changes) == ("user", agent.user_id, ["attributes"])


@pytest.mark.django_db
def test_contact_edit_conflict_is_shown_on_the_form(workspace, agent, objects):
    other = agent.api.post("contacts", {"email": "taken@example.com"})
    assert other.status_code == 201
    client = signed_in(agent)
    response = client.post(
        f"/app/{workspace.id}/contacts/{objects['ct_id']}/edit/",
        {"name": "Ada", "email": "taken@example.com"},
    )
    assert response.status_code == 409
    assert b"Another contact already has this email" in response.content
    assert agent.api.get(f"contacts/{objects['ct_id']}").json()["email"] == "ada@example.com"


@pytest.mark.django_db
def test_contacts_search_and_pages(workspace, agent, objects):
    for n in range(30):
        agent.api.post("contacts", {"email": f"p{n}@example.com", "name": f"Person {n}"})
    client = signed_in(agent)
    assert client.get(f"/app/{workspace.id}/contacts/?q=lovelace").content.count(b"data-nav-row") == 1
    first = client.get(f"/app/{workspace.id}/contacts/").content
    assert first.count(b"data-nav-row") == 25 and b"before=" in first


@pytest.mark.django_db
def test_erasure_needs_the_typed_confirmation_and_says_what_happened(workspace, admin, objects):
    client = signed_in(admin)
    url = f"/app/{workspace.id}/contacts/{objects['ct_id']}/erase/"
    refused = client.post(url, {"confirm": "erase"})
    assert refused.status_code == 400 and b"Type ERASE (in capitals)" in refused.content
    assert admin.api.get(f"contacts/{objects['ct_id']}").status_code == 200
    done = client.post(url, {"confirm": "ERASE"}, follow=True)
    assert f"Contact {objects['ct_id']} erased".encode() in done.content
    assert admin.api.get(f"contacts/{objects['ct_id']}").status_code == 404
    assert admin.api.get(f"conversations/{objects['conv_id']}").status_code == 404
    entry = AuditEntry.all_workspaces.filter(workspace_id=workspace.id, action="contact.erased").get()
    assert (entry.actor_type, entry.actor_id) == ("user", admin.user_id)


@pytest.mark.django_db
def test_article_create_edit_publish_delete(
    workspace, admin, dashboard_eager, django_capture_on_commit_callbacks
):
    client = signed_in(admin)
    form = {
        "title": "Shipping",
        "body": "# Shipping\n\nWe ship in two days.",
        "locale": "en",
        "status": "draft",
    }
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post(f"/app/{workspace.id}/knowledge/new/", form)
    assert created.status_code == 302
    art_id = created["Location"].rstrip("/").rsplit("/", 1)[1]
    article = admin.api.get(f"knowledge/articles/{art_id}").json()
    assert (article["status"], article["ingest_status"]) == ("draft", "ready")
    page = client.get(created["Location"]).content.decode()
    assert "<h1>Shipping</h1>" in page and "We ship in two days." in page and "#0" in page  # body and chunks
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/app/{workspace.id}/knowledge/{art_id}/edit/", {**form, "body": "We ship in one day."})
    assert admin.api.get(f"knowledge/articles/{art_id}").json()["body"] == "We ship in one day."
    client.post(f"/app/{workspace.id}/knowledge/{art_id}/status/", {"status": "published"})
    assert admin.api.get(f"knowledge/articles/{art_id}").json()["status"] == "published"
    client.post(f"/app/{workspace.id}/knowledge/{art_id}/status/", {"status": "draft"})
    assert admin.api.get(f"knowledge/articles/{art_id}").json()["status"] == "draft"
    assert client.post(f"/app/{workspace.id}/knowledge/{art_id}/delete/").status_code == 302
    assert admin.api.get(f"knowledge/articles/{art_id}").status_code == 404
    actions = list(
        AuditEntry.all_workspaces.filter(workspace_id=workspace.id, resource_id=art_id).values_list(
            "action", "actor_type"
        )
    )
    assert ("knowledge.article.created", "user") in actions and (
        "knowledge.article.deleted",
        "user",
    ) in actions


@pytest.mark.django_db
def test_article_form_errors_are_shown(workspace, admin):
    response = signed_in(admin).post(f"/app/{workspace.id}/knowledge/new/", {"title": "", "body": ""})
    assert response.status_code == 400 and b"This field is required." in response.content


@pytest.mark.django_db
def test_markdown_preview_is_sanitised(workspace, agent):
    body = "# Title\n\n<script>alert(1)</script>\n\n![x](https://cdn.example.com/x.png) [ok](https://example.com) [bad](javascript:alert(1))"
    html = (
        signed_in(agent).post(f"/app/{workspace.id}/knowledge/preview/", {"body": body}, headers=HX).content
    )
    assert b"<h1>Title</h1>" in html
    assert b"<script" not in html and b"<img" not in html and b"javascript:" not in html
    assert b'href="https://example.com"' in html


@pytest.mark.django_db
def test_search_shows_what_the_assistant_would_retrieve(
    workspace, agent, dashboard_eager, django_capture_on_commit_callbacks
):
    from .conftest import make_objects

    with django_capture_on_commit_callbacks(execute=True):  # ingestion runs after commit
        make_objects(workspace.id, email="x@example.com")  # "Resetting your password"
    client = signed_in(agent)
    found = client.get(
        f"/app/{workspace.id}/knowledge/search/", {"q": "how do I reset my password"}, headers=HX
    )
    assert found.status_code == 200 and b'data-testid="hit"' in found.content
    assert b"Resetting your password" in found.content
    nothing = client.get(f"/app/{workspace.id}/knowledge/search/", {"q": "ornithology"}, headers=HX)
    assert b'data-testid="no-hits"' in nothing.content


@pytest.mark.django_db
def test_assistant_switch(workspace, admin):
    client = signed_in(admin)
    client.post(f"/app/{workspace.id}/knowledge/assistant/", {})
    assert Workspace.objects.get(id=workspace.id).assistant_enabled is False
    client.post(f"/app/{workspace.id}/knowledge/assistant/", {"enabled": "on"})
    assert Workspace.objects.get(id=workspace.id).assistant_enabled is True
    entries = AuditEntry.all_workspaces.filter(workspace_id=workspace.id, action="workspace.updated")
    assert [(e.actor_type, e.changes) for e in entries] == [("user", ["assistant_enabled"])] * 2
