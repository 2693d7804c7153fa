"""The permission matrix's shared steps (test_permissions.py for the inbox, contacts and knowledge;
test_settings_permissions.py for Settings): each file keeps its own table of pages and minimum roles,
and its own objects; building the URL, calling it and judging the answer are written once, here."""

from __future__ import annotations

import re

from django.urls import reverse

RANK = {"agent": 1, "admin": 2, "owner": 3}


def url_of(pattern, name: str, workspace_id: str, ids: dict) -> str:
    """The page's URL in `workspace_id`, with each object id its pattern takes (`<str:conv_id>`…)."""
    route = str(pattern.pattern)
    kwargs = {"ws_id": workspace_id, **{key: ids[key] for key in ids if f"<str:{key}>" in route}}
    return reverse(f"dashboard:{name}", kwargs=kwargs)


def takes_an_object(pattern, ids: dict) -> bool:
    return any(f"<str:{key}>" in str(pattern.pattern) for key in ids)


def call(client, method: str, url: str):
    """GET, or a POST with no data (an allowed role gets a form error, a redirect or a service's
    refusal, never the role's 403 page or 404)."""
    return client.get(url) if method == "GET" else client.post(url, {})


def page_without_token(response) -> bytes:
    """The page without its per-render CSRF token (masked differently each time)."""
    return re.sub(rb'"X-CSRFToken": "[^"]*"', b"", response.content)


def assert_sent_to_sign_in(response) -> None:
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")


def assert_role_answer(response, role: str, minimum: str, allowed: tuple[int, ...]) -> None:
    """At or above the page's minimum role: one of `allowed` (and a 403 is a service's inline refusal,
    not the role page); below it: the role's 403 page."""
    if RANK[role] >= RANK[minimum]:
        assert response.status_code in allowed, (response.status_code, response.content[:500])
        if response.status_code == 403:
            assert b"Not allowed" not in response.content
    else:
        assert response.status_code == 403
        assert b"Not allowed" in response.content


def assert_not_found_like_missing(
    client, method: str, pattern, name: str, ours: dict, theirs: dict, own_ws: str, other_ws: str
) -> None:
    """A stranger (a member of `own_ws` only) asks for `other_ws`'s page, and for `other_ws`'s objects
    inside their own workspace: the same 404 page as a missing workspace, whatever the method."""
    foreign_workspace = call(client, method, url_of(pattern, name, other_ws, theirs))
    assert foreign_workspace.status_code == 404
    if takes_an_object(pattern, ours):
        foreign_object = call(client, method, url_of(pattern, name, own_ws, ours))
        assert foreign_object.status_code == 404
    missing = call(client, method, url_of(pattern, name, "ws_0000000000000000000000", theirs))
    assert missing.status_code == 404
    assert page_without_token(foreign_workspace) == page_without_token(missing)
