"""Delivery to a real HTTP receiver on 127.0.0.1, attempted in-process: signature, retries, faults."""

import json
import threading
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from standardwebhooks import Webhook

from apps.webhooks import network
from apps.webhooks.delivery import attempt_delivery
from apps.webhooks.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from apps.webhooks.outcomes import RETRY_DELAYS
from apps.webhooks.tasks import deliver_webhook
from leadiosa.tenancy import with_workspace
from tests.conftest import make_persona

from .factories import make_endpoint
from .helpers import emit_contact_event
from .receiver import Answer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("local_delivery")]


def _attempt(delivery: WebhookDelivery) -> WebhookDelivery:
    with with_workspace(delivery.workspace_id):
        attempt_delivery(delivery.id)
    delivery.refresh_from_db()
    return delivery


def _make_due(delivery: WebhookDelivery) -> None:
    """Let the retry's wait pass."""
    WebhookDelivery.all_workspaces.filter(id=delivery.id).update(next_attempt_at=timezone.now())


def _emit_one(workspace, receiver, **endpoint_fields):
    endpoint, secret = make_endpoint(workspace, url=receiver.url, **endpoint_fields)
    emit_contact_event(workspace.id, previous={"name": "Ada"})
    return endpoint, secret, WebhookDelivery.all_workspaces.get(endpoint=endpoint)


def test_a_delivery_is_signed_per_standard_webhooks_and_carries_the_event(workspace, receiver):
    endpoint, secret, delivery = _emit_one(workspace, receiver)
    delivery = _attempt(delivery)

    [request] = receiver.requests
    payload = Webhook(secret).verify(request.body, request.headers)
    event = WebhookEvent.all_workspaces.get()
    assert request.headers["webhook-id"] == event.id
    assert abs(int(request.headers["webhook-timestamp"]) - time.time()) < 5
    assert request.headers["content-type"] == "application/json"
    assert payload["id"] == event.id and payload["type"] == "contact.updated"
    assert payload["data"]["object"]["name"] == "Ada Lovelace"
    assert payload["data"]["previous_attributes"] == {"name": "Ada"}
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("succeeded", 1, 200)
    assert delivery.next_attempt_at is None and delivery.last_attempt_at is not None


def test_a_wrong_secret_does_not_verify(workspace, receiver):
    from standardwebhooks.webhooks import WebhookVerificationError

    _endpoint, _secret, delivery = _emit_one(workspace, receiver)
    _attempt(delivery)
    other_secret = make_endpoint(workspace)[1]
    with pytest.raises(WebhookVerificationError):
        Webhook(other_secret).verify(receiver.requests[0].body, receiver.requests[0].headers)


def test_during_a_rotation_both_secrets_verify_and_after_a_day_only_the_new_one(admin, receiver):
    created = admin.api.post("webhooks", {"url": receiver.url, "events": ["*"]}).json()
    rotated = admin.api.post(f"webhooks/{created['id']}/rotate-secret").json()
    emit_contact_event(admin.workspace.id)
    _attempt(WebhookDelivery.all_workspaces.get())
    request = receiver.requests[0]
    assert len(request.headers["webhook-signature"].split(" ")) == 2
    Webhook(created["secret"]).verify(request.body, request.headers)
    Webhook(rotated["secret"]).verify(request.body, request.headers)

    WebhookEndpoint.all_workspaces.filter(id=created["id"]).update(
        previous_secret_expires_at=timezone.now() - timedelta(seconds=1)
    )
    emit_contact_event(admin.workspace.id)
    _attempt(WebhookDelivery.all_workspaces.get(status="pending"))
    later = receiver.requests[1]
    assert len(later.headers["webhook-signature"].split(" ")) == 1
    Webhook(rotated["secret"]).verify(later.body, later.headers)
    from standardwebhooks.webhooks import WebhookVerificationError

    with pytest.raises(WebhookVerificationError):
        Webhook(created["secret"]).verify(later.body, later.headers)


def test_a_500_is_retried_after_5_seconds_with_the_same_webhook_id(workspace, receiver):
    receiver.script.append(Answer(status=500))
    _endpoint, secret, delivery = _emit_one(workspace, receiver)
    before = timezone.now()
    delivery = _attempt(delivery)
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("pending", 1, 500)
    assert timedelta(seconds=4) < delivery.next_attempt_at - before < timedelta(seconds=6)

    assert _attempt(delivery).attempts == 1  # not due yet: nothing sent
    assert len(receiver.requests) == 1
    _make_due(delivery)
    delivery = _attempt(delivery)
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("succeeded", 2, 200)
    first, second = receiver.requests
    assert first.headers["webhook-id"] == second.headers["webhook-id"]
    assert first.body == second.body
    Webhook(secret).verify(second.body, second.headers)


def test_retries_follow_the_schedule_then_give_up(workspace, receiver):
    receiver.default = Answer(status=502)
    _endpoint, _secret, delivery = _emit_one(workspace, receiver)
    waits = []
    for _ in range(len(RETRY_DELAYS)):
        before = timezone.now()
        delivery = _attempt(delivery)
        waits.append(round((delivery.next_attempt_at - before).total_seconds()))
        _make_due(delivery)
    assert waits == list(RETRY_DELAYS)
    delivery = _attempt(delivery)
    assert (delivery.status, delivery.attempts) == ("failed", len(RETRY_DELAYS) + 1)
    assert delivery.next_attempt_at is None
    assert len(receiver.requests) == 10


@pytest.mark.parametrize("code", [301, 302, 307, 308])
def test_a_redirect_is_a_failure_and_is_not_followed(workspace, receiver, code):
    receiver.script.append(Answer(status=code, headers={"Location": receiver.url + "/elsewhere"}))
    _endpoint, _secret, delivery = _emit_one(workspace, receiver)
    delivery = _attempt(delivery)
    assert (delivery.status, delivery.response_status) == ("pending", code)
    time.sleep(0.1)
    assert [r.path for r in receiver.requests] == ["/hooks"]


def test_410_disables_the_endpoint_and_notifies_admins(workspace, receiver):
    owner, admin_, agent = (make_persona(workspace, role) for role in ("owner", "admin", "agent"))
    receiver.script.append(Answer(status=410))
    endpoint, _secret, delivery = _emit_one(workspace, receiver)
    emit_contact_event(workspace.id)
    waiting = WebhookDelivery.all_workspaces.exclude(id=delivery.id).get()

    delivery = _attempt(delivery)
    endpoint.refresh_from_db()
    waiting.refresh_from_db()
    assert (delivery.status, delivery.response_status) == ("failed", 410)
    assert endpoint.status == "disabled" and "410" in endpoint.disabled_reason
    assert waiting.status == "failed"
    emit_contact_event(workspace.id)
    assert WebhookDelivery.all_workspaces.filter(status="pending").count() == 0
    assert len(receiver.requests) == 1


def test_disabling_emails_workspace_admins_and_owners_only(
    workspace, receiver, django_capture_on_commit_callbacks
):
    people = {role: make_persona(workspace, role) for role in ("owner", "admin", "agent")}
    receiver.script.append(Answer(status=410))
    endpoint, _secret, delivery = _emit_one(workspace, receiver)
    with django_capture_on_commit_callbacks(execute=True):
        _attempt(delivery)
    [message] = mail.outbox
    assert endpoint.id in message.subject
    assert sorted(message.to) == sorted(
        [people["owner"].member.user.email, people["admin"].member.user.email]
    )


def test_five_days_of_failure_disables_the_endpoint(workspace, receiver, django_capture_on_commit_callbacks):
    make_persona(workspace, "admin")
    receiver.default = Answer(status=500)
    endpoint, _secret, delivery = _emit_one(workspace, receiver)
    WebhookEndpoint.all_workspaces.filter(id=endpoint.id).update(
        failing_since=timezone.now() - timedelta(days=4, hours=23)
    )
    assert _attempt(delivery).status == "pending"
    endpoint.refresh_from_db()
    assert endpoint.status == "enabled"

    WebhookEndpoint.all_workspaces.filter(id=endpoint.id).update(
        failing_since=timezone.now() - timedelta(days=5, seconds=1)
    )
    _make_due(delivery)
    with django_capture_on_commit_callbacks(execute=True):
        assert _attempt(delivery).status == "failed"
    endpoint.refresh_from_db()
    assert endpoint.status == "disabled"
    assert len(mail.outbox) == 1 and "5 days" in mail.outbox[0].body


def test_a_success_ends_the_failure_run(workspace, receiver):
    receiver.script.append(Answer(status=500))
    endpoint, _secret, delivery = _emit_one(workspace, receiver)
    _attempt(delivery)
    endpoint.refresh_from_db()
    assert endpoint.failing_since is not None
    _make_due(delivery)
    _attempt(delivery)
    endpoint.refresh_from_db()
    assert endpoint.failing_since is None


@pytest.mark.parametrize(
    ("code", "retry_after", "expected"),
    [(429, "120", 120), (503, "7", 7), (503, None, 5), (500, "120", 5)],
)
def test_retry_after_is_honoured_on_429_and_503(workspace, receiver, code, retry_after, expected):
    receiver.script.append(Answer(status=code, headers={"Retry-After": retry_after} if retry_after else {}))
    _endpoint, _secret, delivery = _emit_one(workspace, receiver)
    before = timezone.now()
    delivery = _attempt(delivery)
    assert abs((delivery.next_attempt_at - before).total_seconds() - expected) < 1


def test_retry_after_as_an_http_date():
    from email.utils import formatdate

    assert 55 < network.parse_retry_after(formatdate(time.time() + 60, usegmt=True)) <= 60
    assert network.parse_retry_after("soon") is None


def test_a_receiver_that_does_not_answer_in_time_is_a_failure(workspace, receiver, monkeypatch):
    monkeypatch.setattr(network, "TIMEOUT_SECONDS", 0.3)
    monkeypatch.setattr(network, "_pool", network._ClientPool())
    release = threading.Event()
    receiver.script.append(Answer(hold=release))
    _endpoint, _secret, delivery = _emit_one(workspace, receiver)
    try:
        delivery = _attempt(delivery)
    finally:
        release.set()
    assert (delivery.status, delivery.last_error) == ("pending", "timed out")


def test_a_large_response_body_is_cut_off(workspace, receiver):
    receiver.default = Answer(body=b"x" * (5 * 1024 * 1024))
    _endpoint, _secret, delivery = _emit_one(workspace, receiver)
    assert _attempt(delivery).status == "succeeded"


def test_nothing_is_sent_to_a_disabled_endpoint(workspace, receiver):
    endpoint, _secret, delivery = _emit_one(workspace, receiver)
    WebhookEndpoint.all_workspaces.filter(id=endpoint.id).update(status="disabled")
    delivery = _attempt(delivery)
    assert (delivery.status, delivery.attempts) == ("failed", 0)
    assert receiver.requests == []


def test_an_unreachable_receiver_is_retried(workspace, receiver):
    receiver.stop()  # nothing listens on its port any more
    _endpoint, _secret, delivery = _emit_one(workspace, receiver)
    delivery = _attempt(delivery)
    assert delivery.status == "pending" and delivery.last_error.startswith("connection failed")
    assert delivery.response_status is None
    assert delivery.next_attempt_at > delivery.last_attempt_at


def test_the_test_endpoint_delivers_a_verifiable_webhook_test(
    eager_tasks, admin, receiver, django_capture_on_commit_callbacks
):
    created = admin.api.post("webhooks", {"url": receiver.url, "events": ["message.created"]}).json()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.api.post(f"webhooks/{created['id']}/test")
    assert response.status_code == 201
    assert response.json()["event_type"] == "webhook.test"
    [request] = receiver.requests
    payload = Webhook(created["secret"]).verify(request.body, request.headers)
    assert payload["type"] == "webhook.test"
    assert payload["data"]["object"]["id"] == created["id"]
    assert payload["workspace_id"] == admin.workspace.id
    listed = admin.api.get(f"webhooks/{created['id']}/deliveries").json()["data"]
    assert listed[0]["status"] == "succeeded" and listed[0]["attempts"] == 1
    assert "next_attempt_at" not in listed[0]


def test_the_task_delivers_after_commit(eager_tasks, workspace, receiver, django_capture_on_commit_callbacks):
    _endpoint, secret = make_endpoint(workspace, url=receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        emit_contact_event(workspace.id)
    [request] = receiver.requests
    Webhook(secret).verify(request.body, request.headers)
    assert WebhookDelivery.all_workspaces.get().status == "succeeded"
    assert deliver_webhook(workspace.id, WebhookDelivery.all_workspaces.get().id) is None  # done already
    assert json.loads(request.body)["data"]["object"]["email"] == "ada@example.com"


def _drain(endpoint, **kwargs):
    from apps.webhooks.delivery import drain_endpoint

    with with_workspace(endpoint.workspace_id):
        return drain_endpoint(endpoint.id, **kwargs)


def test_a_drain_delivers_an_endpoints_backlog_in_order_across_batches(workspace, receiver):
    endpoint, secret = make_endpoint(workspace, url=receiver.url)
    other, _ = make_endpoint(workspace, url=receiver.url + "/other")
    for index in range(5):
        emit_contact_event(workspace.id, name=f"Person {index}")
    assert _drain(endpoint, batch=2) == 5
    names = [Webhook(secret).verify(r.body, r.headers)["data"]["object"]["name"] for r in receiver.requests]
    assert names == [f"Person {index}" for index in range(5)]
    assert set(WebhookDelivery.all_workspaces.filter(endpoint=endpoint).values_list("status", flat=True)) == {
        "succeeded"
    }
    assert set(WebhookDelivery.all_workspaces.filter(endpoint=other).values_list("status", flat=True)) == {
        "pending"
    }


def test_a_drain_stops_at_a_410_and_fails_the_rest(workspace, receiver):
    endpoint, _secret = make_endpoint(workspace, url=receiver.url)
    receiver.script.extend([Answer(status=200), Answer(status=410)])
    for _ in range(4):
        emit_contact_event(workspace.id)
    _drain(endpoint)
    assert len(receiver.requests) == 2
    statuses = list(
        WebhookDelivery.all_workspaces.filter(endpoint=endpoint)
        .order_by("created_at", "id")
        .values_list("status", "attempts")
    )
    assert statuses == [("succeeded", 1), ("failed", 1), ("failed", 0), ("failed", 0)]


def test_a_drain_schedules_retries_for_failures_and_goes_on(workspace, receiver):
    endpoint, _secret = make_endpoint(workspace, url=receiver.url)
    receiver.script.extend([Answer(status=500), Answer(status=200)])
    for _ in range(2):
        emit_contact_event(workspace.id)
    _drain(endpoint)
    first, second = WebhookDelivery.all_workspaces.filter(endpoint=endpoint).order_by("created_at", "id")
    assert (first.status, first.response_status, first.attempts) == ("pending", 500, 1)
    assert first.next_attempt_at > timezone.now()
    assert (second.status, second.response_status) == ("succeeded", 200)


def test_a_drain_past_its_budget_hands_over_to_another_drain(eager_tasks, workspace, receiver):
    endpoint, _secret = make_endpoint(workspace, url=receiver.url)
    for _ in range(3):
        emit_contact_event(workspace.id)
    assert _drain(endpoint, budget=0) == 1  # then the next drain (run in-process here) does the rest
    assert len(receiver.requests) == 3
    assert WebhookDelivery.all_workspaces.filter(status="succeeded").count() == 3


def test_drain_requests_are_coalesced_until_the_drain_runs(workspace, receiver, monkeypatch):
    from apps.webhooks import queueing

    queued = []
    monkeypatch.setattr(queueing, "queue_drain", lambda ws, endpoint_id: queued.append(endpoint_id))
    endpoint, _secret = make_endpoint(workspace, url=receiver.url)
    queueing.request_drain(workspace.id, endpoint.id)
    queueing.request_drain(workspace.id, endpoint.id)
    assert queued == [endpoint.id]
    _drain(endpoint)
    queueing.request_drain(workspace.id, endpoint.id)
    assert queued == [endpoint.id, endpoint.id]
    _drain(endpoint)


def test_api_calls_on_conversations_produce_verified_deliveries_of_their_events(
    eager_tasks, admin, receiver, django_capture_on_commit_callbacks
):
    created = admin.api.post("webhooks", {"url": receiver.url, "events": ["*"]}).json()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.api.post(
            "conversations",
            {"contact": {"email": "lin@example.com", "name": "Lin"}, "message": {"body": "Hello there"}},
        )
    assert response.status_code == 201, response.content
    conversation = response.json()
    with django_capture_on_commit_callbacks(execute=True):
        note = admin.api.post(f"conversations/{conversation['id']}/notes", {"body": "VIP"}).json()
    payloads = [Webhook(created["secret"]).verify(r.body, r.headers) for r in receiver.requests]
    by_type = {p["type"]: p for p in payloads}
    assert {"contact.created", "conversation.created", "message.created", "note.created"} <= set(by_type)
    assert by_type["conversation.created"]["data"]["object"]["id"] == conversation["id"]
    assert by_type["message.created"]["data"]["object"]["body"] == "Hello there"
    assert by_type["note.created"]["data"]["object"] == note
    assert len({r.headers["webhook-id"] for r in receiver.requests}) == len(receiver.requests)
    assert all(p["workspace_id"] == admin.workspace.id for p in payloads)
