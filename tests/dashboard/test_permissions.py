"""Every dashboard URL pattern × every kind of visitor: the answer CONTRACT §3 and §5 fix.

The expected minimum role of each page is written out here (not read from the views), and the test
fails for a pattern missing from the table, so a new page must be classified before it ships.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, reverse

from apps.dashboard import urls as dashboard_urls
from tests.conftest import make_persona

from .conftest import make_objects, signed_in
from .matrix import (
    assert_not_found_like_missing,
    assert_role_answer,
    assert_sent_to_sign_in,
    call,
    page_without_token,
    url_of,
)

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
WORKSPACE_PATTERNS = [
    p.name
    for p in dashboard_urls.urlpatterns
    if isinstance(p, URLPattern) and "<str:ws_id>" in str(p.pattern)
]


def test_every_workspace_pattern_is_classified():
    assert sorted(WORKSPACE_PATTERNS) == sorted(EXPECTED)


PATTERNS = {p.name: p for p in dashboard_urls.urlpatterns if isinstance(p, URLPattern)}


def _url(name: str, workspace_id: str, ids: dict) -> str:
    return url_of(PATTERNS[name], name, workspace_id, ids)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_anonymous_is_sent_to_sign_in(name, client, workspace):
    ids = make_objects(workspace.id)
    method, _ = EXPECTED[name]
    assert_sent_to_sign_in(call(client, method, _url(name, workspace.id, ids)))


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("role", ["agent", "admin", "owner"])
def test_each_role_gets_the_contract_answer(name, role, workspace):
    persona = make_persona(workspace, role)
    ids = make_objects(workspace.id)
    method, minimum = EXPECTED[name]
    response = call(signed_in(persona), method, _url(name, workspace.id, ids))
    assert_role_answer(response, role, minimum, allowed=(200, 204, 302, 400))


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_another_workspace_is_not_found(name, workspace, stranger):
    """The stranger (owner elsewhere) asks for our workspace's pages, and for our objects inside their
    own workspace: the same 404 page as a missing one, whatever the method."""
    ours = make_objects(workspace.id)
    theirs = make_objects(stranger.workspace.id, email="someone@example.com")
    method, _ = EXPECTED[name]
    assert_not_found_like_missing(
        signed_in(stranger), method, PATTERNS[name], name, ours, theirs, stranger.workspace.id, workspace.id
    )


@pytest.mark.django_db
def test_not_found_page_is_the_same_for_missing_and_foreign(workspace, stranger, objects):
    client = signed_in(stranger)
    foreign = client.get(f"/app/{stranger.workspace.id}/inbox/{objects['conv_id']}/")
    missing = client.get(f"/app/{stranger.workspace.id}/inbox/conv_00000000000000000000/")
    assert foreign.status_code == missing.status_code == 404
    assert page_without_token(foreign) == page_without_token(missing)


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
    response = call(client, method, url)
    assert response.status_code == status
    if name == "home":
        assert response["Location"] == "/login/?next=/app/"
    if name == "logout":
        assert response["Location"] == "/login/"
