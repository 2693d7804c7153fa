"""The audit chain's key: HMAC-SHA256 links with a key that is never stored in the database.

`AUDIT_CHAIN_KEY` (settings, from the environment) when set, otherwise a key derived from
`SECRET_KEY`. Verification also accepts the keys derived from `SECRET_KEY_FALLBACKS` and any
`AUDIT_CHAIN_KEY_FALLBACKS`, so rotating SECRET_KEY keeps older seals verifiable for as long as the old
key stays a fallback. Each seal records the 16-hex `key_id` of the key that made it (an HMAC of a fixed
label: it identifies the key without revealing anything about it).

The sealing trigger runs in PostgreSQL at commit, so the database session needs the key for the
moment it seals: each connection gets it once, when it opens, in the session setting
`leadiosa.audit_chain_key`, sent as a bind parameter (never in the statement text, so never in
pg_stat_activity or a statement log), and only as the two padded HMAC key blocks. Another session, even
of the same role, cannot read it. A session that seals with another key, or none, writes links that
`audit_verify` reports as broken.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache

from django.conf import settings

SETTING = "leadiosa.audit_chain_key"
_DERIVE_LABEL = b"leadiosa.audit.chain-key.v1"
_ID_LABEL = b"leadiosa.audit.key-id"


def _derive(secret: str) -> bytes:
    return hmac.new(secret.encode(), _DERIVE_LABEL, hashlib.sha256).digest()


def key_id(key: bytes) -> str:
    return hmac.new(key, _ID_LABEL, hashlib.sha256).hexdigest()[:16]


def _configured() -> tuple[str, str, tuple[str, ...], tuple[str, ...]]:
    return (
        getattr(settings, "AUDIT_CHAIN_KEY", "") or "",
        settings.SECRET_KEY,
        tuple(getattr(settings, "AUDIT_CHAIN_KEY_FALLBACKS", ()) or ()),
        tuple(getattr(settings, "SECRET_KEY_FALLBACKS", ()) or ()),
    )


@lru_cache(maxsize=8)
def _keys(configured: tuple[str, str, tuple[str, ...], tuple[str, ...]]) -> tuple[bytes, ...]:
    """The current key first, then every key verification still accepts."""
    explicit, secret, explicit_fallbacks, secret_fallbacks = configured
    keys = [explicit.encode()] if explicit else []
    keys.append(_derive(secret))
    keys += [fallback.encode() for fallback in explicit_fallbacks]
    keys += [_derive(fallback) for fallback in secret_fallbacks]
    return tuple(dict.fromkeys(keys))


def current_key() -> bytes:
    return _keys(_configured())[0]


def keys_by_id() -> dict[str, bytes]:
    """Every key verification accepts, by key_id (the current one and the fallbacks)."""
    return {key_id(key): key for key in _keys(_configured())}


def link_mac(key: bytes, prev_hash: str, content_hash: str) -> str:
    """A seal's hash: HMAC-SHA256(key, prev_hash + "\\n" + content_hash), hex."""
    return hmac.new(key, f"{prev_hash}\n{content_hash}".encode("ascii"), hashlib.sha256).hexdigest()


def session_value(key: bytes) -> str:
    """`key_id:ipad_hex:opad_hex`: what the seal trigger needs to compute HMAC-SHA256 with plain
    sha256() (PostgreSQL has no hmac() without pgcrypto): H((K^opad) || H((K^ipad) || m))."""
    block = hashlib.sha256(key).digest() if len(key) > 64 else key
    block = block.ljust(64, b"\0")
    ipad = bytes(b ^ 0x36 for b in block)
    opad = bytes(b ^ 0x5C for b in block)
    return f"{key_id(key)}:{ipad.hex()}:{opad.hex()}"


def give_connection_the_key(sender, connection, **kwargs) -> None:
    """connection_created receiver: set the session's chain key, as a bind parameter."""
    if connection.vendor != "postgresql":
        return
    import psycopg

    with psycopg.Cursor(
        connection.connection
    ) as cursor:  # server-side binding: the key is never in the SQL text
        cursor.execute("SELECT set_config(%s, %s, false)", [SETTING, session_value(current_key())])


def switch_mac(key: bytes, workspace_id: str, seq: int, digest: str) -> str:
    """The MAC of a chain's switch point (its last unkeyed seal): see migration 0006."""
    message = f"audit-chain-switch\n{workspace_id}\n{seq}\n{digest}".encode("ascii")
    return hmac.new(key, message, hashlib.sha256).hexdigest()
