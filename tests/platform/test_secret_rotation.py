"""Rotating SECRET_KEY with the old key in SECRET_KEY_FALLBACKS breaks nothing outstanding.

Stored webhook secrets stay decryptable and are re-encrypted under the new key on their next use (or by
`manage.py reencrypt_webhook_secrets`); sealed idempotency responses still replay; cursors and archive
download links signed with the old key stay valid until they expire. Without the fallback, each of them
is refused: that is what proves the fallback is what keeps them working.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import InvalidToken
from django.core import signing
from django.core.management import call_command
from django.db import connection
from standardwebhooks import Webhook

from apps.webhooks.models import WebhookEndpoint
from apps.webhooks.secrets import decrypt_secret
from apps.workspaces.lifecycle import DOWNLOAD_SALT
from leadiosa import crypto
from leadiosa.tenancy import with_workspace

ROOT = Path(__file__).resolve().parents[2]
OLD = "old-secret-key-" + "o" * 50
NEW = "new-secret-key-" + "n" * 50


@pytest.fixture
def old_key(settings):
    settings.SECRET_KEY = OLD
    settings.SECRET_KEY_FALLBACKS = []
    return settings


@pytest.fixture
def receiver(settings):
    from tests.webhooks.receiver import Receiver

    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True  # the receiver listens on 127.0.0.1
    server = Receiver().start()
    yield server
    server.stop()


def rotate(settings, *, keep_fallback: bool = True) -> None:
    settings.SECRET_KEY = NEW
    settings.SECRET_KEY_FALLBACKS = [OLD] if keep_fallback else []


def test_the_settings_read_fallbacks_from_the_environment():
    env = {**os.environ, "SECRET_KEY_FALLBACKS": "first-old-key,second-old-key"}
    out = subprocess.run(
        [sys.executable, "-c", "from config.settings import base; print(base.SECRET_KEY_FALLBACKS)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip() == "['first-old-key', 'second-old-key']"


def test_crypto_encrypts_with_the_current_key_and_reads_with_any(old_key):
    purpose = crypto.Purpose.named("test")
    sealed = crypto.encrypt(b"payload", purpose)
    rotate(old_key)
    assert crypto.decrypt(sealed, purpose) == b"payload"
    assert crypto.needs_reencryption(sealed, purpose)
    fresh = crypto.reencrypt(sealed, purpose)
    assert fresh != sealed and not crypto.needs_reencryption(fresh, purpose)
    rotate(old_key, keep_fallback=False)
    assert crypto.decrypt(fresh, purpose) == b"payload"  # readable with the new key alone
    with pytest.raises(InvalidToken):
        crypto.decrypt(sealed, purpose)
    # A purpose's key opens nothing sealed for another purpose.
    with pytest.raises(InvalidToken):
        crypto.decrypt(fresh, crypto.Purpose.named("other"))


def test_webhook_secrets_survive_a_rotation_and_are_resealed_on_next_use(
    old_key, admin, receiver, eager_tasks, django_capture_on_commit_callbacks
):
    created = admin.api.post("webhooks", {"url": receiver.url, "events": ["contact.created"]}).json()
    stored_before = WebhookEndpoint.all_workspaces.get(id=created["id"]).secret_encrypted

    rotate(old_key)
    assert decrypt_secret(stored_before) == created["secret"]
    with django_capture_on_commit_callbacks(execute=True):
        assert admin.api.post("contacts", {"email": "ada@example.com"}).status_code == 201
    [request] = receiver.requests
    Webhook(created["secret"]).verify(request.body, request.headers)  # signed with the right secret

    stored_after = WebhookEndpoint.all_workspaces.get(id=created["id"]).secret_encrypted
    assert stored_after != stored_before  # re-encrypted on this use
    rotate(old_key, keep_fallback=False)  # the old key can now go
    assert decrypt_secret(stored_after) == created["secret"]


def test_without_the_fallback_a_rotated_key_cannot_read_old_secrets(old_key, admin):
    created = admin.api.post("webhooks", {"url": "https://hooks.example.com/x", "events": ["*"]})
    stored = WebhookEndpoint.all_workspaces.get(id=created.json()["id"]).secret_encrypted
    rotate(old_key, keep_fallback=False)
    with pytest.raises(InvalidToken):
        decrypt_secret(stored)


def test_reencrypt_command_moves_every_secret_to_the_new_key(old_key, admin):
    first = admin.api.post("webhooks", {"url": "https://hooks.example.com/a", "events": ["*"]}).json()
    second = admin.api.post("webhooks", {"url": "https://hooks.example.com/b", "events": ["*"]}).json()
    rotated = admin.api.post(f"webhooks/{second['id']}/rotate-secret").json()  # two secrets live
    rotate(old_key)
    out = io.StringIO()
    call_command("reencrypt_webhook_secrets", stdout=out)
    assert out.getvalue().strip().splitlines()[-1] == "2"
    rotate(old_key, keep_fallback=False)
    endpoints = {e.id: e for e in WebhookEndpoint.all_workspaces.all()}
    assert decrypt_secret(endpoints[first["id"]].secret_encrypted) == first["secret"]
    assert decrypt_secret(endpoints[second["id"]].secret_encrypted) == rotated["secret"]
    assert decrypt_secret(endpoints[second["id"]].previous_secret_encrypted) == second["secret"]
    out = io.StringIO()
    call_command("reencrypt_webhook_secrets", stdout=out)
    assert out.getvalue().strip().splitlines()[-1] == "0"  # nothing left to move


def test_a_sealed_idempotent_response_still_replays_after_a_rotation(old_key, admin):
    headers = {"Idempotency-Key": "rotation-1"}
    first = admin.api.post("contacts", {"email": "grace@example.com"}, headers=headers)
    assert first.status_code == 201
    rotate(old_key)
    replay = admin.api.post("contacts", {"email": "grace@example.com"}, headers=headers)
    assert replay.status_code == 201
    assert replay["Idempotent-Replayed"] == "true"
    assert replay.json() == first.json()


def test_a_download_link_signed_with_the_old_key_stays_valid_until_it_expires(old_key):
    token = signing.TimestampSigner(salt=DOWNLOAD_SALT).sign_object({"w": "ws_x", "a": 1, "f": "a.zip"})
    rotate(old_key)
    signer = signing.TimestampSigner(salt=DOWNLOAD_SALT)  # as apps.workspaces.lifecycle builds it
    assert signer.unsign_object(token, max_age=3600) == {"w": "ws_x", "a": 1, "f": "a.zip"}
    with pytest.raises(signing.SignatureExpired):
        signer.unsign_object(token, max_age=-1)  # the fallback does not extend its life
    rotate(old_key, keep_fallback=False)
    with pytest.raises(signing.BadSignature):
        signing.TimestampSigner(salt=DOWNLOAD_SALT).unsign_object(token, max_age=3600)


PAGE = """
import django, json, sys
django.setup()
from django.test import Client
token, cursor = sys.argv[1], sys.argv[2]
params = {"limit": "1", **({"after": cursor} if cursor else {})}
response = Client().get("/api/v1/contacts", params, HTTP_AUTHORIZATION="Bearer " + token)
print(json.dumps({"status": response.status_code, "body": response.json()}))
"""


def _page_from_a_process(token: str, cursor: str, *, key: str, fallbacks: str) -> dict:
    """Rotation is a restart with a new environment: ask processes started with each environment
    (a process reads its keys once, at start)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_NAME": connection.settings_dict["NAME"],
        "SECRET_KEY": key,
        "SECRET_KEY_FALLBACKS": fallbacks,
    }
    done = subprocess.run(
        [sys.executable, "-c", PAGE, token, cursor],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_cursor_signed_with_the_old_key_stays_valid_after_a_rotation(owner):
    for email in ("a@example.com", "b@example.com"):
        assert owner.api.post("contacts", {"email": email}).status_code == 201
    before = _page_from_a_process(owner.plaintext, "", key=OLD, fallbacks="")
    assert [c["email"] for c in before["body"]["data"]] == ["b@example.com"]
    cursor = before["body"]["pagination"]["next_cursor"]

    rotated = _page_from_a_process(owner.plaintext, cursor, key=NEW, fallbacks=OLD)
    assert rotated["status"] == 200, rotated
    assert [c["email"] for c in rotated["body"]["data"]] == ["a@example.com"]

    refused = _page_from_a_process(owner.plaintext, cursor, key=NEW, fallbacks="")
    assert refused["status"] == 400
    assert refused["body"]["error"]["code"] == "invalid_cursor"


def test_encrypted_values_are_keyed_per_purpose_and_never_plaintext(old_key, admin):
    created = admin.api.post("webhooks", {"url": "https://hooks.example.com/x", "events": ["*"]}).json()
    with with_workspace(admin.workspace.id):
        stored = WebhookEndpoint.objects.get(id=created["id"]).secret_encrypted
    assert created["secret"] not in stored
    assert created["secret"].removeprefix("whsec_") not in stored
