"""Kills for the mutants of leadiosa/api/page_middleware.py (mutation, sixth batch).

A path under /api/ goes past the dashboard's middleware (no frame header, no cookie); any other path
gets them (frames denied, the CSRF cookie, a POST without its token refused unless the view is exempt).
"""

import pytest
from django.test import Client

from leadiosa.api.page_middleware import is_api_path


class _Request:
    def __init__(self, path_info):
        self.path_info = path_info


def test_only_paths_under_api_are_api_paths():
    assert is_api_path(_Request("/api/v1/conversations"))
    assert not is_api_path(_Request("/login/"))
    assert not is_api_path(_Request("/apiary"))


def test_an_api_request_goes_past_the_page_middleware(owner):
    response = Client().get("/api/v1/conversations", HTTP_AUTHORIZATION=f"Bearer {owner.plaintext}")
    assert response.status_code == 200
    assert "X-Frame-Options" not in response.headers
    assert not response.cookies
    assert "Cookie" not in response.headers.get("Vary", "")


@pytest.mark.django_db
def test_a_page_gets_the_page_middleware():
    response = Client(enforce_csrf_checks=True).get("/login/")
    assert response.status_code == 200
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "csrftoken" in response.cookies


@pytest.mark.django_db
def test_a_page_post_without_its_csrf_token_is_refused():
    response = Client(enforce_csrf_checks=True).post("/login/", {"email": "a@example.com", "password": "x"})
    assert response.status_code == 403


@pytest.mark.django_db
def test_a_csrf_exempt_page_takes_a_post_without_a_token():
    response = Client(enforce_csrf_checks=True).post(
        "/inbound/email/not-a-token", data=b"x", content_type="message/rfc822"
    )
    assert response.status_code != 403 or b"CSRF" not in response.content
    assert b"CSRF verification failed" not in response.content


def test_an_api_post_with_a_session_but_no_csrf_token_is_not_refused_by_csrf(owner):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/api/v1/conversations/none/notes",
        data={"body": "x"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {owner.plaintext}",
    )
    assert b"CSRF" not in response.content
