"""Every dashboard URL pattern × every kind of visitor: the answer CONTRACT §3 and §5 fix.

The expected minimum role of each page is written out here (not read from the views), and the test
fails for a pattern missing from the table, so a new page must be classified before it ships.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, reverse

from apps.dashboard import urls as dashboard_urls
from tests.conftest import make_persona

from .conftest import make_objects, signed_in

# name → (method, minimum role). POSTs carry no data: an allowed role gets a form error or a redirect,
# never 403/404.
EXPECTED = {
    "workspace": ("GET", "agent"),
    "inbox": ("GET", "agent"),
    "inbox_poll": ("GET", "agent"),
    "conversation": ("GET", "agent"),
    "conversation_poll": ("GET", "agent"),
    "reply": ("POST", "agent"),
    "note": ("POST", "agent"),
    "conversation_update": ("POST", "agent"),
    "contacts": ("GET", "agent"),
    "contact": ("GET", "agent"),
    "contact_edit": ("POST", "agent"),
    "contact_attributes": ("POST", "agent"),
    "contact_erase": ("POST", "admin"),
    "knowledge": ("GET", "agent"),
    "article_new": ("GET", "admin"),
    "article_preview": ("POST", "agent"),
    "knowledge_search": ("GET", "agent"),
    "assistant_switch": ("POST", "admin"),
    "article": ("GET", "agent"),
    "article_edit": ("GET", "admin"),
    "article_status": ("POST", "admin"),
    "article_delete": ("POST", "admin"),
}
RANK = {"agent": 1, "admin": 2, "owner": 3}
WORKSPACE_PATTERNS = [
    p.name
    for p in dashboard_urls.urlpatterns
    if isinstance(p, URLPattern) and "<str:ws_id>" in str(p.pattern)
]


def test_every_workspace_pattern_is_classified():
    assert sorted(WORKSPACE_PATTERNS) == sorted(EXPECTED)


def _url(name: str, workspace_id: str, ids: dict) -> str:
    pattern = next(p for p in dashboard_urls.urlpatterns if p.name == name)
    kwargs = {"ws_id": workspace_id}
    for key in ("conv_id", "ct_id", "art_id"):
        if f"<str:{key}>" in str(pattern.pattern):
            kwargs[key] = ids[key]
    return reverse(f"dashboard:{name}", kwargs=kwargs)


def _page(response) -> bytes:
    """The page without its per-render CSRF token (masked differently each time)."""
    return re.sub(rb'"X-CSRFToken": "[^"]*"', b"", response.content)


def _call(client, method: str, url: str):
    return client.get(url) if method == "GET" else client.post(url, {})


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_anonymous_is_sent_to_sign_in(name, client, workspace):
    ids = make_objects(workspace.id)
    method, _ = EXPECTED[name]
    url = _url(name, workspace.id, ids)
    response = _call(client, method, url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("role", ["agent", "admin", "owner"])
def test_each_role_gets_the_contract_answer(name, role, workspace):
    persona = make_persona(workspace, role)
    ids = make_objects(workspace.id)
    method, minimum = EXPECTED[name]
    response = _call(signed_in(persona), method, _url(name, workspace.id, ids))
    if RANK[role] >= RANK[minimum]:
        assert response.status_code in (200, 204, 302, 400), (response.status_code, response.content[:500])
    else:
        assert response.status_code == 403
        assert b"Not allowed" in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_another_workspace_is_not_found(name, workspace, stranger):
    """The stranger (owner elsewhere) asks for our workspace's pages, and for our objects inside their
    own workspace: the same 404 page as a missing one, whatever the method."""
    ids = make_objects(workspace.id)
    theirs = make_objects(stranger.workspace.id, email="someone@example.com")
    method, _ = EXPECTED[name]
    client = signed_in(stranger)
    foreign_workspace = _call(client, method, _url(name, workspace.id, theirs))
    assert foreign_workspace.status_code == 404
    uses_object = any(
        f"<str:{k}>" in str(next(p for p in dashboard_urls.urlpatterns if p.name == name).pattern)
        for k in ids
    )
    if uses_object:
        foreign_object = _call(client, method, _url(name, stranger.workspace.id, ids))
        assert foreign_object.status_code == 404
    missing = _call(client, method, _url(name, "ws_0000000000000000000000", theirs))
    assert missing.status_code == 404
    assert _page(foreign_workspace) == _page(missing)


@pytest.mark.django_db
def test_not_found_page_is_the_same_for_missing_and_foreign(workspace, stranger, objects):
    client = signed_in(stranger)
    foreign = client.get(f"/app/{stranger.workspace.id}/inbox/{objects['conv_id']}/")
    missing = client.get(f"/app/{stranger.workspace.id}/inbox/conv_00000000000000000000/")
    assert foreign.status_code == missing.status_code == 404
    assert _page(foreign) == _page(missing)


# The patterns outside a workspace: what an anonymous visitor gets.
PUBLIC = {
    "login": ("GET", 200),
    "logout": ("POST", 302),  # to the sign-in page, signed in or not
    "password_reset": ("GET", 200),
    "password_reset_done": ("GET", 200),
    "password_reset_complete": ("GET", 200),
    "password_reset_confirm": ("GET", 200),  # an invalid link says so on the page
    "home": ("GET", 302),  # /app/ → sign in
}


def test_every_pattern_is_classified():
    names = {p.name for p in dashboard_urls.urlpatterns if isinstance(p, URLPattern)}
    assert names == set(EXPECTED) | set(PUBLIC)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_pages_outside_a_workspace(name, client):
    method, status = PUBLIC[name]
    kwargs = {"uidb64": "MQ", "token": "set-password"} if name == "password_reset_confirm" else {}
    url = reverse(f"dashboard:{name}", kwargs=kwargs)
    response = _call(client, method, url)
    assert response.status_code == status
    if name == "home":
        assert response["Location"] == "/login/?next=/app/"
    if name == "logout":
        assert response["Location"] == "/login/"
