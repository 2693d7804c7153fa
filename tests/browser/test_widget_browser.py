"""The chat widget in a real browser, embedded by a host page served from ANOTHER local origin
(http://127.0.0.1:<port>, while the product runs at http://localhost:<port>): the visitor asks, the
assistant answers from the knowledge base, a person is asked for, an agent replies in the dashboard and
the reply shows in the widget without a reload; a page on an origin not allowed cannot load the widget;
a forged identity is not attached; a second visitor cannot read the first one's conversation."""

from __future__ import annotations

import hashlib
import hmac
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from apps.channels_widget.keys import public_key
from tests.browser.conftest import shot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ARTICLE = """# Returning a parcel

To return a parcel, print the prepaid label from your order page and drop the parcel at any post office
within 30 days. Refunds reach your card five days after the parcel arrives at our warehouse.
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class HostSite:
    """A tiny web site on its own origin whose page embeds the snippet (attributes given per test)."""

    def __init__(self):
        self.port = _free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        self.page_html = "<!doctype html><title>Shop</title><h1>Shop</h1>"
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's hook name
                body = site.page_html.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def embed(self, product_url: str, key: str, **user) -> None:
        attributes = "".join(f' data-user-{name}="{value}"' for name, value in user.items())
        self.page_html = (
            "<!doctype html><html><head><title>Shop</title></head><body><h1>Shop</h1><p>Our products.</p>"
            f'<script src="{product_url}/widget/v1/loader.js" data-workspace-key="{key}"{attributes} async>'
            "</script></body></html>"
        )

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def host_sites():
    sites: list[HostSite] = []

    def make() -> HostSite:
        site = HostSite()
        sites.append(site)
        return site

    yield make
    for site in sites:
        site.close()


@pytest.fixture
def product(live_server, settings):
    """The product's public URL is the live server (the frame's own origin)."""
    settings.PUBLIC_BASE_URL = live_server.url
    return live_server.url


@pytest.fixture
def visitors(browser, product):
    """New browser contexts (separate storage: separate visitors), each page's requests checked to stay on
    the host page's origin or the product's: no third-party asset."""
    contexts, seen = [], []

    def make(site: HostSite):
        context = browser.new_context(viewport={"width": 1100, "height": 800})
        contexts.append(context)
        page = context.new_page()
        page.on("request", lambda request: seen.append((site.origin, request.url)))
        page.goto(site.origin + "/")
        return page

    yield make
    for context in contexts:
        context.close()
    outside = [
        url
        for origin, url in seen
        if not url.startswith((origin + "/", product.rstrip("/") + "/", "data:", "about:", "chrome-error:"))
    ]
    assert outside == [], f"requests left the host page and the product: {outside}"


def open_chat(page):
    page.get_by_role("button", name="Open chat").click()
    frame = page.frame_locator('iframe[title="Chat"]')
    expect(frame.get_by_label("Message")).to_be_visible()
    return frame


def say(frame, text: str) -> None:
    frame.get_by_label("Message").fill(text)
    frame.get_by_role("button", name="Send").click()
    expect(frame.locator('[data-author="contact"]').filter(has_text=text)).to_be_visible()


def widget_conversations(persona) -> list[dict]:
    rows = persona.api.get("conversations").json()["data"]
    return [row for row in rows if row["channel"] == "widget"]


def allow(owner, *origins: str) -> str:
    response = owner.api.patch("widget", {"allowed_origins": list(origins), "greeting": "Hello from Acme!"})
    assert response.status_code == 200, response.content
    return response.json()["public_key"]


def test_a_visitor_gets_the_assistants_answer_then_an_agent_reply_live(
    app, product, owner, agent, host_sites, visitors, eager_tasks
):
    article = owner.api.post(
        "knowledge/articles", {"title": "Returning a parcel", "body": ARTICLE, "status": "published"}
    )
    assert article.status_code == 201, article.content
    site = host_sites()
    site.embed(product, allow(owner, site.origin))
    page = visitors(site)
    expect(page.get_by_role("heading", name="Shop")).to_be_visible()

    chat = open_chat(page)
    expect(chat.get_by_text("Hello from Acme!")).to_be_visible()
    say(chat, "How do I return a parcel?")
    answer = chat.locator('[data-author="assistant"]').last
    expect(answer).to_contain_text("prepaid label", timeout=10_000)
    expect(answer).to_contain_text("Assistant")

    (conversation,) = widget_conversations(agent)
    assert conversation["handled_by"] == "assistant"
    thread = agent.api.get(f"conversations/{conversation['id']}/messages").json()["data"]
    assert [m["author"]["type"] for m in thread] == ["contact", "assistant"]

    say(chat, "I want to talk to a person")
    expect(chat.get_by_role("status")).to_have_text("A teammate will reply here.", timeout=10_000)
    assert agent.api.get(f"conversations/{conversation['id']}").json()["handled_by"] == "human"

    # The agent answers in the dashboard; the widget shows it without a reload, within 5 s.
    app.sign_in(agent)
    app.go(f"/app/{agent.workspace.id}/inbox/{conversation['id']}/")
    app.page.get_by_label("Reply").fill("Hi, I'm Sam. <b>Which</b> order is it?")
    app.page.get_by_role("button", name="Reply").click()
    clicked = time.monotonic()
    reply = chat.locator('[data-author="agent"]')
    expect(reply).to_contain_text("Hi, I'm Sam. <b>Which</b> order is it?", timeout=5_000)  # as text
    seen_after = time.monotonic() - clicked
    assert seen_after < 5, seen_after
    expect(chat.locator("#thread b")).to_have_count(0)  # no HTML from a message
    expect(chat.get_by_role("status")).to_be_hidden()
    # Still the same page: nothing reloaded.
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    app.shot("widget-agent-reply")

    # A returning visitor (reload) sees their conversation again.
    page.reload()
    chat = open_chat(page)
    expect(chat.locator('[data-author="agent"]')).to_contain_text("Which")


def test_a_page_on_an_origin_not_allowed_cannot_load_the_widget(product, owner, host_sites, visitors):
    allowed, other = host_sites(), host_sites()
    key = allow(owner, allowed.origin)
    other.embed(product, key)
    page = visitors(other)
    with page.expect_response(re.compile(r"/widget/v1/wk_\w+/frame")) as framed:
        page.get_by_role("button", name="Open chat").click()
    assert f"frame-ancestors {allowed.origin}" in framed.value.headers["content-security-policy"]
    page.wait_for_timeout(1000)
    chat = page.frame_locator('iframe[title="Chat"]')
    expect(chat.get_by_label("Message")).to_have_count(0)
    # Nor can the page talk to the public API itself.
    status = page.evaluate(
        """async (url) => {
            try {
                const r = await fetch(url, {method: "POST", headers: {"Content-Type": "application/json"},
                                            body: JSON.stringify({body: "hi"})});
                return r.status;
            } catch (e) { return "blocked"; }
        }""",
        f"{product}/widget/v1/{key}/conversations",
    )
    assert status == "blocked"  # 403 origin_not_allowed, without CORS headers: the page cannot read it
    assert widget_conversations(owner) == []


def test_a_forged_identity_is_not_attached_and_a_signed_one_is(product, owner, agent, host_sites, visitors):
    ada = agent.api.post("contacts", {"email": "ada@example.com", "name": "Ada"}).json()
    secret = owner.api.post("widget/rotate-secret", {}).json()["identity_secret"]
    site = host_sites()
    key = allow(owner, site.origin)

    forged = hmac.new(b"not the secret", b"ada@example.com", hashlib.sha256).hexdigest()
    site.embed(product, key, email="ada@example.com", hash=forged)
    chat = open_chat(visitors(site))
    say(chat, "Please send me Ada's invoices")
    (conversation,) = widget_conversations(agent)
    assert conversation["contact_id"] != ada["id"]
    assert agent.api.get(f"contacts/{conversation['contact_id']}").json().get("email") is None

    signed = hmac.new(secret.encode(), b"ada@example.com", hashlib.sha256).hexdigest()
    site.embed(product, key, email="ada@example.com", hash=signed)
    page = visitors(site)
    # The visitor types and sends while the frame is still proving who they are: the message waits.
    held = []
    page.context.route("**/identify", lambda route: held.append(route))
    chat = open_chat(page)
    chat.get_by_label("Message").fill("Where is my order?")
    chat.get_by_role("button", name="Send").click()
    page.wait_for_timeout(500)
    assert len(held) == 1
    held[0].continue_()
    expect(chat.locator('[data-author="contact"]').filter(has_text="Where is my order?")).to_be_visible()
    mine = [c for c in widget_conversations(agent) if c["id"] != conversation["id"]]
    assert [c["contact_id"] for c in mine] == [ada["id"]]


def test_a_second_visitor_cannot_read_the_first_ones_conversation(
    product, owner, agent, host_sites, visitors
):
    site = host_sites()
    key = allow(owner, site.origin)
    site.embed(product, key)
    first = open_chat(visitors(site))
    say(first, "My order number is 4411")
    (conversation,) = widget_conversations(agent)

    second_page = visitors(site)
    second = open_chat(second_page)
    say(second, "Hello")
    # The second visitor's own credential: the HttpOnly, partitioned cookie the frame's requests carry
    # (this Chromium denies the cross-site frame its storage, so the cookie alone), never the host page's.
    frame = second_page.frame(url=re.compile(r"/widget/v1/wk_\w+/frame"))
    (cookie,) = [c for c in second_page.context.cookies() if c["name"] == "leadiosa_visitor"]
    assert cookie["httpOnly"] and cookie["secure"] and cookie["sameSite"] == "None"
    assert cookie["path"] == f"/widget/v1/{key}/"
    assert cookie["partitionKey"] == site.origin.rsplit(":", 1)[0]  # CHIPS: the host page's site only
    assert second_page.evaluate("Object.keys(localStorage).length") == 0  # nothing on the host page
    assert "leadiosa_visitor" not in frame.evaluate("document.cookie")  # HttpOnly
    statuses = frame.evaluate(
        """async ([key, id]) => {
            const headers = {"Content-Type": "application/json"};
            const base = `/widget/v1/${key}/conversations/${id}/messages`;
            const read = await fetch(base, {headers});
            const write = await fetch(base, {method: "POST", headers, body: JSON.stringify({body: "me too"})});
            const own = await fetch(`/widget/v1/${key}/conversations`, {headers});
            return [own.status, read.status, write.status, await read.text() + await own.text()];
        }""",
        [key, conversation["id"]],
    )
    assert statuses[:3] == [200, 404, 404]
    assert "4411" not in statuses[3]
    assert '"status": "open"' in statuses[3]  # the cookie alone names the second visitor
    expect(second.locator("#thread")).not_to_contain_text("4411")
    assert public_key(owner.workspace.id) == key


def test_a_returning_visitor_sees_their_conversations_and_starts_a_new_one(
    product, owner, agent, host_sites, visitors
):
    site = host_sites()
    site.embed(product, allow(owner, site.origin))
    page = visitors(site)
    chat = open_chat(page)
    say(chat, "First question: do you ship to Norway?")
    chat.get_by_role("button", name="Your conversations").click()
    chat.get_by_role("button", name="New conversation").click()
    expect(chat.locator('[data-author="contact"]')).to_have_count(0)
    say(chat, "Second question: where is my invoice?")
    assert len(widget_conversations(agent)) == 2

    # Back another day (the credential is the frame's cookie): the latest conversation opens, the list
    # holds both, and the earlier one opens from it and takes new messages.
    page.reload()
    chat = open_chat(page)
    expect(chat.locator('[data-author="contact"]')).to_contain_text("where is my invoice?")
    chat.get_by_role("button", name="Your conversations").click()
    listed = chat.get_by_role("navigation", name="Your conversations").get_by_role("listitem")
    expect(listed).to_have_count(2)
    expect(listed.first).to_contain_text("Second question")
    shot(page, "widget-conversations", settled=False)  # the frame keeps a long poll open
    listed.filter(has_text="ship to Norway").get_by_role("button").click()
    expect(chat.locator('[data-author="contact"]')).to_have_count(1)
    expect(chat.locator('[data-author="contact"]')).to_contain_text("ship to Norway")
    say(chat, "Any news?")
    (first,) = [c for c in widget_conversations(agent) if c["message_count"] == 2]
    bodies = [m["body"] for m in agent.api.get(f"conversations/{first['id']}/messages").json()["data"]]
    assert bodies == ["First question: do you ship to Norway?", "Any news?"]


def test_the_loader_removes_a_legacy_credential_kept_on_the_host_page(product, owner, host_sites, visitors):
    """The loader once kept the visitor's credential in the host page's localStorage; it removes that copy
    (any script of the host page could read it), and nothing else of the page's."""
    site = host_sites()
    key = allow(owner, site.origin)
    site.embed(product, key)
    page = visitors(site)
    expect(page.get_by_role("button", name="Open chat")).to_be_visible()
    page.evaluate(
        "([key]) => { localStorage.setItem('leadiosa-widget:' + key, 'old'); localStorage.setItem('cart', '2'); }",
        [key],
    )
    page.reload()
    expect(page.get_by_role("button", name="Open chat")).to_be_visible()
    assert page.evaluate("([key]) => localStorage.getItem('leadiosa-widget:' + key)", [key]) is None
    assert page.evaluate("localStorage.getItem('cart')") == "2"
