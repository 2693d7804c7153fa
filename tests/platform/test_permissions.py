import pytest

pytestmark = pytest.mark.urls("tests.platform.urls")


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("owner", 201), ("admin", 201), ("agent", 403), ("reader", 403)],
)
def test_write_needs_the_declared_role_and_a_read_write_token(personas, persona, expected):
    response = personas[persona].api.post("_test/members", {"email": f"new-{persona}@example.com"})
    assert response.status_code == expected
    if expected == 403:
        assert response.json()["error"]["code"] == "permission_denied"


@pytest.mark.parametrize("persona", ["owner", "admin", "agent", "reader"])
def test_every_role_and_scope_may_read(personas, persona):
    assert personas[persona].api.get("_test/members").status_code == 200


def test_read_only_admin_token_cannot_write(workspace):
    from tests.conftest import make_persona

    persona = make_persona(workspace, "admin", scope="read")
    response = persona.api.post("_test/members", {"email": "n@example.com"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
