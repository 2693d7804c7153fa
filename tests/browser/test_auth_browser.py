"""Signing in and out, and resetting a password from the e-mailed link, in a real browser."""

import pytest
from django.core import mail
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


def test_password_reset_from_the_emailed_link(app, owner):
    """Ask for a link, open it from the e-mail, set a new password, sign in with it; the link then
    works no more."""
    user = owner.member.user
    app.go("/login/")
    app.page.get_by_role("link", name="Forgot your password?").click()
    expect(app.page).to_have_url(app.base + "/password-reset/")
    app.shot("password-reset")
    app.page.get_by_label("Email").fill(user.email)
    app.page.get_by_role("button", name="Send reset link").click()
    expect(app.page).to_have_url(app.base + "/password-reset/done/")
    expect(app.page.get_by_role("heading", name="Check your email")).to_be_visible()
    app.shot("password-reset-done")

    assert len(mail.outbox) == 1 and mail.outbox[0].to == [user.email]
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password-reset/" in line)
    path = "/password-reset/" + link.split("/password-reset/", 1)[1].strip()
    app.go(path)  # Django swaps the token for a session one: /password-reset/<uid>/set-password/
    expect(app.page.get_by_role("heading", name="Set a new password")).to_be_visible()
    app.shot("password-reset-confirm")
    new_password = "a new long passphrase 77"
    app.page.get_by_label("New password", exact=True).fill(new_password)
    app.page.get_by_label("Confirm new password").fill(new_password)
    app.page.get_by_role("button", name="Set password").click()
    expect(app.page).to_have_url(app.base + "/password-reset/complete/")
    expect(app.page.get_by_role("heading", name="Password set")).to_be_visible()
    app.shot("password-reset-complete")

    app.page.get_by_role("link", name="Sign in").click()
    app.page.get_by_label("Email").fill(user.email)
    app.page.get_by_label("Password").fill(new_password)
    app.page.get_by_role("button", name="Sign in").click()
    app.page.wait_for_url(f"**/app/{owner.workspace.id}/inbox/")
    app.page.get_by_role("button", name="Sign out").click()
    app.go(path)  # used once: the link is spent
    expect(app.page.get_by_role("heading", name="Link expired")).to_be_visible()
    app.shot("password-reset-invalid")
