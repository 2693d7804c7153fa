"""Every admin changelist, add page and change page, for every registered model, on two seeded
workspaces: none answers 500, and no secret (token plaintext or hash, webhook secret, its encrypted
form, an invitation's link digest) appears in any page."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from tests.admin.seed import seed_workspace
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    return [seed_workspace("Acme", "acme.test"), seed_workspace("Globex", "globex.test")]


@pytest.fixture
def superuser_client():
    user = UserFactory(email="root@support.test", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(user)
    return client


def _pages():
    return list(admin.site._registry.items())


def test_every_page_answers_and_shows_no_secret(seeded, superuser_client):
    secrets = [s for seed in seeded for s in seed.secrets if s]
    assert len(secrets) >= 12
    visited = 0
    for model, model_admin in _pages():
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        pages = [changelist, changelist + "?o=1", changelist + "?q=ws_nothing%20x"]
        if model_admin.has_add_permission(_Req()):
            pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        manager = getattr(model, "all_workspaces", model._default_manager)
        for obj in manager.all()[:40]:
            pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
        for url in pages:
            response = superuser_client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            html = response.content.decode()
            leaked = [s[:10] for s in secrets if s in html]
            assert leaked == [], (url, leaked)
            visited += 1
    for seed in seeded:
        for name in (
            "overview",
            "close",
            "restore",
            "archive",
            "archive_link",
            "revoke_tokens",
            "password_reset",
            "resend_invitation",
            "transfer",
            "audit_check",
            "audit_export",
        ):
            url = reverse(f"admin:workspaces_workspace_{name}", args=[seed.workspace_id])
            response = superuser_client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            assert not [s for s in secrets if s in response.content.decode()]
            visited += 1
    assert visited > 100


class _Req:
    """has_add_permission(request) on a superuser."""

    class user:  # noqa: N801
        is_active = is_staff = is_superuser = True

        @staticmethod
        def has_perm(_perm, obj=None):
            return True
