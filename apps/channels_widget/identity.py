"""Identity verification, as Intercom does it.

A workspace has one widget identity secret (rotatable, shown once, stored encrypted with
leadiosa.crypto). The host page's server computes

    user_hash = hex(HMAC-SHA256(secret, user_id))     # when it passes data-user-id
    user_hash = hex(HMAC-SHA256(secret, email))       # otherwise, with data-user-email

and the page passes `data-user-id` / `data-user-email` / `data-user-hash` on the snippet. Only a claim
whose hash matches is ever attached to a contact: a verified `user_id` to the contact with that
`external_id`, a verified e-mail (without a user id) to the contact with that e-mail. No secret yet, a
missing or wrong hash: the claim is ignored (the visitor stays anonymous).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from leadiosa.crypto import InvalidToken, Purpose, decrypt, encrypt

PREFIX = "wsec_"
_PURPOSE = Purpose.named("channels_widget.identity_secret")


def generate_secret() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def seal(secret: str) -> str:
    return encrypt(secret.encode(), _PURPOSE)


def unseal(token: str | None) -> str | None:
    if not token:
        return None
    try:
        return decrypt(token, _PURPOSE).decode()
    except InvalidToken:
        return None


def signed_value(*, email: str | None, user_id: str | None) -> str | None:
    """What the hash covers: the user id when there is one, else the e-mail."""
    return user_id or email or None


def user_hash(secret: str, value: str) -> str:
    return hmac.new(secret.encode(), value.encode(), hashlib.sha256).hexdigest()


def verified(secret: str | None, *, email: str | None, user_id: str | None, given_hash: str | None) -> bool:
    """Total: any claim or hash a page can send answers True or False, never raises. The comparison is
    on bytes (`hmac.compare_digest` refuses a str with a non-ASCII character), and a claim that is not
    encodable text (a lone surrogate) cannot have been signed."""
    value = signed_value(email=email, user_id=user_id)
    if not secret or not value or not isinstance(given_hash, str):
        return False
    try:
        expected = user_hash(secret, value).encode("ascii")
    except UnicodeEncodeError:
        return False
    given = given_hash.strip().lower().encode("utf-8", "surrogatepass")
    return hmac.compare_digest(expected, given)
