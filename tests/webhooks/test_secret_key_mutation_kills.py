"""Tests written for the mutants of leadiosa/crypto.py that survived the area's tests
(tests/mutation/run.sh crypto; the list and the equivalent ones: tests/mutation/RESULTS.md).

WEBHOOK_SECRET_KEY, when set, is the key webhook signing secrets are sealed under (before SECRET_KEY):
secrets created then are sealed under it, stay readable when SECRET_KEY changes, and the re-encryption
command moves secrets sealed before it was set onto it.
"""

from __future__ import annotations

import io

import pytest
from cryptography.fernet import InvalidToken
from django.core.management import call_command

from apps.webhooks.models import WebhookEndpoint
from apps.webhooks.secrets import PURPOSE, decrypt_secret
from leadiosa import crypto

pytestmark = pytest.mark.django_db

WEBHOOK_KEY = "webhook-secret-key-" + "w" * 50
FIRST = "first-secret-key-" + "f" * 50
SECOND = "second-secret-key-" + "s" * 50


def _opens_with(master: str, token: str) -> bool:
    try:
        crypto._fernet(master, PURPOSE).decrypt(token.encode())
    except InvalidToken:
        return False
    return True


def _stored(webhook_id: str) -> str:
    return WebhookEndpoint.all_workspaces.get(id=webhook_id).secret_encrypted


@pytest.fixture
def keys(settings):
    settings.SECRET_KEY = FIRST
    settings.SECRET_KEY_FALLBACKS = []
    settings.WEBHOOK_SECRET_KEY = WEBHOOK_KEY
    return settings


def test_a_new_secret_is_sealed_under_the_webhook_key_and_survives_a_secret_key_change(keys, admin):
    created = admin.api.post("webhooks", {"url": "https://hooks.example.com/a", "events": ["*"]}).json()
    stored = _stored(created["id"])
    assert _opens_with(WEBHOOK_KEY, stored) and not _opens_with(FIRST, stored)
    keys.SECRET_KEY = SECOND  # SECRET_KEY changes, with no fallback: the webhook key still opens it
    assert decrypt_secret(stored) == created["secret"]
    out = io.StringIO()
    call_command("reencrypt_webhook_secrets", stdout=out)
    assert out.getvalue().strip().splitlines()[-1] == "0"  # already under the current key
    assert _stored(created["id"]) == stored


def test_setting_a_webhook_key_moves_older_secrets_onto_it(settings, admin):
    settings.SECRET_KEY = FIRST
    settings.SECRET_KEY_FALLBACKS = []
    settings.WEBHOOK_SECRET_KEY = ""
    created = admin.api.post("webhooks", {"url": "https://hooks.example.com/b", "events": ["*"]}).json()
    before = _stored(created["id"])
    assert _opens_with(FIRST, before) and not _opens_with(WEBHOOK_KEY, before)

    settings.WEBHOOK_SECRET_KEY = WEBHOOK_KEY
    assert decrypt_secret(before) == created["secret"]  # still readable through SECRET_KEY
    out = io.StringIO()
    call_command("reencrypt_webhook_secrets", stdout=out)
    assert out.getvalue().strip().splitlines()[-1] == "1"
    after = _stored(created["id"])
    assert _opens_with(WEBHOOK_KEY, after) and not _opens_with(FIRST, after)
    settings.SECRET_KEY = SECOND
    assert decrypt_secret(after) == created["secret"]
