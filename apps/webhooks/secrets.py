"""Signing secrets: generated, encrypted at rest, and used to sign per the Standard Webhooks spec.

A secret is `whsec_` + base64 of 32 random bytes; the HMAC key is those 32 bytes. At rest it is
encrypted with Fernet (AES-128-CBC + HMAC-SHA256) under a key derived from WEBHOOK_SECRET_KEY, which
falls back to SECRET_KEY: a database dump alone does not let anyone forge deliveries.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from functools import lru_cache

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

SECRET_PREFIX = "whsec_"


def generate_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


@lru_cache(maxsize=4)
def _fernet(master: str) -> Fernet:
    key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"leadiosa.webhooks", info=b"webhook-secret-at-rest"
    ).derive(master.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def _master_key() -> str:
    return getattr(settings, "WEBHOOK_SECRET_KEY", "") or settings.SECRET_KEY


def encrypt_secret(secret: str) -> str:
    return _fernet(_master_key()).encrypt(secret.encode()).decode()


def decrypt_secret(token: str) -> str:
    return _fernet(_master_key()).decrypt(token.encode()).decode()


def _key_bytes(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX))


def sign(secrets_: list[str], msg_id: str, timestamp: int, body: str) -> str:
    """The webhook-signature header: one `v1,<base64 HMAC-SHA256>` per live secret, space-separated."""
    signed = f"{msg_id}.{timestamp}.{body}".encode()
    return " ".join(
        "v1," + base64.b64encode(hmac.new(_key_bytes(s), signed, hashlib.sha256).digest()).decode()
        for s in secrets_
    )
