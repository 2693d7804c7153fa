"""Signing in with an e-mail address, throttled with the API's limiter, with no user enumeration."""

from __future__ import annotations

import hashlib

from django import forms
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import PasswordResetForm

from leadiosa.api import ratelimit

from .errors import SERVICE_ERRORS

# One message whatever went wrong: an unknown e-mail and a wrong password look the same.
INVALID_LOGIN = "Wrong email or password."
TOO_MANY = "Too many failed sign-ins. Wait a minute and try again."


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
        try:
            # Per address: the same failed-authentication budget as the API's bad tokens; per account:
            # the same limiter, its own bucket. Checked before the password is even looked at.
            ratelimit.check_failed_auth_budget(ip)
            ratelimit.check_failed_auth_budget(account)
        except SERVICE_ERRORS:
            raise forms.ValidationError(TOO_MANY, code="rate_limited") from None
        self.user = authenticate(self.request, email=email, password=password)
        if self.user is None:
            ratelimit.record_failed_auth(ip)
            ratelimit.record_failed_auth(account)
            raise forms.ValidationError(INVALID_LOGIN, code="invalid_login")
        return self.cleaned_data


class SetPasswordResetForm(PasswordResetForm):
    """Django's reset form, also for people who never had a password (a member added by an admin or a
    command): the reset link is how they set their first one. Still silent about unknown addresses."""

    def get_users(self, email):
        user_model = get_user_model()
        email_field = user_model.get_email_field_name()
        users = user_model._default_manager.filter(**{f"{email_field}__iexact": email, "is_active": True})
        return (u for u in users if getattr(u, email_field, "").lower() == email.lower())
