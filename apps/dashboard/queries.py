"""The dashboard's reads: querysets shaped for its pages (a constant number of queries per page).

Reads only. Every write goes through the apps' services.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Left

from apps.contacts.models import Contact
from apps.conversations.models import Conversation, Message, Note, Status
from apps.workspaces.models import Member

from .pages import decode_cursor, encode_cursor

PAGE_SIZE = 25
COUNTS_TTL_SECONDS = 300


@dataclass
class Page:
    rows: list
    newer: str | None = None  # cursor for the page above (more recent)
    older: str | None = None  # cursor for the page below
    extra: dict = field(default_factory=dict)


def members(workspace_id: str) -> list[Member]:
    """Members with their users (assignee picker, names in lists and threads). One query."""
    return list(Member.objects.select_related("user").order_by("created_at", "id"))


def member_label(member: Member) -> str:
    user = member.user
    full = f"{user.first_name} {user.last_name}".strip()
    return full or user.email


def status_counts(workspace_id: str, stamp: int) -> dict[str, int]:
    """Conversations per status. Cached under the workspace's change stamp, so a change shows at once
    and an unchanged workspace costs no query."""
    key = f"dashboard:counts:{workspace_id}:{stamp}"
    counts = cache.get(key)
    if counts is None:
        counts = {s.value: 0 for s in Status}
        for row in Conversation.objects.values("status").annotate(n=Count("id")).order_by():
            counts[row["status"]] = row["n"]
        cache.set(key, counts, COUNTS_TTL_SECONDS)
    return counts


def inbox_page(
    *,
    statuses: list[str] | None = None,
    assignee: str | None = None,  # "none", or a usr_ id
    priority: str | None = None,
    handled_by: str | None = None,
    updated_after=None,
    q: str | None = None,
    before: str | None = None,
    after: str | None = None,
    size: int = PAGE_SIZE,
) -> Page:
    """One page of the inbox, most recently active first, keyset-paginated on (updated_at, id).

    `before` (older) / `after` (newer) are cursors from a previous page. One query whatever the size.
    """
    last_message = Message.objects.filter(conversation_id=OuterRef("pk")).order_by("-created_at", "-id")
    qs = Conversation.objects.select_related("contact").annotate(
        snippet=Subquery(last_message.annotate(head=Left("body", 140)).values("head")[:1])
    )
    if statuses:
        qs = qs.filter(status__in=statuses)
    if assignee == "none":
        qs = qs.filter(assignee_id__isnull=True)
    elif assignee:
        qs = qs.filter(assignee_id=assignee)
    if priority:
        qs = qs.filter(priority=priority)
    if handled_by:
        qs = qs.filter(handled_by=handled_by)
    if updated_after is not None:
        qs = qs.filter(updated_at__gt=updated_after)
    if q:
        in_messages = Message.objects.filter(conversation_id=OuterRef("pk"), body__icontains=q)
        qs = qs.filter(Q(subject__icontains=q) | Exists(in_messages))
    newer_than = decode_cursor("inbox", after)
    older_than = decode_cursor("inbox", before)
    if newer_than is not None:
        moment, pk = newer_than
        qs = qs.filter(Q(updated_at__gt=moment) | Q(updated_at=moment, id__gt=pk)).order_by(
            "updated_at", "id"
        )
        rows = list(qs[: size + 1])
        more = len(rows) > size
        rows = list(reversed(rows[:size]))
        page = Page(rows=rows)
        page.newer = _cursor(rows[0]) if more and rows else None
        page.older = _cursor(rows[-1]) if rows else before
        return page
    if older_than is not None:
        moment, pk = older_than
        qs = qs.filter(Q(updated_at__lt=moment) | Q(updated_at=moment, id__lt=pk))
    rows = list(qs.order_by("-updated_at", "-id")[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    page = Page(rows=rows)
    page.older = _cursor(rows[-1]) if more else None
    page.newer = _cursor(rows[0]) if older_than is not None and rows else None
    return page


def _cursor(conversation: Conversation) -> str:
    return encode_cursor("inbox", conversation.updated_at, conversation.id)


def thread(conversation: Conversation) -> list[tuple[str, object]]:
    """Messages and notes of a conversation, oldest first, as ("message"|"note", row). Two queries."""
    entries = [("message", m) for m in Message.objects.filter(conversation_id=conversation.id)]
    entries += [("note", n) for n in Note.objects.filter(conversation_id=conversation.id)]
    entries.sort(key=lambda e: (e[1].created_at, e[1].id))
    return entries


def contacts_page(*, q: str | None = None, before: str | None = None, size: int = PAGE_SIZE) -> Page:
    """Contacts, newest first, keyset on (created_at, id); `q` searches name and email."""
    qs = Contact.objects.all()
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(email__icontains=q))
    older_than = decode_cursor("contacts", before)
    if older_than is not None:
        moment, pk = older_than
        qs = qs.filter(Q(created_at__lt=moment) | Q(created_at=moment, id__lt=pk))
    rows = list(qs.order_by("-created_at", "-id")[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    older = encode_cursor("contacts", rows[-1].created_at, rows[-1].id) if more else None
    return Page(rows=rows, older=older)
