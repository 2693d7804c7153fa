"""API token format: `lds_` + 34 random base62 characters + a 6-character base62 CRC32 of them.

The checksum lets a secret scanner (or our own auth) reject a look-alike without a database lookup.
Only the SHA-256 of a token is stored.
"""

import hashlib
import secrets
import zlib

from leadiosa.ids import BASE62, base62

TOKEN_PREFIX = "lds_"
_RANDOM_LEN = 34
_CHECKSUM_LEN = 6
TOKEN_LENGTH = len(TOKEN_PREFIX) + _RANDOM_LEN + _CHECKSUM_LEN


def _checksum(random_part: str) -> str:
    return base62(zlib.crc32(random_part.encode()), _CHECKSUM_LEN)


def generate_token() -> str:
    random_part = "".join(secrets.choice(BASE62) for _ in range(_RANDOM_LEN))
    return f"{TOKEN_PREFIX}{random_part}{_checksum(random_part)}"


def is_well_formed(token: str) -> bool:
    if len(token) != TOKEN_LENGTH or not token.startswith(TOKEN_PREFIX):
        return False
    body = token[len(TOKEN_PREFIX) :]
    if not (body.isascii() and body.isalnum()):  # ASCII letters and digits: the base62 alphabet
        return False
    return _checksum(body[:_RANDOM_LEN]) == body[_RANDOM_LEN:]


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
