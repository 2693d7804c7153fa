"""Every write to contacts, including the GDPR erasure."""

from __future__ import annotations

from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from leadiosa.api.idempotency import forget_responses_naming
from leadiosa.errors import Conflict, NotFound, invalid
from leadiosa.events import emit, erase_contact_data, lock_contact_data
from leadiosa.tenancy import current_workspace_id

from .models import MAX_ATTRIBUTES, Contact
from .representation import contact_representation

CONTACT_FIELDS = ("email", "name", "phone", "external_id")


def normalize_email(email: str | None) -> str | None:
    email = (email or "").strip().lower()
    return email or None


def _clean(value):
    if isinstance(value, str):
        value = value.strip()
    return value or None


def _contact_exists() -> Conflict:
    return Conflict("contact_exists", "A contact with this email or external_id already exists.")


def _key_taken(*, email: str | None, external_id: str | None, exclude_id: str | None = None) -> bool:
    """Whether another contact of the workspace in scope has this email or external_id, asked under
    transaction-scoped advisory locks on (workspace, key): writers of the same key queue here until
    the first one's transaction ends, so the answer holds until ours does.

    Asking first means a duplicate is answered 409 without a unique-violation error: PostgreSQL logs
    such an error with the offending row's values (an e-mail, a name, a phone number), which would
    outlive an erasure in the server's log. The unique constraints stay as the last line of defence.
    """
    keys = sorted(
        f"contacts:{current_workspace_id()}:{kind}:{value}"
        for kind, value in (("email", email), ("external_id", external_id))
        if value
    )
    if not keys:
        return False
    with connection.cursor() as cursor:
        for key in keys:  # always in the same order: two writers of the same two keys cannot deadlock
            cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [key])
    query = Q()
    if email:
        query |= Q(email=email)
    if external_id:
        query |= Q(external_id=external_id)
    others = Contact.objects.filter(query)
    if exclude_id is not None:
        others = others.exclude(pk=exclude_id)
    return others.exists()


def _emit(event_type: str, contact: Contact, **kwargs) -> None:
    emit(
        event_type,
        workspace_id=contact.workspace_id,
        resource_type="contact",
        resource_id=contact.id,
        data=contact_representation(contact),
        contact_id=contact.id,
        **kwargs,
    )


def _new_contact(
    *, email=None, name=None, phone=None, external_id=None, attributes=None, last_seen_at=None
) -> Contact:
    """A contact not yet saved, its fields cleaned as they are stored."""
    now = timezone.now()
    return Contact(
        workspace_id=current_workspace_id(),
        email=normalize_email(email),
        name=_clean(name),
        phone=_clean(phone),
        external_id=_clean(external_id),
        attributes={k: v for k, v in (attributes or {}).items() if v is not None},
        created_at=now,
        updated_at=now,
        last_seen_at=last_seen_at,
    )


def _insert(contact: Contact, *, savepoint: bool = True) -> Contact:
    """Insert and emit contact.created. The caller has checked its keys under their locks
    (`_key_taken`). Inside a savepoint, so that an IntegrityError leaves the caller's transaction
    usable; `savepoint=False` for a caller that only raises then (two round trips fewer)."""
    with transaction.atomic(savepoint=savepoint):
        contact.save(force_insert=True)
    changes = [f for f in (*CONTACT_FIELDS, "attributes") if getattr(contact, f)]
    _emit("contact.created", contact, changes=changes)
    return contact


def _create(**fields) -> Contact:
    """A taken email or external_id is found first (`_key_taken`) and raised as contact_exists; the
    unique constraints (IntegrityError) only back that up."""
    contact = _new_contact(**fields)
    if _key_taken(email=contact.email, external_id=contact.external_id):
        raise _contact_exists()
    return _insert(contact, savepoint=False)  # contact_create raises on an IntegrityError


@transaction.atomic
def contact_create(**fields) -> Contact:
    """A new contact. 409 contact_exists when its email or external_id is taken in this workspace."""
    try:
        return _create(**fields)
    except IntegrityError:
        raise _contact_exists() from None


@transaction.atomic
def contact_find_or_create(**fields) -> tuple[Contact, bool]:
    """The contact with this email (or, without one, this external_id), created when there is none.

    Safe under concurrency: two requests creating the same contact both end with the one row.
    A contact with neither email nor external_id is always new (an anonymous widget visitor).
    """
    contact = _new_contact(**fields)
    if contact.email:
        lookup = {"email": contact.email}
    elif contact.external_id:
        lookup = {"external_id": contact.external_id}
    else:
        return _insert(contact), True
    # Locks both keys (a concurrent creator of either waits for us, or we for it) and asks once: when
    # neither is taken, the contact is new and stays so until we commit.
    if not _key_taken(email=contact.email, external_id=contact.external_id):
        try:
            return _insert(contact), True
        except IntegrityError:
            pass  # only a writer that took no lock could get here first: look it up like a taken key
    existing = Contact.objects.filter(**lookup).first()
    if existing is None:
        # The lookup key is free, so the other one (the external_id) is another contact's.
        raise _contact_exists()
    return existing, False


def merge_attributes(current: dict, patch: dict) -> dict:
    merged = dict(current or {})
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    if len(merged) > MAX_ATTRIBUTES:
        raise invalid(f"A contact has at most {MAX_ATTRIBUTES} attributes.", param="attributes")
    return merged


@transaction.atomic
def contact_update(*, contact: Contact, changes: dict) -> Contact:
    """Apply a PATCH: null or "" clears a field; `attributes` merges (a null value removes the key)."""
    locked = (
        Contact.objects.for_workspace(contact.workspace_id).select_for_update().filter(pk=contact.pk).first()
    )
    if locked is None:
        raise NotFound("contact_not_found", f"Contact {contact.pk} not found.")
    contact = locked
    before = contact_representation(contact)
    changed: list[str] = []
    for field in CONTACT_FIELDS:
        if field not in changes:
            continue
        value = normalize_email(changes[field]) if field == "email" else _clean(changes[field])
        if getattr(contact, field) != value:
            setattr(contact, field, value)
            changed.append(field)
    if "attributes" in changes:
        merged = merge_attributes(contact.attributes, changes["attributes"] or {})
        if merged != contact.attributes:
            contact.attributes = merged
            changed.append("attributes")
    if not changed:
        return contact
    contact.updated_at = timezone.now()
    if {"email", "external_id"} & set(changed) and _key_taken(
        email=contact.email if "email" in changed else None,
        external_id=contact.external_id if "external_id" in changed else None,
        exclude_id=contact.pk,
    ):
        raise _contact_exists()
    try:
        # No savepoint: on an IntegrityError this only raises, and its own atomic() rolls back.
        with transaction.atomic(savepoint=False):
            contact.save(update_fields=[*changed, "updated_at"])
    except IntegrityError:
        raise _contact_exists() from None
    previous = {f: before.get(f) for f in changed}
    _emit("contact.updated", contact, previous_attributes=previous, changes=changed)
    return contact


@transaction.atomic
def contact_delete_merged(*, contact_id: str, into_id: str) -> bool:
    """Delete a contact whose data went to another (`into_id`: a widget visitor's anonymous contact, once
    its conversations followed the identity the visitor proved), when nothing is left of it: no
    conversation, no e-mail, external id, name, phone or attribute (an agent may have written some).
    Under the contact's row lock: a conversation started meanwhile keeps it. Emits `contact.merged`
    (audit only, not a webhook event type: the conversations' own `conversation.updated` name their new
    contact). Whether it was deleted."""
    contact = Contact.objects.select_for_update().filter(pk=contact_id).first()
    if contact is None or contact.pk == into_id:
        return False
    if any(getattr(contact, field) for field in (*CONTACT_FIELDS, "attributes")):
        return False
    if contact.conversations.exists():
        return False
    workspace_id = contact.workspace_id
    forget_responses_naming(workspace_id=workspace_id, ids=[contact_id])
    contact.delete()
    emit(
        "contact.merged",
        workspace_id=workspace_id,
        resource_type="contact",
        resource_id=contact_id,
        data={"id": contact_id, "merged_into": into_id},
        changes=["merged_into"],
    )
    return True


@transaction.atomic
def contact_erase(*, contact: Contact) -> None:
    """GDPR erasure, complete when this returns: the contact, and everything every app registered an
    eraser for (conversations with their messages and notes, webhook payloads and deliveries, archives,
    caches), and the stored replays of idempotent POSTs whose response carried its data. Emits
    `contact.erased` with the id only.
    """
    workspace_id, contact_id = contact.workspace_id, contact.id
    # The registered locks BEFORE any eraser runs (the conversations app locks the contact's
    # conversations: a concurrent message then either committed already, and its copies are erased, or
    # waits and finds its conversation gone, 404). Locks first, then the contact (message_create touches
    # the contact while holding its conversation: the same order, so no deadlock), then the locks again
    # for anything started with the contact before its row was locked.
    lock_contact_data(workspace_id=workspace_id, contact_id=contact_id)
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    lock_contact_data(workspace_id=workspace_id, contact_id=contact_id)
    erase_contact_data(workspace_id=workspace_id, contact_id=contact_id)
    forget_responses_naming(workspace_id=workspace_id, ids=[contact_id])
    contact.delete()
    emit(
        "contact.erased",
        workspace_id=workspace_id,
        resource_type="contact",
        resource_id=contact_id,
        data={"id": contact_id},
    )
