"""Encryption at rest for data the platform must keep but nobody should read from a database dump.

One scheme for everything we encrypt: Fernet (AES-128-CBC + HMAC-SHA256) under keys derived with HKDF
from the master keys, which are SECRET_KEY and then each of SECRET_KEY_FALLBACKS. A `MultiFernet` over
those keys encrypts with the first and decrypts with any, so rotating SECRET_KEY (the old one moved to
SECRET_KEY_FALLBACKS) keeps every stored value readable; `reencrypt` moves a value onto the current key
when it was sealed under a fallback, and callers store the result on their next write. Once nothing
sealed under a fallback remains (see `needs_reencryption`), the fallback can go.

Each use names a `Purpose`: values sealed for one purpose cannot be opened as another, because the
derived keys differ.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

__all__ = [
    "InvalidToken",
    "Purpose",
    "decrypt",
    "encrypt",
    "master_keys",
    "needs_reencryption",
    "reencrypt",
    "seal_json",
    "unseal_json",
]


@dataclass(frozen=True)
class Purpose:
    """The HKDF salt and info that derive this purpose's key from a master key."""

    info: bytes
    salt: bytes = b"leadiosa"

    @classmethod
    def named(cls, name: str) -> Purpose:
        return cls(info=name.encode())


def master_keys(primary: str = "") -> tuple[str, ...]:
    """The keys to try, the one to encrypt with first: `primary` if given, SECRET_KEY, its fallbacks."""
    keys = [primary] if primary else []
    keys.append(settings.SECRET_KEY)
    keys += [key for key in getattr(settings, "SECRET_KEY_FALLBACKS", ()) if key]
    return tuple(dict.fromkeys(keys))  # the same key twice is tried once


@lru_cache(maxsize=64)
def _fernet(master: str, purpose: Purpose) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=purpose.salt, info=purpose.info).derive(
        master.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


@lru_cache(maxsize=16)
def _keyring(masters: tuple[str, ...], purpose: Purpose) -> MultiFernet:
    return MultiFernet([_fernet(master, purpose) for master in masters])


def keyring(purpose: Purpose, *, primary: str = "") -> MultiFernet:
    return _keyring(master_keys(primary), purpose)


def encrypt(plaintext: bytes, purpose: Purpose, *, primary: str = "") -> str:
    return keyring(purpose, primary=primary).encrypt(plaintext).decode()


def decrypt(token: str, purpose: Purpose, *, primary: str = "") -> bytes:
    """The plaintext; raises InvalidToken when no current or fallback key opens it."""
    return keyring(purpose, primary=primary).decrypt(token.encode())


def needs_reencryption(token: str, purpose: Purpose, *, primary: str = "") -> bool:
    """True when the current key cannot open `token` (it was sealed under a fallback, or is garbage)."""
    try:
        _fernet(master_keys(primary)[0], purpose).decrypt(token.encode())
    except InvalidToken:
        return True
    return False


def reencrypt(token: str, purpose: Purpose, *, primary: str = "") -> str:
    """`token` sealed under the current key (the same token if it already is). Raises InvalidToken when
    no key opens it. Keeps Fernet's original timestamp (MultiFernet.rotate)."""
    if not needs_reencryption(token, purpose, primary=primary):
        return token
    return keyring(purpose, primary=primary).rotate(token.encode()).decode()


def seal_json(value, *, purpose: str) -> str:
    """`value` as JSON, encrypted under the current key for this purpose."""
    return encrypt(json.dumps(value).encode(), Purpose.named(purpose))


def unseal_json(token: str, *, purpose: str):
    return json.loads(decrypt(token, Purpose.named(purpose)))
