import pytest

from .receiver import Receiver


@pytest.fixture
def receiver():
    server = Receiver().start()
    yield server
    server.stop()


@pytest.fixture
def local_delivery(settings):
    """Deliveries may reach the receiver on 127.0.0.1 (as development settings allow)."""
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
    return settings


@pytest.fixture
def public_dns(monkeypatch):
    """A fake resolver: names map to the addresses a test chooses (no network needed)."""
    from apps.webhooks import network

    answers: dict[str, list[str]] = {"hooks.example.com": ["93.184.216.34"]}

    def resolve(hostname, port):
        import ipaddress

        if hostname not in answers:
            raise OSError(f"no such host {hostname}")
        return [ipaddress.ip_address(a) for a in answers[hostname]]

    monkeypatch.setattr(network, "resolve", resolve)
    return answers


@pytest.fixture
def broker(redis_url):
    """The test process sends tasks to Redis (not in-process), so a real worker runs them."""
    from config.celery import app

    from .workers import purge_broker

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    purge_broker()
    yield redis_url
    app.conf.task_always_eager = eager


@pytest.fixture
def start_worker(broker, tmp_path):
    from .workers import CeleryWorker

    started = []

    def start(name="w"):
        worker = CeleryWorker(broker, tmp_path, name).start()
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()
