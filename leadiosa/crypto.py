"""Encryption at rest for data the platform must keep but nobody should read from a database dump."""

from __future__ import annotations

import base64
import json
from functools import lru_cache

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


@lru_cache(maxsize=8)
def _fernet(master: str, purpose: str) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"leadiosa", info=purpose.encode()).derive(
        master.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def seal_json(value, *, purpose: str) -> str:
    """Fernet (AES-CBC + HMAC) under a key derived from SECRET_KEY for this purpose."""
    return _fernet(settings.SECRET_KEY, purpose).encrypt(json.dumps(value).encode()).decode()


def unseal_json(token: str, *, purpose: str):
    return json.loads(_fernet(settings.SECRET_KEY, purpose).decrypt(token.encode()))
