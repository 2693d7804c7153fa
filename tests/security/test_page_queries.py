"""A NUL in a page's query string is a 400, never a 500 (issue 15: part 1's class of defect outside the
API). The dashboard's search boxes and the admin's changelist search passed it to PostgreSQL, which
refuses NUL in any text parameter."""

from __future__ import annotations

import pytest
from django.test import Client

PAGES = ["inbox/?q=a%00b", "contacts/?q=a%00b", "knowledge/?q=a%00b", "inbox/?status=open&q=%00"]


@pytest.fixture
def signed_in(owner):
    client = Client()
    client.force_login(owner.member.user)
    return client


@pytest.mark.parametrize("page", PAGES)
def test_a_nul_in_a_dashboard_search_is_a_400(owner, signed_in, page):
    response = signed_in.get(f"/app/{owner.workspace.id}/{page}")
    assert response.status_code == 400
    assert b"NUL" in response.content


def test_the_same_pages_without_a_nul_still_work(owner, signed_in):
    for page in PAGES:
        response = signed_in.get(f"/app/{owner.workspace.id}/{page.replace('%00', '')}")
        assert response.status_code == 200, page


def test_a_nul_in_the_admin_search_is_a_400(admin_user):
    client = Client()
    client.force_login(admin_user)
    assert client.get("/admin/contacts/contact/?q=a%00b").status_code == 400
    assert client.get("/admin/contacts/contact/?q=ab").status_code == 200


def test_api_paths_still_name_the_parameter_in_the_envelope(owner):
    response = owner.api.get("/api/v1/contacts?q=a%00b")
    assert response.status_code == 400
    assert response.json()["error"]["param"] == "q"
