"""Signing secrets: generated, encrypted at rest, and used to sign per the Standard Webhooks spec.

A secret is `whsec_` + base64 of 32 random bytes; the HMAC key is those 32 bytes. At rest it is
encrypted by `leadiosa.crypto` (Fernet under a key derived from WEBHOOK_SECRET_KEY when set, then
SECRET_KEY, then each of SECRET_KEY_FALLBACKS): a database dump alone does not let anyone forge
deliveries, and rotating SECRET_KEY keeps every stored secret readable. A secret still sealed under an
older key is re-sealed under the current one the next time it is used (`current_ciphertexts`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from django.conf import settings

from leadiosa import crypto

SECRET_PREFIX = "whsec_"
# The derivation the secrets have always been stored with: changing it would orphan them.
PURPOSE = crypto.Purpose(salt=b"leadiosa.webhooks", info=b"webhook-secret-at-rest")


def generate_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def _primary() -> str:
    return getattr(settings, "WEBHOOK_SECRET_KEY", "") or ""


def encrypt_secret(secret: str) -> str:
    return crypto.encrypt(secret.encode(), PURPOSE, primary=_primary())


def decrypt_secret(token: str) -> str:
    return crypto.decrypt(token, PURPOSE, primary=_primary()).decode()


def reencrypt_secret(token: str) -> str:
    """The stored value re-sealed under the current key, or `token` itself if it already is."""
    return crypto.reencrypt(token, PURPOSE, primary=_primary()) if token else token


def _key_bytes(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX))


def sign(secrets_: list[str], msg_id: str, timestamp: int, body: str) -> str:
    """The webhook-signature header: one `v1,<base64 HMAC-SHA256>` per live secret, space-separated."""
    signed = f"{msg_id}.{timestamp}.{body}".encode()
    return " ".join(
        "v1," + base64.b64encode(hmac.new(_key_bytes(s), signed, hashlib.sha256).digest()).decode()
        for s in secrets_
    )
