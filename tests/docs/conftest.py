import pytest
from django.test import Client


@pytest.fixture(scope="module")
def spec(django_db_blocker):
    """The served OpenAPI document, generated once per module."""
    with django_db_blocker.unblock():
        response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()
