"""A workspace's inbound address, reply addresses and secret inbound URL — derived, never stored.

The inbound token is `<workspace id>.<HMAC of it>` under a key derived from SECRET_KEY (older keys in
SECRET_KEY_FALLBACKS still verify, so rotating the secret key does not cut mail off at once). The MAC
is compared in constant time; the workspace id in front only says which MAC to check.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from django.conf import settings

from leadiosa.ids import is_public_id, random_base62

_PURPOSE = b"leadiosa.channels_email.inbound-token"
_REPLY_TAG = re.compile(r"^(?P<local>[A-Za-z0-9-]+)\+(?P<conversation>conv_[A-Za-z0-9]+)@(?P<domain>.+)$")


def _mac(workspace_id: str, secret: str) -> str:
    key = hashlib.sha256(_PURPOSE + secret.encode()).digest()
    return hmac.new(key, workspace_id.encode(), hashlib.sha256).hexdigest()[:40]


def inbound_token(workspace_id: str) -> str:
    return f"{workspace_id}.{_mac(workspace_id, settings.SECRET_KEY)}"


def workspace_of_token(token: str) -> str | None:
    """The workspace a token belongs to, or None (no hint whether the workspace exists)."""
    workspace_id, _, mac = token.partition(".")
    if not is_public_id(workspace_id, "ws") or not mac:
        return None
    valid = False
    for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]:
        valid |= hmac.compare_digest(mac.encode(), _mac(workspace_id, secret).encode())
    return workspace_id if valid else None


def inbound_url(workspace_id: str) -> str:
    return f"{settings.PUBLIC_BASE_URL}/inbound/email/{inbound_token(workspace_id)}"


def inbox_local_part(workspace_id: str) -> str:
    # Lower-case and stable: mail systems may fold the case of a local part.
    return "support-" + hashlib.sha256(workspace_id.encode()).hexdigest()[:12]


def inbox_address(workspace_id: str) -> str:
    return f"{inbox_local_part(workspace_id)}@{settings.EMAIL_INBOUND_DOMAIN}"


def reply_address(workspace_id: str, conversation_id: str) -> str:
    """Reply-To of our replies: the inbox address tagged with the conversation."""
    return f"{inbox_local_part(workspace_id)}+{conversation_id}@{settings.EMAIL_INBOUND_DOMAIN}"


def conversation_of_reply_address(workspace_id: str, address: str) -> str | None:
    match = _REPLY_TAG.match(address.strip())
    if not match or match["domain"].lower() != settings.EMAIL_INBOUND_DOMAIN.lower():
        return None
    if match["local"].lower() != inbox_local_part(workspace_id):
        return None
    return match["conversation"]


def is_our_address(address: str) -> bool:
    return address.lower().endswith("@" + settings.EMAIL_INBOUND_DOMAIN.lower())


def new_message_id() -> str:
    return f"<{random_base62(24)}@{settings.EMAIL_INBOUND_DOMAIN}>"
