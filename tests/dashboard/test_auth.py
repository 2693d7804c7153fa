"""Signing in and out: e-mail + password, one message for every failure, throttling, sessions."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings

from apps.dashboard import auth

from .conftest import PASSWORD


@pytest.fixture
def person(owner):
    user = owner.member.user
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.mark.django_db
def test_login_page_has_the_contract_labels(client):
    page = client.get("/login/").content.decode()
    assert '<label for="id_email">Email</label>' in page
    assert '<label for="id_password">Password</label>' in page
    assert '<button type="submit" class="primary">Sign in</button>' in page
    assert "csrfmiddlewaretoken" in page


@pytest.mark.django_db
def test_sign_in_rotates_the_session_and_opens_the_first_workspace(client, person, owner):
    client.get("/login/")
    before = client.cookies.get("sessionid")
    response = client.post("/login/", {"email": person.email.upper(), "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/app/"
    after = client.cookies["sessionid"]
    assert before is None or before.value != after.value
    assert after["httponly"] and after["samesite"] == "Lax"
    response = client.get("/app/")
    assert response["Location"] == f"/app/{owner.workspace.id}/inbox/"


@pytest.mark.django_db
def test_wrong_password_and_unknown_email_read_the_same(client, person):
    wrong = client.post("/login/", {"email": person.email, "password": "not the password"})
    unknown = client.post("/login/", {"email": "nobody@example.com", "password": "not the password"})
    assert wrong.status_code == unknown.status_code == 400
    assert b"Wrong email or password." in wrong.content
    assert b"Wrong email or password." in unknown.content
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_next_parameter_only_redirects_inside_the_site(client, person, owner):
    inside = client.post(
        "/login/?next=/app/" + owner.workspace.id + "/contacts/",
        {"email": person.email, "password": PASSWORD},
    )
    assert inside["Location"] == f"/app/{owner.workspace.id}/contacts/"
    client.post("/logout/")
    outside = client.post("/login/?next=https://evil.example/", {"email": person.email, "password": PASSWORD})
    assert outside["Location"] == "/app/"


def _guess(email: str, n: int, password: str = "guess"):  # noqa: S107 - a wrong password
    """One sign-in attempt from a fresh browser at its own address (a distributed guesser)."""
    return Client(REMOTE_ADDR=f"198.51.100.{n % 250}").post("/login/", {"email": email, "password": password})


@pytest.mark.django_db
def test_failed_sign_ins_are_throttled_per_account(person):
    """Guesses from many addresses: after the account's free failures, it pauses for new browsers —
    even the right password is refused while it does."""
    for n in range(auth.ACCOUNT_FREE_FAILURES + 1):
        assert _guess(person.email, n).status_code == 400
    blocked = _guess(person.email, 99, PASSWORD)
    assert blocked.status_code == 429
    assert b"Too many failed sign-ins" in blocked.content
    assert SESSION_KEY not in Client().session


@pytest.mark.django_db
def test_an_unknown_account_is_throttled_the_same_way(person):
    """No user enumeration: the same statuses and messages, attempt by attempt, for a real account
    and an address nobody has."""
    real, unknown = [], []
    for n in range(auth.ACCOUNT_FREE_FAILURES + 3):
        for email, seen in ((person.email, real), ("nobody-here@example.com", unknown)):
            response = _guess(email, n)
            message = b"Too many" if b"Too many" in response.content else b"Wrong email or password."
            assert message in response.content
            seen.append((response.status_code, message))
    assert real == unknown
    assert real[-1][0] == 429


def test_the_pause_grows_exponentially_and_is_capped():
    free = auth.ACCOUNT_FREE_FAILURES
    assert [auth.account_lock_seconds(n) for n in range(free + 1)] == [0] * (free + 1)
    pauses = [auth.account_lock_seconds(free + k) for k in range(1, 12)]
    assert pauses[:4] == [30, 60, 120, 240]
    assert max(pauses) == pauses[-1] == auth.ACCOUNT_LOCK_MAX_SECONDS == 900
    assert auth.account_lock_seconds(10**6) == 900  # never "forever"


@pytest.mark.django_db
def test_the_pause_ends_and_a_success_clears_the_failures(person, monkeypatch):
    monkeypatch.setattr(auth, "ACCOUNT_LOCK_BASE_SECONDS", 1)
    for n in range(auth.ACCOUNT_FREE_FAILURES + 1):
        _guess(person.email, n)
    assert _guess(person.email, 50, PASSWORD).status_code == 429
    time.sleep(1.2)
    assert _guess(person.email, 51, PASSWORD).status_code == 302
    # The count starts again: the free failures are free again.
    for n in range(auth.ACCOUNT_FREE_FAILURES):
        assert _guess(person.email, 60 + n).status_code == 400
    assert _guess(person.email, 70, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_a_paused_account_still_opens_in_the_owners_known_browser(person, admin):
    """An attacker keeping the account paused does not keep its owner out of a browser they signed in
    on before (its signed device cookie); a cookie made for another account does not help."""
    owners_browser = Client(REMOTE_ADDR="192.0.2.10")
    assert owners_browser.post("/login/", {"email": person.email, "password": PASSWORD}).status_code == 302
    cookie = owners_browser.cookies[auth.DEVICE_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    owners_browser.post("/logout/")
    for n in range(auth.ACCOUNT_FREE_FAILURES + 4):
        _guess(person.email, n)
    assert _guess(person.email, 99, PASSWORD).status_code == 429
    assert owners_browser.post("/login/", {"email": person.email, "password": PASSWORD}).status_code == 302

    other = admin.member.user
    other.set_password(PASSWORD)
    other.save()
    for n in range(auth.ACCOUNT_FREE_FAILURES + 1):
        _guess(other.email, 100 + n)
    borrowed = Client(REMOTE_ADDR="192.0.2.11")
    borrowed.cookies[auth.DEVICE_COOKIE] = cookie.value  # the first account's device, not this one's
    assert borrowed.post("/login/", {"email": other.email, "password": PASSWORD}).status_code == 429
    forged = Client(REMOTE_ADDR="192.0.2.12")
    forged.cookies[auth.DEVICE_COOKIE] = "forged"
    assert forged.post("/login/", {"email": other.email, "password": PASSWORD}).status_code == 429


def _from_device(cookie: str, email: str, n: int, password: str = "guess"):  # noqa: S107 - a wrong password
    """One sign-in attempt carrying a device cookie, from an address of its own."""
    browser = Client(REMOTE_ADDR=f"198.18.0.{n % 250}")
    browser.cookies[auth.DEVICE_COOKIE] = cookie
    return browser.post("/login/", {"email": email, "password": password})


@pytest.mark.django_db
def test_a_password_change_voids_every_device_cookie(person):
    """The device cookie is bound to the account's credentials: once the password changes, an old
    cookie (a stolen or a forgotten browser) earns nothing — its guesses pause the account like a new
    browser's, from the first one past the free failures, and it does not open a paused account."""
    browser = Client(REMOTE_ADDR="192.0.2.30")
    assert browser.post("/login/", {"email": person.email, "password": PASSWORD}).status_code == 302
    cookie = browser.cookies[auth.DEVICE_COOKIE].value
    new_password = "a brand new passphrase 91"
    person.set_password(new_password)
    person.save()
    statuses = [
        _from_device(cookie, person.email, n).status_code for n in range(auth.ACCOUNT_FREE_FAILURES + 3)
    ]
    assert statuses == [400] * (auth.ACCOUNT_FREE_FAILURES + 1) + [429, 429]
    assert _from_device(cookie, person.email, 99, new_password).status_code == 429


@pytest.mark.django_db
def test_a_known_device_gets_the_accounts_pause_policy_not_a_per_minute_budget(person, monkeypatch):
    """A valid device cookie only spares its browser the pause others cause: its own failures pause
    it like an account's (a few free, then 30 s doubling), wherever its guesses come from; the owner's
    other browsers are not paused by it, and the device opens again once its pause is over."""
    monkeypatch.setattr(auth, "ACCOUNT_LOCK_BASE_SECONDS", 1)
    first, second = Client(REMOTE_ADDR="192.0.2.31"), Client(REMOTE_ADDR="192.0.2.32")
    for browser in (first, second):
        assert browser.post("/login/", {"email": person.email, "password": PASSWORD}).status_code == 302
    cookie = first.cookies[auth.DEVICE_COOKIE].value
    assert cookie != second.cookies[auth.DEVICE_COOKIE].value
    statuses = [
        _from_device(cookie, person.email, n).status_code for n in range(auth.ACCOUNT_FREE_FAILURES + 2)
    ]
    assert statuses == [400] * (auth.ACCOUNT_FREE_FAILURES + 1) + [429]
    assert _from_device(cookie, person.email, 50, PASSWORD).status_code == 429  # refused unchecked
    second.post("/logout/")
    assert second.post("/login/", {"email": person.email, "password": PASSWORD}).status_code == 302
    time.sleep(1.2)
    assert _from_device(cookie, person.email, 51, PASSWORD).status_code == 302


@pytest.mark.django_db
@override_settings(RATE_LIMIT_FAILED_AUTH_PER_MINUTE=3)
def test_failed_sign_ins_are_throttled_per_address(person, admin):
    client = Client(REMOTE_ADDR="203.0.113.77")
    for n in range(3):
        assert client.post("/login/", {"email": f"x{n}@example.com", "password": "guess"}).status_code == 400
    other_user = admin.member.user
    other_user.set_password(PASSWORD)
    other_user.save()
    blocked = client.post("/login/", {"email": other_user.email, "password": PASSWORD})
    assert blocked.status_code == 429
    # The same address's bad API tokens count against the same budget (one limiter).
    api = Client(REMOTE_ADDR="203.0.113.77").get(
        "/api/v1/workspace", headers={"Authorization": "Bearer lds_nope"}
    )
    assert api.status_code == 429


@pytest.mark.django_db
def test_logout_is_post_only_and_ends_the_session(client, person, owner):
    client.post("/login/", {"email": person.email, "password": PASSWORD})
    session_key = client.cookies["sessionid"].value
    assert client.get("/logout/").status_code == 405
    response = client.post("/logout/")
    assert response.status_code == 302 and response["Location"] == "/login/"
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=session_key).exists()
    assert client.get(f"/app/{owner.workspace.id}/inbox/").status_code == 302


@pytest.mark.django_db
def test_forms_need_the_csrf_token(person, owner, objects):
    client = Client(enforce_csrf_checks=True)
    client.force_login(person, backend="apps.dashboard.auth.EmailBackend")
    url = f"/app/{owner.workspace.id}/inbox/{objects['conv_id']}/reply/"
    assert client.post(url, {"reply-body": "hello"}).status_code == 403
    page = client.get(f"/app/{owner.workspace.id}/inbox/{objects['conv_id']}/")
    token = page.context["csrf_token"]
    assert f'hx-headers=\'{{"X-CSRFToken": "{token}"}}\''.encode() in page.content
    ok = client.post(url, {"reply-body": "hello"}, headers={"X-CSRFToken": str(token), "HX-Request": "true"})
    assert ok.status_code == 200


@pytest.mark.django_db
def test_password_reset_sends_a_link_that_sets_a_password(client, owner):
    user = owner.member.user
    user.set_unusable_password()  # never had one (added by a command): the link sets the first one
    user.save()
    response = client.post("/password-reset/", {"email": user.email})
    assert response.status_code == 302
    nobody = client.post("/password-reset/", {"email": "nobody@example.com"})
    assert nobody.status_code == 302 and nobody["Location"] == response["Location"]
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password-reset/" in line)
    path = link.split("testserver", 1)[1]
    form = client.get(path, follow=True)
    assert form.status_code == 200 and b"Set a new password" in form.content
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD}, follow=True
    )
    assert b"Password set" in done.content
    assert client.post("/login/", {"email": user.email, "password": PASSWORD}).status_code == 302


@pytest.mark.django_db
def test_user_set_password_command_reads_stdin_and_prints_the_id(owner, monkeypatch, capsys):
    import io

    user = owner.member.user
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    call_command("user", "set-password", "--email", user.email.upper())
    assert capsys.readouterr().out.strip().splitlines()[-1] == user.pk
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


@pytest.mark.django_db
def test_user_set_password_command_refuses_weak_passwords_and_unknown_users(owner, monkeypatch):
    import io

    from django.core.management.base import CommandError

    monkeypatch.setattr("sys.stdin", io.StringIO("123\n"))
    with pytest.raises(CommandError, match="too short"):
        call_command("user", "set-password", "--email", owner.member.user.email)
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    with pytest.raises(CommandError, match="No user"):
        call_command("user", "set-password", "--email", "nobody@example.com")


@pytest.mark.django_db
def test_a_password_set_from_the_reset_link_ends_the_pause(person):
    """Someone keeps the account paused; its owner resets the password by e-mail from a new browser:
    that browser signs in at once (and stays a known one), other new browsers still wait."""
    for n in range(auth.ACCOUNT_FREE_FAILURES + 4):
        _guess(person.email, n)
    browser = Client(REMOTE_ADDR="192.0.2.20")
    assert browser.post("/login/", {"email": person.email, "password": PASSWORD}).status_code == 429
    browser.post("/password-reset/", {"email": person.email})
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/password-reset/" in line)
    form = browser.get(link.split("testserver", 1)[1], follow=True)
    new_password = "another long passphrase 43"
    browser.post(form.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password})
    assert auth.DEVICE_COOKIE in browser.cookies
    assert browser.post("/login/", {"email": person.email, "password": new_password}).status_code == 302
    for n in range(auth.ACCOUNT_FREE_FAILURES + 1):
        _guess(person.email, 200 + n)
    assert _guess(person.email, 210, new_password).status_code == 429
    browser.post("/logout/")
    assert browser.post("/login/", {"email": person.email, "password": new_password}).status_code == 302


def _invite(owner, email: str, on_commit) -> str:
    """Invite `email` to the owner's workspace; the path of the e-mailed link (sent on commit)."""
    from apps.workspaces.invitations import invitation_create
    from leadiosa.context import SYSTEM, acting_as
    from leadiosa.tenancy import with_workspace

    with on_commit(execute=True), with_workspace(owner.workspace.id), acting_as(SYSTEM):
        invitation_create(actor=owner.member, email=email, role="agent")
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/invitations/" in line)
    return "/invitations/" + link.split("/invitations/", 1)[1].strip()


@pytest.mark.django_db
def test_a_password_set_by_accepting_an_invitation_ends_the_pause(owner, django_capture_on_commit_callbacks):
    """Someone kept sign-in to an address paused before it had an account; its owner accepts the
    invitation e-mailed to it and chooses a password there: like a password set from the reset link, it
    ends the pause and makes that browser a known one. Guessers can pause it again for new browsers."""
    email = "newcomer@example.com"
    for n in range(auth.ACCOUNT_FREE_FAILURES + 4):
        _guess(email, n)
    path = _invite(owner, email, django_capture_on_commit_callbacks)
    browser = Client(REMOTE_ADDR="192.0.2.21")
    accepted = browser.post(path, {"name": "New", "password": PASSWORD, "password_again": PASSWORD})
    assert accepted.status_code == 302 and accepted["Location"].startswith(f"/app/{owner.workspace.id}/")
    assert auth.DEVICE_COOKIE in browser.cookies
    browser.post("/logout/")
    assert browser.post("/login/", {"email": email, "password": PASSWORD}).status_code == 302
    assert _guess(email, 100, PASSWORD).status_code == 302  # the pause is over for new browsers too
    for n in range(auth.ACCOUNT_FREE_FAILURES + 1):
        _guess(email, 200 + n)
    assert _guess(email, 210, PASSWORD).status_code == 429
    browser.post("/logout/")
    assert browser.post("/login/", {"email": email, "password": PASSWORD}).status_code == 302


@pytest.mark.django_db
def test_accepting_an_invitation_without_setting_a_password_leaves_the_pause(
    owner, stranger, django_capture_on_commit_callbacks
):
    """An existing account accepts without a password: nothing proves the password's owner is there
    (whoever holds the link could accept), so the pause stays."""
    user = stranger.member.user
    user.set_password(PASSWORD)
    user.save()
    for n in range(auth.ACCOUNT_FREE_FAILURES + 1):
        _guess(user.email, n)
    path = _invite(owner, user.email, django_capture_on_commit_callbacks)
    browser = Client(REMOTE_ADDR="192.0.2.22")
    assert browser.post(path, {}).status_code == 302  # accepted: "sign in to open the workspace"
    assert auth.DEVICE_COOKIE not in browser.cookies
    assert browser.post("/login/", {"email": user.email, "password": PASSWORD}).status_code == 429
