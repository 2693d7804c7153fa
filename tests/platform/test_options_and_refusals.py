"""OPTIONS answers 405 like any unsupported method; a 403 names the scope or the role that is missing."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["conversations", "contacts", "webhooks", "workspace", "me"])
def test_options_answers_405_in_the_envelope_before_authentication(owner, anonymous, path):
    for client in (owner.api, anonymous):
        response = client.client.options(f"/api/v1/{path}", headers=client._headers(None))
        assert response.status_code == 405
        error = response.json()["error"]
        assert error["code"] == "method_not_allowed" and error["request_id"].startswith("req_")
        assert "OPTIONS" not in response.get("Allow", "")


def test_a_read_token_is_told_it_needs_read_write(reader):
    response = reader.api.post("contacts", {"email": "a@example.com"})
    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "permission_denied"
    assert "'read' scope" in error["message"] and "read_write" in error["message"]


@pytest.mark.parametrize(
    ("persona", "path", "needed"),
    [("agent", "webhooks", "admin"), ("agent", "audit", "admin"), ("agent", "events", "admin")],
)
def test_a_role_refusal_names_the_role_needed(request, persona, path, needed):
    response = request.getfixturevalue(persona).api.get(path)
    assert response.status_code == 403
    message = response.json()["error"]["message"]
    assert f"'{needed}' role" in message and f"role is '{persona}'" in message


def test_an_owner_only_action_names_the_owner_role(admin):
    response = admin.api.post("workspace/close", {})
    assert response.status_code == 403
    assert "'owner' role" in response.json()["error"]["message"]
