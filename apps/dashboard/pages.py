"""Rendering a workspace page: the base template's context in one place, and keyset cursors."""

from __future__ import annotations

from datetime import datetime

from django.core import signing
from django.template.response import TemplateResponse

from .access import Access

_CURSOR_SALT = "dashboard.cursor"


def page(request, access: Access, template: str, context: dict | None = None, *, section: str, status=200):
    ctx = {
        "access": access,
        "can": access.can,
        "section": section,
        "workspaces": access.memberships,
    }
    ctx.update(context or {})
    return TemplateResponse(request, template, ctx, status=status)


def fragment(request, template: str, context: dict | None = None, *, status=200):
    """An htmx partial: the same template block the full page includes."""
    return TemplateResponse(request, template, context or {}, status=status)


def encode_cursor(kind: str, moment: datetime, object_id: str) -> str:
    # Not compressed: zlib gains nothing on a few dozen bytes and costs more than the signature (cursors
    # made compressed before still load: the signed value says whether it is).
    return signing.dumps([kind, moment.isoformat(), object_id], salt=_CURSOR_SALT)


def decode_cursor(kind: str, raw: str | None) -> tuple[datetime, str] | None:
    """The (timestamp, id) of a cursor this page made, or None (absent, tampered or another list's)."""
    if not raw:
        return None
    try:
        got_kind, moment, object_id = signing.loads(raw, salt=_CURSOR_SALT)
        if got_kind != kind:
            return None
        return datetime.fromisoformat(moment), str(object_id)
    except (signing.BadSignature, ValueError, TypeError):
        return None
