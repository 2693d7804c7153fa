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
