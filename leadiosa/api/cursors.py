"""The one cursor codec: `cur_` + a signed, URL-safe encoding of a small JSON list.

What a cursor holds is up to its list (a keyset position, a chunk position); the codec signs it, so a
tampered or foreign cursor is refused with 400 invalid_cursor. Lists bind a cursor to themselves and to
the workspace by putting both in the payload and checking them on the way back.
"""

from __future__ import annotations

import base64
import json

from django.core import signing

from leadiosa.api.errors import ApiError

PREFIX = "cur_"
_signer = signing.Signer(salt="leadiosa.cursor", algorithm="sha256")


def invalid_cursor() -> ApiError:
    return ApiError(400, "invalid_cursor", "The cursor is not valid for this list.", param="after")


def encode_cursor(payload: list) -> str:
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return PREFIX + _signer.sign(base64.urlsafe_b64encode(raw).decode().rstrip("="))


def decode_cursor(cursor: str) -> list:
    """The payload of one of our cursors; 400 invalid_cursor for anything else."""
    if not cursor.startswith(PREFIX):
        raise invalid_cursor()
    try:
        encoded = _signer.unsign(cursor[len(PREFIX) :])
        payload = json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    except (signing.BadSignature, ValueError, TypeError):
        raise invalid_cursor() from None
    if not isinstance(payload, list):
        raise invalid_cursor()
    return payload
