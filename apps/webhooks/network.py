"""The SSRF guard and the one HTTP call a delivery makes.

Outside development a webhook URL must be https and every delivery connects only to addresses it has
just resolved and checked: the request goes to the checked IP itself (the Host header and TLS SNI carry
the hostname, and the certificate is verified against it), so DNS cannot rebind between check and
connect. Redirects are never followed, the wait is bounded, and at most 64 KiB of the answer is read.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit, urlunsplit

import httpx
from django.conf import settings

TIMEOUT_SECONDS = 15.0
MAX_RESPONSE_BYTES = 64 * 1024
MAX_ADDRESSES_TRIED = 3

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Ranges refused on top of what `ipaddress` already calls non-global (private, loopback, link-local,
# reserved, unspecified): shared/CGNAT space, multicast, benchmarking, the cloud metadata addresses.
_BLOCKED_NETWORKS = tuple(
    ipaddress.ip_network(n)
    for n in (
        "0.0.0.0/8",
        "10.0.0.0/8",
        "100.64.0.0/10",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "172.16.0.0/12",
        "192.0.0.0/24",
        "192.0.2.0/24",
        "192.168.0.0/16",
        "198.18.0.0/15",
        "198.51.100.0/24",
        "203.0.113.0/24",
        "224.0.0.0/4",
        "240.0.0.0/4",
        "::/128",
        "::1/128",
        "::/96",  # IPv4-compatible (deprecated)
        "100::/64",
        "2001:db8::/32",
        "fc00::/7",
        "fe80::/10",
        "fec0::/10",
        "ff00::/8",
        "fd00:ec2::254/128",  # AWS metadata over IPv6
    )
)
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


class UnsafeWebhookUrl(ValueError):
    """The URL, or an address it resolves to, is not allowed as a webhook destination."""


class ResolutionFailed(OSError):
    """The destination's name did not resolve (a delivery failure, retried later)."""


def private_networks_allowed() -> bool:
    return bool(getattr(settings, "WEBHOOKS_ALLOW_PRIVATE_NETWORKS", False))


def is_public_address(ip: IPAddress) -> bool:
    """True only for a globally routable unicast address, looking through IPv6 embeddings of IPv4."""
    if ip.version == 6:
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and any(ip in net for net in _NAT64):
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return is_public_address(embedded)
        if ip.teredo is not None:
            return all(is_public_address(part) for part in ip.teredo)
    if any(ip in net for net in _BLOCKED_NETWORKS):
        return False
    return ip.is_global and not (
        ip.is_multicast or ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved
    )


@dataclass(frozen=True)
class Target:
    scheme: str
    hostname: str  # lower-case, IPv6 without brackets
    port: int
    host_header: str
    path_and_query: str
    literal_ip: IPAddress | None


def parse_url(url: str) -> Target:
    """Syntax and scheme checks (no DNS)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise UnsafeWebhookUrl("The URL is not valid.") from None
    allowed_schemes = {"https", "http"} if private_networks_allowed() else {"https"}
    if parts.scheme not in allowed_schemes:
        raise UnsafeWebhookUrl("The URL must use https.")
    if not parts.hostname:
        raise UnsafeWebhookUrl("The URL needs a host.")
    if parts.username is not None or parts.password is not None:
        raise UnsafeWebhookUrl("The URL must not carry credentials.")
    try:
        # The ASCII (IDNA) form is what DNS, the Host header and TLS SNI all use.
        hostname = parts.hostname.lower().rstrip(".").encode("idna").decode("ascii")
    except UnicodeError:
        raise UnsafeWebhookUrl("The URL's host name is not valid.") from None
    try:
        literal = ipaddress.ip_address(hostname)
    except ValueError:
        literal = None
    default_port = 443 if parts.scheme == "https" else 80
    shown = f"[{hostname}]" if literal is not None and literal.version == 6 else hostname
    return Target(
        scheme=parts.scheme,
        hostname=hostname,
        port=port or default_port,
        host_header=shown if port in (None, default_port) else f"{shown}:{port}",
        path_and_query=urlunsplit(("", "", parts.path or "/", parts.query, "")),
        literal_ip=literal,
    )


def resolve(hostname: str, port: int) -> list[IPAddress]:
    """Every address the name resolves to (tests replace this to play DNS)."""
    infos = socket.getaddrinfo(hostname, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    seen: dict[str, IPAddress] = {}
    for _family, _type, _proto, _canon, sockaddr in infos:
        address = str(sockaddr[0]).split("%", 1)[0]  # drop an IPv6 zone id
        seen.setdefault(address, ipaddress.ip_address(address))
    return list(seen.values())


def checked_addresses(target: Target) -> list[IPAddress]:
    """Resolve now and check every address: one non-public answer refuses the whole name."""
    if target.literal_ip is not None:
        addresses = [target.literal_ip]
    else:
        try:
            addresses = resolve(target.hostname, target.port)
        except (OSError, UnicodeError) as exc:
            raise ResolutionFailed(f"{target.hostname} could not be resolved.") from exc
    if not addresses:
        raise ResolutionFailed(f"{target.hostname} has no address.")
    if not private_networks_allowed():
        for address in addresses:
            if not is_public_address(address):
                raise UnsafeWebhookUrl("The URL points to a private or reserved network address.")
    return addresses


def validate_endpoint_url(url: str) -> None:
    """At creation: refuse a URL that is not https (outside development) or points to a non-public address.

    A name that does not resolve right now is accepted; every delivery resolves and checks again.
    """
    target = parse_url(url)
    with contextlib.suppress(ResolutionFailed):
        checked_addresses(target)


LOGGED_BODY_BYTES = 4 * 1024  # what the attempt log keeps of an answer's body


@dataclass(frozen=True)
class HttpOutcome:
    status: int
    retry_after: float | None  # seconds, from a Retry-After header
    headers: tuple[tuple[str, str], ...] = ()  # the answer's headers, for the attempt log
    body: bytes = b""  # the first LOGGED_BODY_BYTES of the answer's body, for the attempt log


def parse_retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None or when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - time.time())


class _ClientPool:
    """Keep-alive clients, one per destination hostname, so a TLS session set up with one name's SNI is
    never reused for another name that happens to share its address."""

    def __init__(self, size: int = 128):
        self.size = size
        self.clients: OrderedDict[tuple, httpx.Client] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple) -> httpx.Client:
        with self.lock:
            client = self.clients.pop(key, None)
            if client is None:
                client = httpx.Client(
                    follow_redirects=False,
                    trust_env=False,  # never through an environment proxy: we chose the address
                    timeout=httpx.Timeout(TIMEOUT_SECONDS),
                    limits=httpx.Limits(max_connections=20, max_keepalive_connections=10),
                )
            self.clients[key] = client
            while len(self.clients) > self.size:
                _, old = self.clients.popitem(last=False)
                old.close()
            return client


_pool = _ClientPool()


def post(url: str, *, headers: dict[str, str], body: bytes) -> HttpOutcome:
    """POST to a checked address of `url`. Raises UnsafeWebhookUrl, ResolutionFailed or httpx errors."""
    target = parse_url(url)
    addresses = checked_addresses(target)
    client = _pool.get((target.scheme, target.hostname, target.port))
    deadline = time.monotonic() + TIMEOUT_SECONDS
    last_error: Exception | None = None
    for address in addresses[:MAX_ADDRESSES_TRIED]:
        host = f"[{address}]" if address.version == 6 else str(address)
        request_url = f"{target.scheme}://{host}:{target.port}{target.path_and_query}"
        extensions = {}
        if target.scheme == "https" and target.literal_ip is None:
            extensions["sni_hostname"] = target.hostname
        try:
            with client.stream(
                "POST",
                request_url,
                content=body,
                headers={**headers, "Host": target.host_header},
                extensions=extensions,
            ) as response:
                received = 0
                head = b""
                for chunk in response.iter_raw():
                    received += len(chunk)
                    if len(head) < LOGGED_BODY_BYTES:
                        head += chunk[: LOGGED_BODY_BYTES - len(head)]
                    if received >= MAX_RESPONSE_BYTES or time.monotonic() > deadline:
                        break
                return HttpOutcome(
                    status=response.status_code,
                    retry_after=parse_retry_after(response.headers.get("retry-after")),
                    headers=tuple(response.headers.items()),
                    body=head,
                )
        except httpx.ConnectError as exc:  # try the next checked address
            last_error = exc
            if time.monotonic() > deadline:
                break
    assert last_error is not None
    raise last_error
