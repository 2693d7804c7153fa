"""The attempt log support reads on a delivery's page: each POST's answer (status, headers, the first
4 KiB of the body), its duration and error; never our request's signature, never a receiver's cookie."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from apps.webhooks.models import WebhookDelivery, WebhookDeliveryAttempt, WebhookEndpoint
from apps.webhooks.redelivery import delivery_redeliver
from leadiosa.context import SYSTEM, acting_as
from leadiosa.tenancy import with_workspace
from tests.factories import UserFactory
from tests.webhooks.receiver import Answer, Receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True  # the receiver listens on 127.0.0.1
    server = Receiver().start()
    yield server
    server.stop()


def test_each_attempt_keeps_the_answer_for_support(
    admin, receiver, eager_tasks, django_capture_on_commit_callbacks
):
    receiver.script.append(
        Answer(
            status=500,
            headers={"x-trace": "abc123", "set-cookie": "session=s3cret", "content-type": "text/plain"},
            body=b"E" * 5000 + b"TAIL",
        )
    )
    created = admin.api.post("webhooks", {"url": receiver.url, "events": ["contact.created"]})
    assert created.status_code == 201, created.content
    secret = created.json()["secret"]
    with django_capture_on_commit_callbacks(execute=True):
        assert admin.api.post("contacts", {"email": "ada@example.com"}).status_code == 201
    [first_request] = receiver.wait_for(1)
    delivery = WebhookDelivery.all_workspaces.get(workspace=admin.workspace, event_type="contact.created")
    [attempt] = WebhookDeliveryAttempt.all_workspaces.filter(delivery=delivery)
    assert attempt.response_status == 500 and attempt.error == ""
    assert attempt.response_body == "E" * 4096  # the first 4 KiB, no more
    headers = dict(attempt.response_headers)
    assert headers["x-trace"] == "abc123" and "set-cookie" not in headers
    assert attempt.duration_ms is not None and attempt.duration_ms >= 0

    # A retry that succeeds is logged too (the single-attempt path).
    with (
        with_workspace(admin.workspace.id),
        acting_as(SYSTEM),
        django_capture_on_commit_callbacks(execute=True),
    ):
        delivery_redeliver(delivery=delivery)
    receiver.wait_for(2)
    statuses = sorted(
        WebhookDeliveryAttempt.all_workspaces.filter(delivery=delivery).values_list(
            "response_status", flat=True
        )
    )
    assert statuses == [200, 500]

    staff = UserFactory(email="support@leadiosa.test", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(staff)
    page = client.get(reverse("admin:webhooks_webhookdelivery_change", args=[delivery.pk])).content.decode()
    assert "x-trace: abc123" in page and "E" * 100 in page and "TAIL" not in page
    signature = first_request.headers["webhook-signature"]
    stored = WebhookEndpoint.all_workspaces.get(workspace=admin.workspace)
    for secret_value in (secret, signature, stored.secret_encrypted, "s3cret"):
        assert secret_value not in page


def test_a_refused_connection_is_logged_with_its_error(
    admin, eager_tasks, django_capture_on_commit_callbacks, settings
):
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    admin.api.post("webhooks", {"url": f"http://127.0.0.1:{port}/in", "events": ["contact.created"]})
    with django_capture_on_commit_callbacks(execute=True):
        admin.api.post("contacts", {"email": "bob@example.com"})
    [attempt] = WebhookDeliveryAttempt.all_workspaces.filter(workspace=admin.workspace)
    assert attempt.response_status is None and attempt.error.startswith("connection failed")
