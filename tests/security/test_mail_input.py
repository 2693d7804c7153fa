"""The e-mail door takes whatever bytes a sender shapes: never a 500 (issue 15: the same class of defect
as part 1, found in the inbound e-mail channel). A NUL in a header or the body, or a multipart nested
past the interpreter's stack, used to crash with 500."""

from __future__ import annotations

import pytest

from apps.contacts.models import Contact
from apps.conversations.models import Conversation, Message
from tests.channels.conftest import deliver

pytestmark = pytest.mark.django_db

HEAD = b"From: %s\r\nTo: x@example.com\r\nSubject: %s\r\nMessage-ID: %s\r\n"


def mail(
    *, sender=b"zelda@example.com", subject=b"hi", message_id=b"<m1@example.com>", extra=b"", body=b"hello"
):
    return HEAD % (sender, subject, message_id) + extra + b"\r\n" + body + b"\r\n"


@pytest.mark.parametrize(
    ("raw", "body_has"),
    [
        (mail(body=b"hel\x00lo"), "hello"),
        (mail(subject=b"h\x00i"), "hello"),
        (mail(sender=b'"Zel\x00da" <zelda@example.com>'), "hello"),
        (mail(message_id=b"<a\x00b@example.com>"), "hello"),
        (
            mail(
                extra=b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n",
                body=b"hel=00lo =ED=A0=80",
            ),
            "hello",
        ),
        (
            mail(extra=b"Content-Type: text/plain; charset=nonexistent-charset\r\n", body=b"hel\x00lo"),
            "hello",
        ),
    ],
)
def test_nul_and_undecodable_text_is_stored_without_it(workspace, agent, raw, body_has):
    response = deliver(workspace.id, raw)
    assert response.status_code == 202, response.content
    message = Message.objects.for_workspace(workspace.id).get()
    assert body_has in message.body and "\x00" not in message.body
    contact = Contact.objects.for_workspace(workspace.id).get()
    assert contact.email == "zelda@example.com"
    conversation = Conversation.objects.for_workspace(workspace.id).get()
    assert "\x00" not in (conversation.subject or "")


def test_a_multipart_nested_past_the_stack_is_a_400_not_a_500(workspace):
    nested = b"".join(
        b"Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n" % (i, i) for i in range(2000)
    )
    raw = HEAD % (b"zelda@example.com", b"hi", b"<deep@example.com>") + b"MIME-Version: 1.0\r\n" + nested
    response = deliver(workspace.id, raw + b"Content-Type: text/plain\r\n\r\nhi\r\n")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_request"
    assert response.json()["error"]["request_id"] == response["X-Request-Id"]
    assert not Message.objects.for_workspace(workspace.id).exists()
