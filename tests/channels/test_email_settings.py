"""GET /api/v1/email: the workspace's inbound address and secret inbound URL (admin and owner)."""

from __future__ import annotations

import pytest

from apps.channels_email.addresses import inbound_url, inbox_address

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["owner", "admin"])
def test_admins_and_owners_see_the_address_and_inbound_url(personas, workspace, role, settings):
    response = personas[role].api.get("email")
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == {"address", "inbound_url"}
    assert body["address"] == inbox_address(workspace.id)
    assert body["address"].endswith("@" + settings.EMAIL_INBOUND_DOMAIN)
    assert body["inbound_url"] == inbound_url(workspace.id)
    assert body["inbound_url"].startswith(settings.PUBLIC_BASE_URL + "/inbound/email/")


@pytest.mark.parametrize("role", ["agent", "reader"])
def test_agents_are_refused(personas, role):
    response = personas[role].api.get("email")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert "inbound" not in response.content.decode()


def test_without_a_token_401(anonymous):
    response = anonymous.get("email")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "missing_token"


def test_writes_are_405(owner):
    for method in (owner.api.post, owner.api.patch, owner.api.put):
        response = method("email", {"address": "x@example.com"})
        assert response.status_code == 405
        assert response.json()["error"]["code"] == "method_not_allowed"
    assert owner.api.delete("email").status_code == 405


def test_each_workspace_has_its_own_address_and_url(owner, stranger):
    mine, theirs = owner.api.get("email").json(), stranger.api.get("email").json()
    assert mine["address"] != theirs["address"]
    assert mine["inbound_url"] != theirs["inbound_url"]
    assert (
        mine["inbound_url"].split("/")[-1].split(".")[1] != theirs["inbound_url"].split("/")[-1].split(".")[1]
    )


def test_the_inbound_url_changes_with_the_secret_key_and_the_old_one_keeps_working_as_a_fallback(
    owner, workspace, settings
):
    from django.test import Client

    from tests.channels.conftest import sample

    old = owner.api.get("email").json()["inbound_url"]
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "another-secret-key-" + "x" * 40
    new = owner.api.get("email").json()["inbound_url"]
    assert new != old
    path = "/" + old.split("://", 1)[1].split("/", 1)[1]
    assert Client().post(path, sample("plain.eml"), content_type="message/rfc822").status_code == 202
    settings.SECRET_KEY_FALLBACKS = []
    raw = sample("plain.eml").replace(b"CAF=plain-", b"CAF=second-")
    assert Client().post(path, raw, content_type="message/rfc822").status_code == 404


def test_the_endpoint_is_in_the_spec(anonymous):
    spec = anonymous.get("openapi.json").json()
    operation = spec["paths"]["/api/v1/email"]["get"]
    assert operation["operationId"] == "getEmailChannel"
    assert operation["tags"] == ["channels"]
    response = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert response
    assert set(spec["paths"]["/api/v1/email"]) <= {"get", "parameters"}
