"""A real SMTP server (aiosmtpd) on a local port, and helpers that deliver the MIME samples of
tests/fixtures/mail/ to a workspace's inbound URL the way a mail provider does."""

from __future__ import annotations

import socket
import threading
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.test import Client

from apps.channels_email.addresses import inbound_url

MAIL = Path(__file__).resolve().parents[1] / "fixtures" / "mail"


def sample(name: str, **substitutions: str) -> bytes:
    raw = (MAIL / name).read_bytes()
    for key, value in substitutions.items():
        raw = raw.replace(("{{" + key + "}}").encode(), value.encode())
    return raw


def deliver(workspace_id: str, raw: bytes, content_type: str = "message/rfc822"):
    path = inbound_url(workspace_id).split("://", 1)[1].split("/", 1)[1]
    return Client().post("/" + path, raw, content_type=content_type)


class _Collect:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        with self.lock:
            self.messages.append(
                {
                    "mail_from": envelope.mail_from,
                    "rcpt_tos": list(envelope.rcpt_tos),
                    "message": message_from_bytes(envelope.content, policy=policy.default),
                }
            )
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """Replies go to this server: `smtp_server.messages` lists what it received."""
    handler = _Collect()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture
def smtp_down(settings):
    """SMTP settings naming a port nothing listens on."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = _free_port()
    settings.EMAIL_TIMEOUT = 2


# The widget's live updates ---------------------------------------------------------------------------
#
# A long poll waits only when this process's Redis subscriber is subscribed; on a loaded machine it may
# take longer than the two seconds the first poll gives it, and that poll would then answer at once (by
# design). Tests of the waiting start with the subscriber ready instead of racing it.

# How long a poll asked to wait `LONG` seconds takes at least when it does wait (the jitter takes off up
# to 15 %); a poll meant to answer at once must answer well under it, however loaded the machine.
LONG = 10
AT_ONCE = 0.8 * LONG


@pytest.fixture
def live_hub():
    from apps.channels_widget import live

    assert live.hub.start(timeout=30), "the widget's Redis subscriber did not subscribe within 30 s"
    return live.hub


def drain_notifications(timeout: float = 30) -> None:
    """Return once every notification published so far has reached this process's subscriber: Redis
    delivers one channel's messages in order, so a sentinel published now arrives after all of them."""
    import uuid

    from apps.channels_widget import live

    sentinel = f"sentinel-{uuid.uuid4().hex}"
    with live.hub.watch(sentinel) as arrived:
        assert arrived is not None, "the widget's Redis subscriber is not subscribed"
        live.publish(sentinel)
        assert arrived.wait(timeout), "a notification took more than 30 s to arrive"


@pytest.fixture
def shop(owner, workspace):
    """The workspace with the widget allowed on the shop's origin (SHOP). A module that needs more of it
    (the assistant off) defines its own."""
    from tests.channels.test_widget_public_api import SHOP

    assert owner.api.patch("widget", {"allowed_origins": [SHOP]}).status_code == 200
    return workspace
