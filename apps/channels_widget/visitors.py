"""Widget visitors: the anonymous person behind a chat, and the signed credential their frame keeps.

The credential is `django.core.signing` over (workspace id, visitor id[, 1 when the host page vouched for
the visitor]) with its own salt: it cannot be forged or moved to another workspace, and it carries no
personal data. It travels two ways (docs/decisions.md, "Widget visitor credential"):

- a cookie (COOKIE) the public API sets whenever it hands out or confirms a credential: HttpOnly,
  Secure, SameSite=None, Partitioned (CHIPS: kept per top-level site, so browsers that block third-party
  cookies still keep it), Path /widget/v1/<key>/. It is honoured only on the frame's own requests (no
  Origin or the product's own, no cross-site Sec-Fetch-Site), so a script of the host page cannot act
  with it;
- the `X-Widget-Visitor` header, from the frame's own storage: the fallback where cookies are blocked.
  When both come, the header wins."""

from __future__ import annotations

from http.cookies import Morsel
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.db import transaction

from apps.contacts.services import contact_delete_merged, contact_find_or_create

from .models import WidgetVisitor

_SALT = "leadiosa.channels_widget.visitor"
HEADER = "HTTP_X_WIDGET_VISITOR"
COOKIE = "leadiosa_visitor"
COOKIE_MAX_AGE = 180 * 24 * 3600  # refreshed on every visit; browsers cap cookies at 400 days
VERIFIED = 1


def visitor_credential(visitor: WidgetVisitor, *, verified: bool = False) -> str:
    payload = [visitor.workspace_id, visitor.pk, VERIFIED] if verified else [visitor.workspace_id, visitor.pk]
    return signing.dumps(payload, salt=_SALT, compress=True)


def credential_parts(credential: str | None) -> tuple[str, int, bool] | None:
    """(workspace id, visitor id, verified) of a genuine credential, else None. Total: never raises."""
    if not credential or not isinstance(credential, str):
        return None
    try:
        payload = signing.loads(credential, salt=_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(payload, list) or len(payload) not in (2, 3):
        return None
    workspace_id, visitor_id = payload[0], payload[1]
    if not isinstance(workspace_id, str) or not isinstance(visitor_id, int) or isinstance(visitor_id, bool):
        return None
    return workspace_id, visitor_id, payload[2:] == [VERIFIED]


def own_origin() -> str:
    """The product's own origin (PUBLIC_BASE_URL's scheme and host), lower-case: the frame's. The one
    definition both the cookie's check (below) and the public API's CORS check use."""
    parts = urlsplit(settings.PUBLIC_BASE_URL)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _from_the_frame(request) -> bool:
    """A request the frame made (the product's own origin), not one a host page's script made with the
    browser's cookie."""
    if request.headers.get("Sec-Fetch-Site", "same-origin") != "same-origin":
        return False
    origin = request.headers.get("Origin")
    return not origin or origin.lower() == own_origin()


def credential_of(request) -> str | None:
    """The credential a request carries: the header, else the cookie (on the frame's own requests)."""
    header = request.META.get(HEADER)
    if header:
        return header
    if _from_the_frame(request):
        return request.COOKIES.get(COOKIE) or None
    return None


def visitor_of_credential(workspace_id: str, credential: str | None) -> WidgetVisitor | None:
    parts = credential_parts(credential)
    if parts is None or parts[0] != workspace_id:
        return None
    return WidgetVisitor.objects.for_workspace(workspace_id).filter(pk=parts[1]).first()


def credential_is_verified(workspace_id: str, credential: str | None) -> bool:
    """Whether a credential speaks for a verified person: it carries the verified mark, or its visitor's
    contact is not anonymous (an e-mail or an external id). The contact decides too because credentials
    issued before the mark existed have none: a signed-in user's unmarked credential must still be
    dropped on sign-out or a failed identify."""
    parts = credential_parts(credential)
    if parts is None or parts[0] != workspace_id:
        return False
    if parts[2]:
        return True
    contact_id = (
        WidgetVisitor.objects.for_workspace(workspace_id)
        .filter(pk=parts[1])
        .values_list("contact_id")
        .first()
    )
    return contact_id is not None and not _anonymous(contact_id[0])


class _PartitionedMorsel(Morsel):
    """A Set-Cookie with the `Partitioned` attribute (CHIPS), which http.cookies (before Python 3.14) and
    Django 5.2's set_cookie do not know."""

    def OutputString(self, attrs=None):  # noqa: N802 - http.cookies' name
        return super().OutputString(attrs) + "; Partitioned"


def _cookie_path(key: str) -> str:
    return f"/widget/v1/{key}/"


def _put_cookie(response, key: str, value: str, max_age: int) -> None:
    response.set_cookie(
        COOKIE,
        value,
        max_age=max_age,
        path=_cookie_path(key),
        secure=True,
        httponly=True,
        samesite="None",
    )
    plain = response.cookies[COOKIE]
    morsel = _PartitionedMorsel()
    morsel.set(plain.key, plain.value, plain.coded_value)
    morsel.update({name: plain[name] for name in plain.keys() if plain[name] != ""})  # noqa: SIM118 - a Morsel
    response.cookies[COOKIE] = morsel


def set_credential_cookie(response, key: str, credential: str) -> None:
    """The visitor's credential as a cookie (module docstring), for COOKIE_MAX_AGE from now."""
    _put_cookie(response, key, credential, COOKIE_MAX_AGE)


def clear_credential_cookie(response, key: str) -> None:
    """Delete the cookie (in its partition: the deletion carries Partitioned too)."""
    _put_cookie(response, key, "", 0)
    response.cookies[COOKIE]["expires"] = "Thu, 01 Jan 1970 00:00:00 GMT"


@transaction.atomic
def visitor_create(*, workspace_id: str) -> WidgetVisitor:
    """A new anonymous contact (no e-mail, no external id) and its visitor row."""
    contact, _created = contact_find_or_create()
    return WidgetVisitor.objects.create(workspace_id=workspace_id, contact=contact)


def visitors_erase(workspace_id: str, contact_id: str) -> None:
    """Delete the contact's visitor rows (an erasure, or a merge on identify): their credentials open
    nothing from now on."""
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
def visitor_identify(
    *, workspace_id: str, email: str | None, user_id: str | None, current: WidgetVisitor | None = None
) -> WidgetVisitor:
    """The visitor of a *verified* identity (identity.verified said yes): a user id → the contact with that
    external_id, else an e-mail → the contact with that e-mail (found or created); its visitor row (the
    first one, or a new one).

    `current`: the visitor the frame was until now (its credential). Anonymous and another contact's, it
    merges into the verified one (visitor_merge): the conversations started before the visitor signed in
    stay theirs."""
    if user_id:
        contact, _created = contact_find_or_create(external_id=user_id)
    else:
        contact, _created = contact_find_or_create(email=email)
    if current is not None and current.contact_id != contact.pk:
        visitor_merge(workspace_id=workspace_id, visitor=current, contact_id=contact.pk)
    visitor = WidgetVisitor.objects.for_workspace(workspace_id).filter(contact=contact).order_by("pk").first()
    if visitor is None:
        visitor = WidgetVisitor.objects.create(workspace_id=workspace_id, contact=contact)
    return visitor


def _anonymous(contact_id: str) -> bool:
    from apps.contacts.models import Contact

    return Contact.objects.filter(pk=contact_id, email__isnull=True, external_id__isnull=True).exists()


def visitor_still_there(workspace_id: str, visitor: WidgetVisitor) -> WidgetVisitor | None:
    """In a transaction, before writing for a visitor read earlier: lock its contact's row (the lock
    visitor_merge takes first) and read the visitor again. None when a merge or an erasure deleted the
    visitor or its contact meanwhile: its credential is no longer valid."""
    from apps.contacts.models import Contact

    if Contact.objects.select_for_update().filter(pk=visitor.contact_id).values_list("pk").first() is None:
        return None
    return (
        WidgetVisitor.objects.for_workspace(workspace_id)
        .filter(pk=visitor.pk, contact_id=visitor.contact_id)
        .first()
    )


@transaction.atomic
def visitor_merge(*, workspace_id: str, visitor: WidgetVisitor, contact_id: str) -> bool:
    """An anonymous visitor proved to be `contact_id`: their widget conversations (each through
    conversation_contact_change: `conversation.updated`, audited, webhooks) move to that contact, every
    visitor row of their anonymous contact is deleted (its credentials open nothing), the stored webhook payloads that carried them are
    erased with it from now on, and the anonymous contact is deleted when nothing else is left of it
    (contact_delete_merged). A visitor whose contact is not anonymous (an e-mail or an external id: a
    previous verified identity, or one an agent gave it) never merges. Whether it merged."""
    from apps.contacts.models import Contact
    from apps.conversations.models import Channel, Conversation
    from apps.conversations.services import conversation_contact_change
    from apps.webhooks.outbox import webhook_payloads_move_contact

    anonymous_id = visitor.contact_id
    if anonymous_id == contact_id:
        return False
    # The anonymous contact's row lock before its conversations are read: a conversation the visitor is
    # starting meanwhile is either committed first (and moved with the rest) or waits for the merge and
    # finds the visitor gone (visitor_still_there), never an insert on a deleted contact.
    locked = Contact.objects.select_for_update().filter(pk=anonymous_id).values_list("pk").first()
    if locked is None or not _anonymous(anonymous_id):
        return False
    conversations = list(
        Conversation.objects.for_workspace(workspace_id)
        .filter(contact_id=anonymous_id, channel=Channel.WIDGET)
        .order_by("id")
    )
    for conversation in conversations:
        conversation_contact_change(conversation=conversation, contact_id=contact_id)
    # The anonymous visitor rows are deleted, not moved: moved, the old anonymous credential (which
    # sign-out never drops) would open the verified person's whole widget history, other devices'
    # included. The frame keeps the verified credential identify returns; the old one opens nothing.
    visitors_erase(workspace_id, anonymous_id)
    deleted = contact_delete_merged(contact_id=anonymous_id, into_id=contact_id)
    # The payloads that carried the moved conversations; all of the anonymous contact's once it is gone.
    webhook_payloads_move_contact(
        workspace_id, anonymous_id, contact_id, mentioning=None if deleted else [c.id for c in conversations]
    )
    return True
