"""The visitor credential as a cookie: HttpOnly, Secure, SameSite=None, Partitioned (CHIPS), scoped to the
workspace's /widget/v1/<key>/ path; honoured on the frame's own requests alone (a host page's script
cannot act with it); the X-Widget-Visitor header stays the fallback; erasing the contact makes the
cookie worthless."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from apps.channels_widget.keys import public_key
from apps.channels_widget.visitors import COOKIE, COOKIE_MAX_AGE
from tests.channels.test_widget_identity import rotate, sign
from tests.channels.test_widget_public_api import SHOP, Visitor

pytestmark = pytest.mark.django_db


@pytest.fixture
def product_origin(settings):
    settings.PUBLIC_BASE_URL = "http://testserver"
    return "http://testserver"


def set_cookie_header(response) -> str:
    """The Set-Cookie line as the WSGI handler sends it (django.core.handlers.wsgi: morsel.output)."""
    return response.cookies[COOKIE].output(header="").strip()


def attributes(header: str) -> dict[str, str]:
    parts = [part.strip() for part in header.split(";")]
    return {part.split("=", 1)[0].lower(): (part.split("=", 1) + [""])[1] for part in parts[1:]}


def frame_client(workspace_id: str) -> tuple[Client, str]:
    """The frame: requests with no Origin (a same-origin GET) and only the cookie, no header."""
    return Client(), f"/widget/v1/{public_key(workspace_id)}"


def start(client: Client, base: str, body: str, **headers):
    response = client.post(
        base + "/conversations", json.dumps({"body": body}), content_type="application/json", headers=headers
    )
    assert response.status_code == 201, response.content
    return response


def test_starting_a_conversation_sets_the_credential_cookie_with_every_attribute(shop):
    client, base = frame_client(shop.id)
    response = start(client, base, "Hello")
    header = set_cookie_header(response)
    name, value = header.split(";")[0].split("=", 1)
    assert (name, value) == (COOKIE, response.json()["visitor"])  # the signed credential itself
    found = attributes(header)
    assert {"httponly", "secure", "partitioned"} <= found.keys()
    assert found["samesite"] == "None"
    assert found["path"] == f"/widget/v1/{public_key(shop.id)}/"
    assert found["max-age"] == str(COOKIE_MAX_AGE)
    assert COOKIE_MAX_AGE <= 400 * 24 * 3600  # browsers cap a cookie's life at 400 days
    assert "domain" not in found  # host-only: the product's own host


def test_the_cookie_alone_reads_and_writes_the_visitors_conversations(shop, agent, product_origin):
    client, base = frame_client(shop.id)
    conversation_id = start(client, base, "Do you ship to Norway?").json()["conversation"]["id"]
    # No X-Widget-Visitor header: the cookie the test client kept is the credential.
    listed = client.get(base + "/conversations")
    assert [c["id"] for c in listed.json()["data"]] == [conversation_id]
    assert COOKIE in listed.cookies  # each visit moves the expiry on
    thread = client.get(f"{base}/conversations/{conversation_id}/messages")
    assert thread.status_code == 200
    assert [m["body"] for m in thread.json()["data"]] == ["Do you ship to Norway?"]
    # A POST from the frame carries the product's own Origin.
    wrote = client.post(
        f"{base}/conversations/{conversation_id}/messages",
        json.dumps({"body": "And to Iceland?"}),
        content_type="application/json",
        headers={"Origin": product_origin, "Sec-Fetch-Site": "same-origin"},
    )
    assert wrote.status_code == 201, wrote.content
    # A second conversation by the same cookie is the same contact's, under the same credential.
    again = start(client, base, "Another question").json()
    contact_of = lambda c: agent.api.get(f"conversations/{c}").json()["contact_id"]  # noqa: E731
    assert contact_of(again["conversation"]["id"]) == contact_of(conversation_id)
    assert again["visitor"] == listed.cookies[COOKIE].value


def test_a_host_pages_request_cannot_use_the_cookie(shop, product_origin):
    client, base = frame_client(shop.id)
    conversation_id = start(client, base, "Private").json()["conversation"]["id"]
    path = f"{base}/conversations/{conversation_id}/messages"
    # The same browser's cookie, sent by a script of the (allowed) host page, or cross-site: no visitor.
    assert client.get(path, headers={"Origin": SHOP}).status_code == 404
    assert client.get(path, headers={"Sec-Fetch-Site": "cross-site"}).status_code == 404
    assert client.get(base + "/conversations", headers={"Origin": SHOP}).json() == {"data": []}
    # The frame's own requests: yes.
    assert client.get(path, headers={"Sec-Fetch-Site": "same-origin"}).status_code == 200
    assert client.get(path, headers={"Origin": product_origin}).status_code == 200


def test_the_header_is_the_fallback_where_cookies_are_blocked(shop):
    cookie_less = Visitor(shop.id)  # keeps the credential from the JSON, like the frame's storage
    conversation_id = cookie_less.start("Hello")["conversation"]["id"]
    cookie_less.client.cookies.clear()
    response = cookie_less.get(f"/conversations/{conversation_id}/messages")
    assert response.status_code == 200
    # When both come, the header wins: another visitor's header over this cookie is that visitor.
    client, base = frame_client(shop.id)
    start(client, base, "Mine")
    other = client.get(base + "/conversations", headers={"X-Widget-Visitor": cookie_less.credential})
    assert [c["id"] for c in other.json()["data"]] == [conversation_id]


def test_a_forged_or_foreign_cookie_is_no_visitor(shop, other_workspace):
    client, base = frame_client(shop.id)
    conversation_id = start(client, base, "Hello").json()["conversation"]["id"]
    genuine = client.cookies[COOKIE].value
    for value in (genuine[:-2] + "xx", "nonsense", ""):
        forged = Client()
        forged.cookies[COOKIE] = value
        assert forged.get(f"{base}/conversations/{conversation_id}/messages").status_code == 404
    # Another workspace's frame with this workspace's cookie: nobody there.
    elsewhere = Client()
    elsewhere.cookies[COOKIE] = genuine
    assert elsewhere.get(f"/widget/v1/{public_key(other_workspace.id)}/conversations").json() == {"data": []}


def test_erasing_the_contact_makes_the_cookie_worthless(shop, admin):
    client, base = frame_client(shop.id)
    conversation_id = start(client, base, "Erase me").json()["conversation"]["id"]
    contact_id = admin.api.get(f"conversations/{conversation_id}").json()["contact_id"]
    assert admin.api.delete(f"contacts/{contact_id}").status_code == 204
    assert client.get(f"{base}/conversations/{conversation_id}/messages").status_code == 404
    assert client.get(base + "/conversations").json() == {"data": []}
    # Its next message makes a new, empty visitor: nothing of the erased one comes back.
    fresh = start(client, base, "Hello again").json()
    assert [m["body"] for m in fresh["messages"]] == ["Hello again"]
    listed = client.get(base + "/conversations").json()["data"]
    assert [c["id"] for c in listed] == [fresh["conversation"]["id"]]


def test_identify_sets_a_verified_cookie_and_sign_out_drops_only_that(shop, owner):
    secret = rotate(owner)
    client, base = frame_client(shop.id)
    start(client, base, "Anonymous first")
    anonymous = client.cookies[COOKIE].value
    # Signing out with an anonymous cookie keeps it (the frame asks whenever it cannot tell).
    kept = client.post(base + "/sign-out", "{}", content_type="application/json")
    assert kept.status_code == 204 and COOKIE not in kept.cookies
    identified = client.post(
        base + "/identify",
        json.dumps({"email": "ada@example.com", "user_hash": sign(secret, "ada@example.com")}),
        content_type="application/json",
    )
    assert identified.status_code == 200
    assert identified.cookies[COOKIE].value == identified.json()["visitor"] != anonymous
    assert "partitioned" in attributes(set_cookie_header(identified))
    start(client, base, "As Ada")
    assert client.get(base + "/conversations").json()["data"]  # the cookie is Ada's visitor
    dropped = client.post(base + "/sign-out", "{}", content_type="application/json")
    assert dropped.status_code == 204
    deletion = attributes(set_cookie_header(dropped))
    assert deletion["max-age"] == "0" and "partitioned" in deletion  # deleted in its partition
    assert dropped.cookies[COOKIE].value == ""
    assert client.get(base + "/conversations").json() == {"data": []}


def test_a_failed_identify_drops_a_verified_cookie_and_keeps_an_anonymous_one(shop, owner):
    secret = rotate(owner)
    client, base = frame_client(shop.id)
    start(client, base, "Anonymous")
    forged = {"email": "eve@example.com", "user_hash": "0" * 64}
    refused = client.post(base + "/identify", json.dumps(forged), content_type="application/json")
    assert refused.status_code == 403 and COOKIE not in refused.cookies
    client.post(
        base + "/identify",
        json.dumps({"email": "ada@example.com", "user_hash": sign(secret, "ada@example.com")}),
        content_type="application/json",
    )
    refused = client.post(base + "/identify", json.dumps(forged), content_type="application/json")
    assert refused.status_code == 403 and refused.cookies[COOKIE].value == ""


def _legacy_credential(workspace_id: str, email: str) -> str:
    """A credential issued before the verified mark existed: (workspace, visitor) alone, for the visitor of
    a verified contact (what a returning signed-in user's frame may still hold)."""
    from apps.channels_widget.models import WidgetVisitor
    from apps.channels_widget.visitors import visitor_credential

    visitor = WidgetVisitor.objects.for_workspace(workspace_id).get(contact__email=email)
    return visitor_credential(visitor)


def _identify(client: Client, base: str, secret: str, email: str):
    response = client.post(
        base + "/identify",
        json.dumps({"email": email, "user_hash": sign(secret, email)}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return response


def test_sign_out_drops_an_unmarked_credential_of_a_verified_contact(shop, owner):
    """The frame skips identify and lists with its stored, unmarked credential (the server turns it into
    the cookie); on sign-out it sends no header: the cookie names a verified contact, so it goes."""
    secret = rotate(owner)
    ada = Client()
    base = frame_client(shop.id)[1]
    _identify(ada, base, secret, "ada@example.com")
    start(ada, base, "Ada's private question")
    legacy = _legacy_credential(shop.id, "ada@example.com")

    client = Client()  # the same browser later, holding the old credential in the frame's storage
    listed = client.get(base + "/conversations", headers={"X-Widget-Visitor": legacy})
    assert [c["preview"] for c in listed.json()["data"]] == ["Ada's private question"]
    assert client.cookies[COOKIE].value == legacy
    signed_out = client.post(base + "/sign-out", "{}", content_type="application/json")
    assert signed_out.status_code == 204
    assert signed_out.cookies[COOKIE].value == ""
    assert attributes(set_cookie_header(signed_out))["max-age"] == "0"
    # The next anonymous person on this browser sees nothing of Ada's.
    assert client.get(base + "/conversations").json() == {"data": []}


def test_a_failed_identify_drops_an_unmarked_credential_of_a_verified_contact(shop, owner):
    secret = rotate(owner)
    base = frame_client(shop.id)[1]
    _identify(Client(), base, secret, "ada@example.com")
    legacy = _legacy_credential(shop.id, "ada@example.com")
    client = Client()
    client.get(base + "/conversations", headers={"X-Widget-Visitor": legacy})
    forged = {"email": "eve@example.com", "user_hash": "0" * 64}
    refused = client.post(base + "/identify", json.dumps(forged), content_type="application/json")
    assert refused.status_code == 403 and refused.cookies[COOKIE].value == ""
    # The same with the unmarked credential sent as the header (cookies blocked).
    refused = Client().post(
        base + "/identify",
        json.dumps(forged),
        content_type="application/json",
        headers={"X-Widget-Visitor": legacy},
    )
    assert refused.status_code == 403 and refused.cookies[COOKIE].value == ""
