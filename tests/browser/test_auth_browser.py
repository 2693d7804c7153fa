"""Signing in and out in a real browser."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_sign_in_and_out(app, owner):
    app.go("/app/")
    expect(app.page).to_have_url(app.base + "/login/?next=/app/")
    app.shot("login")
    app.page.get_by_label("Email").fill(owner.member.user.email)
    app.page.get_by_label("Password").fill("wrong password entirely")
    app.page.get_by_role("button", name="Sign in").click()
    expect(app.page.get_by_role("alert")).to_have_text("Wrong email or password.")
    app.sign_in(owner)
    expect(app.page.get_by_role("heading", name="Inbox")).to_be_visible()
    cookies = {c["name"]: c for c in app.page.context.cookies()}
    assert cookies["sessionid"]["httpOnly"] and cookies["sessionid"]["sameSite"] == "Lax"
    app.page.get_by_role("button", name="Sign out").click()
    expect(app.page).to_have_url(app.base + "/login/")
    app.go(f"/app/{owner.workspace.id}/inbox/")
    expect(app.page.get_by_role("button", name="Sign in")).to_be_visible()


def test_password_reset_page(app):
    app.go("/password-reset/")
    expect(app.page.get_by_label("Email")).to_be_visible()
    app.shot("password-reset")
