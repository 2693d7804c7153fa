"""Signing in with an e-mail address, throttled, with no user enumeration.

Two budgets stop password guessing:

- **per client address**: the API's failed-authentication limiter (`RATE_LIMIT_FAILED_AUTH_PER_MINUTE`
  failures a minute, shared with bad API tokens from the same address);
- **per account** (the e-mail typed, known or not — an unknown address is throttled exactly like a
  real one, so the answers never tell them apart), counted by the same limiter
  (`ratelimit.hit_since_first`: one atomic count in a window opened by the first failure): after
  `ACCOUNT_FREE_FAILURES` failures within `ACCOUNT_WINDOW_SECONDS`, each further failure closes
  password sign-in to that account for an exponentially growing pause (`ACCOUNT_LOCK_BASE_SECONDS`
  doubling up to `ACCOUNT_LOCK_MAX_SECONDS`). Attempts during a pause are refused without being
  counted or checked. A guesser spread over many addresses gets a few tries per hour instead of one
  budget per address.

Locking out the real person: a browser that signed in to the account before carries a signed device
cookie (OWASP's "device cookies"); its attempts are judged against that device's own failures,
never the account's pause, so an attacker who keeps the account paused does not keep its owner out
of the browsers they use. The device gets no larger budget than the account: the same policy
(`ACCOUNT_FREE_FAILURES` free, then pauses from `ACCOUNT_LOCK_BASE_SECONDS` doubling up to
`ACCOUNT_LOCK_MAX_SECONDS`), counted for that device alone, wherever its attempts come from. The
cookie is bound to the account's current credentials (a keyed digest of Django's
`get_session_auth_hash()`): changing or resetting the password voids every device cookie issued
before, so a stolen or forgotten browser's cookie is then worth nothing. A new browser waits out the
pause (15 minutes at most) or resets the password by e-mail: a password set from the link ends the
pause and makes that browser a known one. A successful sign-in clears the account's failures and
that device's.
"""

from __future__ import annotations

import hashlib
import secrets

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import PasswordResetForm
from django.core import signing
from django.core.cache import cache
from django.utils.crypto import constant_time_compare, salted_hmac

from leadiosa.api import ratelimit

from .errors import SERVICE_ERRORS

# One message whatever went wrong: an unknown e-mail and a wrong password look the same.
INVALID_LOGIN = "Wrong email or password."
TOO_MANY = "Too many failed sign-ins. Wait a few minutes and try again, or reset your password."

ACCOUNT_FREE_FAILURES = 5
ACCOUNT_WINDOW_SECONDS = 24 * 3600  # failures are counted from the first one, for a day
ACCOUNT_LOCK_BASE_SECONDS = 30
ACCOUNT_LOCK_MAX_SECONDS = 15 * 60
DEVICE_COOKIE = "leadiosa_device"
DEVICE_COOKIE_MAX_AGE = 180 * 24 * 3600
_DEVICE_SALT = "dashboard.signin-device"


class EmailBackend(ModelBackend):
    """Authenticate by e-mail (unique, case-insensitive). Runs the hasher for an unknown address too,
    so the answer takes the same time whether or not the account exists."""

    def authenticate(self, request, email=None, password=None, **kwargs):
        if email is None or password is None:
            return None
        user_model = get_user_model()
        user = user_model._default_manager.filter(email__iexact=email.strip()).first()
        if user is None:
            user_model().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def get_user(self, user_id):
        """The signed-in user for each request, with their memberships (and workspaces) in the same
        query: the page then resolves its workspace and role without another round trip."""
        from .access import memberships_with_users

        mine = memberships_with_users(user_id)
        if not mine:  # a member of no workspace: the user alone, as Django would load them
            return super().get_user(user_id)
        user = mine[0].user
        if not self.user_can_authenticate(user):
            return None
        user._dashboard_memberships = mine
        for member in mine:
            member.user = user  # one object for the person, whichever membership is looked at
        return user


def _account_bucket(email: str) -> str:
    # A digest, not the address: rate-limit keys must not hold personal data.
    return "dashboard-account:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]


def _address_bucket(ip: str) -> str:
    return ip or "unknown"


def account_lock_seconds(failures: int) -> int:
    """How long password sign-in to an account pauses after its `failures`-th failure (0: no pause)."""
    over = failures - ACCOUNT_FREE_FAILURES
    if over <= 0:
        return 0
    return min(ACCOUNT_LOCK_BASE_SECONDS * 2 ** min(over - 1, 30), ACCOUNT_LOCK_MAX_SECONDS)


def _account_locked(account: str) -> bool:
    """Whether `account` (an account's bucket, or one of its devices') is in a pause."""
    return cache.get(f"{account}:locked") is not None


def _record_account_failure(account: str) -> None:
    """Count a failure against `account` (an account's bucket, or a device's: the same policy) with the
    API's limiter, in a window that starts at the first failure."""
    failures = ratelimit.hit_since_first(f"{account}:failures", ACCOUNT_WINDOW_SECONDS)
    pause = account_lock_seconds(failures)
    if pause:
        cache.set(f"{account}:locked", 1, pause)


def _clear_account(account: str) -> None:
    ratelimit.forget(f"{account}:failures")
    cache.delete(f"{account}:locked")


def clear_account_failures(email: str) -> None:
    """End the account's pause and forget its failures (a password set from the e-mailed link)."""
    _clear_account(_account_bucket(email))


def _credentials_digest(user) -> str:
    """Names the user's current credentials: changes whenever the password does. Keyed and one-way,
    so the cookie never carries Django's session hash itself."""
    return salted_hmac(_DEVICE_SALT, user.get_session_auth_hash(), algorithm="sha256").hexdigest()[:32]


def device_cookie_value(account: str, user) -> str:
    """A signed token naming the account this browser signed in to, a nonce of its own, and the
    account's credentials at the time (a new password voids it)."""
    return signing.dumps(
        [account[-32:], secrets.token_urlsafe(12), _credentials_digest(user)],
        salt=_DEVICE_SALT,
        compress=True,
    )


def _trusted_device(request, account: str, email: str) -> str | None:
    """The device's nonce if this browser carries a valid device cookie for `account`, issued under
    the account's current password, else None. The user is looked up only for a genuine cookie
    naming this account (one only its sign-in could have issued): nothing here tells an unknown
    address from a known one."""
    raw = request.COOKIES.get(DEVICE_COOKIE)
    if not raw:
        return None
    try:
        digest, nonce, credentials = signing.loads(raw, salt=_DEVICE_SALT, max_age=DEVICE_COOKIE_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):  # also a cookie from before the binding
        return None
    if not constant_time_compare(str(digest), account[-32:]):
        return None
    user = get_user_model()._default_manager.filter(email__iexact=email.strip()).first()
    if user is None or not constant_time_compare(str(credentials), _credentials_digest(user)):
        return None
    return str(nonce)


def remember_device(request, response, user) -> None:
    """After a successful sign-in (or a password set from the reset link): this browser is known to
    `user`'s account until their password changes (see the module's doc)."""
    response.set_cookie(
        DEVICE_COOKIE,
        device_cookie_value(_account_bucket(user.email), user),
        max_age=DEVICE_COOKIE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


class LoginForm(forms.Form):
    email = forms.EmailField(label="Email", max_length=254)
    password = forms.CharField(label="Password", strip=False, widget=forms.PasswordInput)

    def __init__(self, request, *args, **kwargs):
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update(autocomplete="email", autofocus=True)
        self.fields["password"].widget.attrs.update(autocomplete="current-password")

    def clean(self):
        email = self.cleaned_data.get("email")
        password = self.cleaned_data.get("password")
        if not email or not password:
            return self.cleaned_data
        ip = _address_bucket(self.request.META.get("LEADIOSA_CLIENT_IP", ""))
        account = _account_bucket(email)
        device = _trusted_device(self.request, account, email)
        # A known browser's failures pause that browser alone, under the account's policy.
        bucket = f"{account}:device:{device}" if device else account
        try:
            # Checked before the password is even looked at: the address's budget (the API's limiter),
            # then the account's pause — or, from a browser this account signed in on before with its
            # current password, that device's own pause instead (an attacker's failures never pause
            # the owner's browsers).
            ratelimit.check_failed_auth_budget(ip)
            if _account_locked(bucket):
                raise forms.ValidationError(TOO_MANY, code="rate_limited")
        except SERVICE_ERRORS:
            raise forms.ValidationError(TOO_MANY, code="rate_limited") from None
        self.user = authenticate(self.request, email=email, password=password)
        if self.user is None:
            ratelimit.record_failed_auth(ip)
            _record_account_failure(bucket)
            raise forms.ValidationError(INVALID_LOGIN, code="invalid_login")
        _clear_account(account)
        if bucket != account:
            _clear_account(bucket)
        return self.cleaned_data


class SetPasswordResetForm(PasswordResetForm):
    """Django's reset form, also for people who never had a password (a member added by an admin or a
    command): the reset link is how they set their first one. Still silent about unknown addresses."""

    def get_users(self, email):
        user_model = get_user_model()
        email_field = user_model.get_email_field_name()
        users = user_model._default_manager.filter(**{f"{email_field}__iexact": email, "is_active": True})
        return (u for u in users if getattr(u, email_field, "").lower() == email.lower())
