"""The SSRF guard: non-public destinations are refused at creation and at delivery."""

import ipaddress

import pytest

from apps.webhooks import network
from apps.webhooks.delivery import attempt_delivery
from apps.webhooks.models import WebhookDelivery, WebhookEndpoint
from leadiosa.tenancy import with_workspace

from .factories import make_endpoint

BLOCKED = [
    "127.0.0.1",
    "127.255.255.254",
    "10.0.0.1",
    "10.255.255.255",
    "172.16.0.1",
    "172.31.255.254",
    "192.168.0.1",
    "192.168.255.255",
    "169.254.169.254",
    "169.254.1.1",
    "100.64.0.1",
    "100.127.255.254",
    "0.0.0.0",  # noqa: S104 - an address under test, nothing binds to it
    "224.0.1.1",
    "239.255.255.250",
    "255.255.255.255",
    "240.0.0.1",
    "198.18.0.1",
    "192.0.0.170",
    "::1",
    "::",
    "fc00::1",
    "fd12:3456::1",
    "fe80::1",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "::ffff:169.254.169.254",
    "::127.0.0.1",
    "2002:7f00:1::1",  # 6to4 wrapping 127.0.0.1
    "2002:a00:1::1",  # 6to4 wrapping 10.0.0.1
    "64:ff9b::a9fe:a9fe",  # NAT64 wrapping 169.254.169.254
    "2001:db8::1",
    "fd00:ec2::254",
]
PUBLIC = ["93.184.216.34", "8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8", "172.32.0.1"]


@pytest.mark.parametrize("address", BLOCKED)
def test_non_public_addresses_are_refused(address):
    assert network.is_public_address(ipaddress.ip_address(address)) is False


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_are_allowed(address):
    assert network.is_public_address(ipaddress.ip_address(address)) is True


def _url_for(address: str) -> str:
    host = f"[{address}]" if ":" in address else address
    return f"https://{host}/hook"


ISSUE_RANGES = [
    "127.0.0.1",
    "10.1.2.3",
    "172.16.5.4",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "::1",
    "fc00::1",
    "::ffff:127.0.0.1",
]


@pytest.mark.django_db
@pytest.mark.parametrize("address", ISSUE_RANGES)
def test_creation_refuses_a_url_with_a_non_public_address(admin, address):
    response = admin.api.post("webhooks", {"url": _url_for(address), "events": ["*"]})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_webhook_url"
    assert response.json()["error"]["param"] == "url"
    assert not WebhookEndpoint.all_workspaces.exists()


@pytest.mark.django_db
def test_creation_refuses_a_hostname_resolving_to_a_private_address(admin, public_dns):
    public_dns["intranet.example.com"] = ["10.0.0.7"]
    public_dns["mixed.example.com"] = ["93.184.216.34", "192.168.1.10"]
    for host in ("intranet.example.com", "mixed.example.com"):
        response = admin.api.post("webhooks", {"url": f"https://{host}/hook", "events": ["*"]})
        assert response.status_code == 400, host
        assert response.json()["error"]["code"] == "invalid_webhook_url"


@pytest.mark.django_db
def test_creation_refuses_localhost_resolved_by_the_real_resolver(admin):
    response = admin.api.post("webhooks", {"url": "https://localhost/hook", "events": ["*"]})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_webhook_url"


@pytest.mark.django_db
def test_creation_accepts_a_public_hostname_and_an_unresolvable_one(admin, public_dns):
    assert (
        admin.api.post("webhooks", {"url": "https://hooks.example.com/a", "events": ["*"]}).status_code == 201
    )
    # No answer right now is not proof of a private address; each delivery resolves and checks again.
    assert (
        admin.api.post("webhooks", {"url": "https://not-yet.example.com/", "events": ["*"]}).status_code
        == 201
    )


@pytest.mark.django_db
def test_development_settings_allow_a_local_http_receiver(admin, local_delivery):
    response = admin.api.post("webhooks", {"url": "http://127.0.0.1:8001/hook", "events": ["*"]})
    assert response.status_code == 201


def _pending_delivery(workspace, url):
    from django.utils import timezone

    from apps.webhooks.models import WebhookEvent

    endpoint, _ = make_endpoint(workspace, url=url)
    event = WebhookEvent.all_workspaces.create(workspace=workspace, type="webhook.test", body="{}")
    return WebhookDelivery.all_workspaces.create(
        workspace=workspace,
        endpoint=endpoint,
        event=event,
        event_type=event.type,
        next_attempt_at=timezone.now(),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("address", ISSUE_RANGES)
def test_delivery_refuses_a_non_public_address_without_connecting(workspace, receiver, address):
    delivery = _pending_delivery(
        workspace, _url_for(address).replace("/hook", f":{receiver.server.server_address[1]}/hook")
    )
    with with_workspace(workspace.id):
        assert attempt_delivery(delivery.id) == "pending"
    delivery.refresh_from_db()
    assert delivery.attempts == 1
    assert delivery.response_status is None
    assert delivery.last_error.startswith("refused")
    assert receiver.requests == []


@pytest.mark.django_db
def test_delivery_resolves_again_and_refuses_a_name_rebound_to_a_private_address(
    workspace, receiver, public_dns
):
    """DNS rebinding: public when the endpoint was created, loopback when the delivery runs."""
    port = receiver.server.server_address[1]
    delivery = _pending_delivery(workspace, f"http://rebind.example.com:{port}/hook")
    public_dns["rebind.example.com"] = ["127.0.0.1"]
    with with_workspace(workspace.id):
        attempt_delivery(delivery.id)
    delivery.refresh_from_db()
    assert delivery.last_error.startswith("refused")
    assert receiver.requests == []


@pytest.mark.django_db
def test_delivery_connects_to_the_checked_address_with_the_hostname_in_host(
    workspace, receiver, public_dns, local_delivery
):
    port = receiver.server.server_address[1]
    public_dns["receiver.example.com"] = ["127.0.0.1"]
    delivery = _pending_delivery(workspace, f"http://receiver.example.com:{port}/hook?x=1")
    with with_workspace(workspace.id):
        assert attempt_delivery(delivery.id) == "succeeded"
    [request] = receiver.requests
    assert request.headers["host"] == f"receiver.example.com:{port}"
    assert request.path == "/hook?x=1"


def test_https_delivery_sets_sni_to_the_hostname_while_connecting_to_the_ip(monkeypatch, public_dns):
    seen = {}

    class Recorder:
        def stream(self, method, url, *, content, headers, extensions):
            seen.update(url=url, headers=headers, extensions=extensions)
            raise network.httpx.ConnectError("stop here")

    monkeypatch.setattr(network._pool, "get", lambda key: Recorder())
    with pytest.raises(network.httpx.ConnectError):
        network.post("https://hooks.example.com/in", headers={}, body=b"{}")
    assert seen["url"] == "https://93.184.216.34:443/in"
    assert seen["headers"]["Host"] == "hooks.example.com"
    assert seen["extensions"] == {"sni_hostname": "hooks.example.com"}


def test_an_international_host_name_is_used_in_its_ascii_form(public_dns):
    target = network.parse_url("https://bücher.example/hook")
    assert target.hostname == "xn--bcher-kva.example"
    assert target.host_header == "xn--bcher-kva.example"
    with pytest.raises(network.UnsafeWebhookUrl):
        network.parse_url("https://" + "a" * 64 + ".example/hook")
