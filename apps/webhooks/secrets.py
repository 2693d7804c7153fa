"""Signing secrets: generated, encrypted at rest, and used to sign per the Standard Webhooks spec.

Signing is the reference library's (`standardwebhooks.Webhook.sign`), the one our receivers verify
with. It signs with one secret; during a rotation each live secret signs and the signatures are joined
with spaces, as the spec's header allows.

A secret is `whsec_` + base64 of 32 random bytes; the HMAC key is those 32 bytes. At rest it is
encrypted by `leadiosa.crypto` (Fernet under a key derived from WEBHOOK_SECRET_KEY when set, then
SECRET_KEY, then each of SECRET_KEY_FALLBACKS): a database dump alone does not let anyone forge
deliveries, and rotating SECRET_KEY keeps every stored secret readable. A secret still sealed under an
older key is re-sealed under the current one the next time it is used (`current_ciphertexts`).
"""

from __future__ import annotations

import base64
import secrets
from datetime import UTC, datetime

from django.conf import settings
from standardwebhooks import Webhook

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


def sign(secrets_: list[str], msg_id: str, timestamp: int, body: str) -> str:
    """The webhook-signature header: one `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">` per
    live secret, space-separated."""
    at = datetime.fromtimestamp(timestamp, tz=UTC)
    return " ".join(Webhook(secret).sign(msg_id, at, body) for secret in secrets_)
