"""Settings → Widget and Settings → E-mail in a real browser: an admin finds the widget page in the
Settings navigation, reads the snippet, gets an invalid origin refused inline, saves allowed origins,
greeting and colour (the API reads them back), creates the identity-verification secret and sees it
once; the e-mail page shows the address and inbound URL the API gives, and an inbound message POSTed to
that URL becomes a conversation; an agent has neither tab and gets the role's 403 page at their
addresses."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from apps.channels_email.addresses import inbound_url
from apps.channels_widget.keys import public_key
from apps.channels_widget.services import widget_identity_secret
from tests.channels.conftest import sample
from tests.conftest import ApiClient

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_an_admin_sets_up_the_widget(app, admin, settings):
    ws = admin.workspace.id
    key = public_key(ws)
    app.sign_in(admin)
    app.go(f"/app/{ws}/settings/")
    app.page.get_by_role("navigation", name="Settings").get_by_role("link", name="Widget").click()
    app.page.wait_for_url(f"**/app/{ws}/settings/widget/")

    expect(app.page.get_by_test_id("widget-public-key")).to_have_text(key)
    expect(app.page.get_by_test_id("widget-snippet")).to_have_text(
        f'<script src="{settings.PUBLIC_BASE_URL}/widget/v1/loader.js" data-workspace-key="{key}" async></script>'
    )
    expect(app.page.get_by_test_id("no-origins")).to_be_visible()
    expect(app.page.get_by_text("No secret yet")).to_be_visible()

    # Plain http is for localhost only: refused inline, the typed value kept, nothing saved.
    app.page.get_by_label("Allowed origins").fill("http://shop.example.com")
    app.page.get_by_role("button", name="Save widget settings").click()
    expect(app.page.get_by_test_id("error-allowed_origins")).to_contain_text("only https")
    expect(app.page.get_by_label("Allowed origins")).to_have_value("http://shop.example.com")
    assert ApiClient(admin.plaintext).get("widget").json()["allowed_origins"] == []

    app.page.get_by_label("Allowed origins").fill("https://Shop.Example.com\nhttp://localhost:8080")
    app.page.get_by_label("Greeting").fill("Hi! Ask us anything.")
    app.page.get_by_label("Colour").fill("#0B7A75")
    app.page.get_by_role("button", name="Save widget settings").click()
    expect(app.page.get_by_role("status")).to_contain_text("Widget settings saved.")
    expect(app.page.get_by_label("Allowed origins")).to_have_value(
        "https://shop.example.com\nhttp://localhost:8080"
    )
    expect(app.page.get_by_test_id("no-origins")).to_have_count(0)
    assert ApiClient(admin.plaintext).get("widget").json() == {
        "public_key": key,
        "allowed_origins": ["https://shop.example.com", "http://localhost:8080"],
        "greeting": "Hi! Ask us anything.",
        "color": "#0b7a75",
    }
    app.shot("settings-widget")

    app.page.get_by_role("button", name="Create secret").click()
    secret = app.page.get_by_test_id("widget-secret").inner_text().strip()
    assert secret.startswith("wsec_")
    assert widget_identity_secret(ws) == secret
    app.shot("settings-widget-secret")
    app.go(f"/app/{ws}/settings/widget/")  # shown once: a reload never shows it again
    expect(app.page.get_by_test_id("widget-secret")).to_have_count(0)
    assert secret not in app.page.content()
    expect(app.page.get_by_role("button", name="Rotate secret")).to_be_visible()


def test_an_admin_reads_the_email_settings_and_mail_arrives(app, admin):
    ws = admin.workspace.id
    channel = ApiClient(admin.plaintext).get("email").json()
    app.sign_in(admin)
    app.go(f"/app/{ws}/settings/")
    app.page.get_by_role("navigation", name="Settings").get_by_role("link", name="E-mail").click()
    app.page.wait_for_url(f"**/app/{ws}/settings/email/")
    expect(app.page.get_by_test_id("email-address")).to_have_text(channel["address"])
    expect(app.page.get_by_test_id("email-inbound-url")).to_have_text(channel["inbound_url"])
    app.shot("settings-email")

    # What a mail provider does with that URL (the path of it, on this live server).
    path = "/" + inbound_url(ws).split("://", 1)[1].split("/", 1)[1]
    posted = app.page.request.post(
        app.base + path, data=sample("plain.eml"), headers={"Content-Type": "message/rfc822"}
    )
    assert posted.status == 202
    app.go(f"/app/{ws}/inbox/")
    expect(app.page.get_by_text("Cannot reset my password")).to_be_visible()


def test_an_agent_has_no_channel_settings(app, agent):
    ws = agent.workspace.id
    app.sign_in(agent)
    app.go(f"/app/{ws}/settings/")
    nav = app.page.get_by_role("navigation", name="Settings")
    expect(nav.get_by_role("link", name="Members")).to_be_visible()
    expect(nav.get_by_role("link", name="Widget")).to_have_count(0)
    expect(nav.get_by_role("link", name="E-mail")).to_have_count(0)
    response = app.go(f"/app/{ws}/settings/widget/")
    assert response.status == 403
    expect(app.page.get_by_test_id("widget-snippet")).to_have_count(0)
    assert app.go(f"/app/{ws}/settings/email/").status == 403
    expect(app.page.get_by_test_id("email-inbound-url")).to_have_count(0)
