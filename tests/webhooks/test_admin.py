"""Support staff's admin pages: browsable, read-only where it matters, never a secret."""

import pytest
from django.test import Client

from apps.webhooks.models import WebhookDelivery
from apps.webhooks.secrets import decrypt_secret
from apps.workspaces.models import User

from .factories import make_endpoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client():
    user = User.objects.create_superuser(username="support", email="support@leadiosa.com", password="pw")
    client = Client()
    client.force_login(user)
    return client


def test_admin_pages_list_webhooks_without_their_secrets(staff_client, admin):
    endpoint, secret = make_endpoint(admin.workspace)
    admin.api.post(f"webhooks/{endpoint.id}/test")
    delivery = WebhookDelivery.all_workspaces.get()
    pages = [
        "/admin/webhooks/webhookendpoint/",
        f"/admin/webhooks/webhookendpoint/{endpoint.id}/change/",
        "/admin/webhooks/webhookevent/",
        f"/admin/webhooks/webhookevent/{delivery.event_id}/change/",
        "/admin/webhooks/webhookdelivery/",
        f"/admin/webhooks/webhookdelivery/{delivery.id}/change/",
    ]
    for page in pages:
        response = staff_client.get(page)
        assert response.status_code == 200, page
        content = response.content.decode()
        assert secret not in content and secret[6:] not in content
        assert endpoint.secret_encrypted not in content
    assert decrypt_secret(endpoint.secret_encrypted) == secret


def test_endpoints_cannot_be_added_through_the_admin(staff_client):
    assert staff_client.get("/admin/webhooks/webhookendpoint/add/").status_code == 403
