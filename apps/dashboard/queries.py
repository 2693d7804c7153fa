"""The dashboard's reads: querysets shaped for its pages (a constant number of queries per page).

Reads only. Every write goes through the apps' services.
"""

from __future__ import annotations

import re
import time
from collections import namedtuple
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Left

from apps.contacts.models import Contact
from apps.conversations.models import AuthorType, Conversation, Message, Note, Status
from apps.knowledge.models import Article
from apps.workspaces.models import Member

from .live import members_stamp
from .pages import decode_cursor, encode_cursor

PAGE_SIZE = 25
COUNTS_TTL_SECONDS = 300
COUNTS_REFRESH_SECONDS = 3
MEMBERS_TTL_SECONDS = 60


@dataclass
class Page:
    rows: list
    newer: str | None = None  # cursor for the page above (more recent)
    older: str | None = None  # cursor for the page below
    extra: dict = field(default_factory=dict)


_MISSING = object()


def members_key(workspace_id: str, stamp: int) -> str:
    return f"dashboard:members:{workspace_id}:{stamp}"


def counts_key(workspace_id: str) -> str:
    return f"dashboard:counts:{workspace_id}"


def members(workspace_id: str, stamp: int | None = None, known=_MISSING) -> list[tuple[str, str]]:
    """(usr_ id, name or e-mail) of every member: the assignee picker and the names in lists and threads.

    Cached under the workspace's membership stamp (moved by every member.* event), so a page costs no
    query for it; the short expiry also picks up a person renaming themselves. A page that already
    fetched the cache entry (with others, in one round trip) passes it as `known`."""
    key = members_key(workspace_id, members_stamp(workspace_id) if stamp is None else stamp)
    found = cache.get(key) if known is _MISSING else known
    if found is None:
        found = [
            (m.user_id, member_label(m))
            for m in Member.objects.select_related("user").order_by("created_at", "id")
        ]
        cache.set(key, found, MEMBERS_TTL_SECONDS)
    return [tuple(pair) for pair in found]


def member_label(member: Member) -> str:
    user = member.user
    full = f"{user.first_name} {user.last_name}".strip()
    return full or user.email


def status_counts(workspace_id: str, stamp: int, known=_MISSING) -> tuple[dict[str, int], int]:
    """Conversations per status, and the change stamp they are exact for.

    Counting is linear in the workspace's conversations (tens of milliseconds at 100 000), so a busy
    workspace recounts at most once per COUNTS_REFRESH_SECONDS, shared by all its viewers; in between,
    the last counts are served with their older stamp, and the page's poller (which asks "changed since
    <that stamp>?") fetches fresh ones on its next beat after the window. An unchanged workspace never
    recounts."""
    key = counts_key(workspace_id)
    if known is _MISSING:
        known = cache.get(key)
    now = time.time()
    if known is not None and (known["stamp"] == stamp or now - known["at"] < COUNTS_REFRESH_SECONDS):
        return known["counts"], known["stamp"]
    counts = {s.value: 0 for s in Status}
    for row in Conversation.objects.values("status").annotate(n=Count("id")).order_by():
        counts[row["status"]] = row["n"]
    cache.set(key, {"stamp": stamp, "at": now, "counts": counts}, COUNTS_TTL_SECONDS)
    return counts, stamp


def forget_status_counts(workspace_id: str) -> None:
    """The next page recounts (tests and benchmarks that measure a recount)."""
    cache.delete(counts_key(workspace_id))


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
    newer_than = decode_cursor("inbox", after)
    older_than = decode_cursor("inbox", before)
    qs = _inbox_queryset()
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
    if newer_than is not None:
        moment, pk = newer_than
        qs = qs.filter(Q(updated_at__gt=moment) | Q(updated_at=moment, id__gt=pk)).order_by(
            "updated_at", "id"
        )
        rows = list(qs.values_list(*INBOX_ROW, named=True)[: size + 1])
        more = len(rows) > size
        rows = list(reversed(rows[:size]))
        page = Page(rows=rows)
        page.newer = _cursor(rows[0]) if more and rows else None
        page.older = _cursor(rows[-1]) if rows else before
        return page
    return _older_page(list(_older_rows(qs, older_than)[: size + 1]), size, older_than)


def _inbox_queryset():
    """Conversations with the head of their last message (one index probe per row)."""
    last_message = Message.objects.filter(conversation_id=OuterRef("pk")).order_by("-created_at", "-id")
    return Conversation.objects.annotate(
        snippet=Subquery(last_message.annotate(head=Left("body", 140)).values("head")[:1])
    )


def _older_rows(qs, older_than):
    """Newest first, below the cursor when there is one, as light named rows."""
    if older_than is not None:
        moment, pk = older_than
        qs = qs.filter(Q(updated_at__lt=moment) | Q(updated_at=moment, id__lt=pk))
    return qs.order_by("-updated_at", "-id").values_list(*INBOX_ROW, named=True)


def _older_page(rows: list, size: int, older_than) -> Page:
    more = len(rows) > size
    rows = rows[:size]
    page = Page(rows=rows)
    page.older = _cursor(rows[-1]) if more else None
    page.newer = _cursor(rows[0]) if older_than is not None and rows else None
    return page


# What a row of the list shows: light named rows, no model instances.
INBOX_ROW = (
    "id",
    "subject",
    "status",
    "priority",
    "handled_by",
    "assignee_id",
    "updated_at",
    "contact_id",
    "contact__name",
    "contact__email",
    "snippet",
)


InboxRow = namedtuple("InboxRow", INBOX_ROW)


def _cursor(conversation) -> str:
    return encode_cursor("inbox", conversation.updated_at, conversation.id)


def thread(conversation: Conversation) -> list[tuple[str, object]]:
    """Messages and notes of a conversation, oldest first, as ("message"|"note", row). Two queries."""
    entries = [("message", m) for m in Message.objects.filter(conversation_id=conversation.id)]
    entries += [("note", n) for n in Note.objects.filter(conversation_id=conversation.id)]
    entries.sort(key=lambda e: (e[1].created_at, e[1].id))
    return entries


# The assistant ends a reply with "Source: <title>; <title>" (in the article's language).
_SOURCES_LINE = re.compile(r"\n\n(?:Source|Sources|Quelle|Fuente|Fonte): ([^\n]+)\Z")


def assistant_sources(messages: list[Message]) -> dict[str, tuple[str, list[tuple[str, str | None]]]]:
    """For each assistant message that names its sources: (body without that line, [(title, art_id or
    None when the article is gone)]). One query for the whole thread, none when nothing is cited."""
    found: dict[str, tuple[str, list[str]]] = {}
    for message in messages:
        if message.author_type != AuthorType.ASSISTANT:
            continue
        match = _SOURCES_LINE.search(message.body)
        if match:
            titles = [t.strip() for t in match.group(1).split(";") if t.strip()]
            found[message.id] = (message.body[: match.start()], titles)
    if not found:
        return {}
    wanted = {title for _, titles in found.values() for title in titles}
    ids = dict(Article.objects.filter(title__in=wanted).values_list("title", "id"))
    return {mid: (body, [(t, ids.get(t)) for t in titles]) for mid, (body, titles) in found.items()}


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
