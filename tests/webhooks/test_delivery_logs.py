"""The worker's logs name an endpoint by its id and host, never by its URL: a URL can carry a token in
its path or query (`https://hooks.example.com/in/<secret>?token=…`), and logs are kept and shipped
where a workspace's credentials must not go."""

import logging
import time

import pytest
from django.core import mail

from apps.webhooks.delivery import attempt_delivery
from apps.webhooks.models import WebhookDelivery
from leadiosa.logging import JsonFormatter
from leadiosa.tenancy import with_workspace
from tests.conftest import make_persona

from .factories import make_endpoint
from .helpers import emit_contact_event
from .receiver import Answer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("local_delivery")]

TOKEN = "tok3n-in-the-url-8f2d9c"


class Recorder(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.setFormatter(JsonFormatter())
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))


@pytest.fixture
def worker_log():
    """Everything the webhooks code logs, formatted as the JSON log lines it writes."""
    recorder = Recorder()
    logger = logging.getLogger("apps.webhooks")
    logger.addHandler(recorder)
    previous = logger.level
    logger.setLevel(logging.DEBUG)
    yield recorder.lines
    logger.removeHandler(recorder)
    logger.setLevel(previous)


@pytest.mark.parametrize("status", [500, 410])
def test_failed_deliveries_log_the_host_never_the_url(workspace, receiver, worker_log, status):
    make_persona(workspace, "admin")  # someone to e-mail when the endpoint is disabled
    receiver.script.append(Answer(status=status))
    url = f"{receiver.url}/{TOKEN}?token={TOKEN}"
    make_endpoint(workspace, url=url)
    emit_contact_event(workspace.id)
    delivery = WebhookDelivery.all_workspaces.get()
    with with_workspace(workspace.id):
        attempt_delivery(delivery.id)

    assert worker_log, "a failed delivery is logged"
    assert any('"host": "127.0.0.1"' in line for line in worker_log)
    assert not [line for line in worker_log if TOKEN in line]
    for message in mail.outbox:  # the disabled-endpoint e-mail (printed to the log in development)
        assert TOKEN not in message.body and "127.0.0.1" in message.body


def test_an_unexpected_delivery_error_logs_the_host_never_the_url(workspace, worker_log, monkeypatch):
    from apps.webhooks import network

    def explode(url, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(network, "post", explode)
    make_endpoint(workspace, url=f"https://hooks.example.com/in/{TOKEN}")
    emit_contact_event(workspace.id)
    with with_workspace(workspace.id):
        attempt_delivery(WebhookDelivery.all_workspaces.get().id)
    assert any('"host": "hooks.example.com"' in line for line in worker_log)
    assert not [line for line in worker_log if TOKEN in line]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_workers_log_never_holds_an_endpoints_url(workspace, receiver, start_worker):
    """The worker process configures logging itself (Celery's root logger at INFO): its whole log file,
    every library's lines included (httpx logs each request's URL at INFO), must not hold the URL."""
    receiver.script.append(Answer(status=500))  # a failure, so our own delivery log has a line too
    make_endpoint(workspace, url=f"{receiver.url}/{TOKEN}?token={TOKEN}")
    worker = start_worker("logs")
    emit_contact_event(workspace.id)
    receiver.wait_for(1)
    deadline = time.monotonic() + 15
    while "webhook delivery failed" not in worker.log_path.read_text():
        assert time.monotonic() < deadline, worker.log_path.read_text()[-3000:]
        time.sleep(0.1)
    text = worker.log_path.read_text()
    assert TOKEN not in text
    assert '"host": "127.0.0.1"' in text
