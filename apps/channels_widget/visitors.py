"""Widget visitors: the anonymous person behind a chat, and the signed credential their frame keeps.

The credential is `django.core.signing` over (workspace id, visitor id) with its own salt: it cannot be
forged or moved to another workspace, and it carries no personal data. The frame sends it back in the
`X-Widget-Visitor` header (it lives in the frame's storage, so third-party-cookie blocking does not
matter)."""

from __future__ import annotations

from django.core import signing
from django.db import transaction

from apps.contacts.services import contact_find_or_create

from .models import WidgetVisitor

_SALT = "leadiosa.channels_widget.visitor"
HEADER = "HTTP_X_WIDGET_VISITOR"


def visitor_credential(visitor: WidgetVisitor) -> str:
    return signing.dumps([visitor.workspace_id, visitor.pk], salt=_SALT, compress=True)


def visitor_of_credential(workspace_id: str, credential: str | None) -> WidgetVisitor | None:
    if not credential:
        return None
    try:
        credential_workspace, visitor_id = signing.loads(credential, salt=_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if credential_workspace != workspace_id or not isinstance(visitor_id, int):
        return None
    return WidgetVisitor.objects.for_workspace(workspace_id).filter(pk=visitor_id).first()


@transaction.atomic
def visitor_create(*, workspace_id: str) -> WidgetVisitor:
    """A new anonymous contact (no e-mail, no external id) and its visitor row."""
    contact, _created = contact_find_or_create()
    return WidgetVisitor.objects.create(workspace_id=workspace_id, contact=contact)


def visitors_erase(workspace_id: str, contact_id: str) -> None:
    from .live import forget_visitors

    rows = WidgetVisitor.objects.for_workspace(workspace_id).filter(contact_id=contact_id)
    pks = list(rows.values_list("pk", flat=True))
    rows.delete()
    if pks:  # their credentials stop opening even the database-free idle poll (live.py)
        forget_visitors(pks)
        transaction.on_commit(lambda: forget_visitors(pks), robust=True)


def widget_conversations_forget_for_erasure(workspace_id: str, contact_id: str) -> None:
    """Registered as an erasure *lock* because locks run before any eraser, while the contact's
    conversations still exist (the conversations app's eraser deletes them before visitors_erase runs):
    the remembered states of its widget conversations go and their stamps move, now and after commit
    (live.forget_conversations), so no idle poll answers from them again."""
    from apps.conversations.models import Channel, Conversation

    from .live import forget_conversations

    ids = list(
        Conversation.objects.for_workspace(workspace_id)
        .filter(contact_id=contact_id, channel=Channel.WIDGET)
        .values_list("id", flat=True)
    )
    if ids:
        forget_conversations(ids)
        transaction.on_commit(lambda: forget_conversations(ids), robust=True)


@transaction.atomic
def visitor_identify(*, workspace_id: str, email: str | None, user_id: str | None) -> WidgetVisitor:
    """The visitor of a *verified* identity (identity.verified said yes): a user id → the contact with that
    external_id, else an e-mail → the contact with that e-mail (found or created); its visitor row (the
    first one, or a new one)."""
    if user_id:
        contact, _created = contact_find_or_create(external_id=user_id)
    else:
        contact, _created = contact_find_or_create(email=email)
    visitor = WidgetVisitor.objects.for_workspace(workspace_id).filter(contact=contact).order_by("pk").first()
    if visitor is None:
        visitor = WidgetVisitor.objects.create(workspace_id=workspace_id, contact=contact)
    return visitor
