"""The dashboard's reads: querysets shaped for its pages (a constant number of queries per page).

Reads only. Every write goes through the apps' services.
"""

from __future__ import annotations

import re
import time
from collections import namedtuple
from dataclasses import dataclass, field
from datetime import datetime

from django.core.cache import cache
from django.db import connections, router
from django.db.models import Count, Q

from apps.contacts.models import Contact
from apps.conversations.models import (
    LAST_MESSAGE_PREVIEW_CHARS,
    AuthorType,
    Conversation,
    Message,
    Note,
    Status,
)
from apps.knowledge.models import Article
from apps.workspaces.models import Member
from leadiosa.tenancy import current_workspace_id

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


def members_key(workspace_id: str) -> str:
    return f"dashboard:members:{workspace_id}"


def counts_key(workspace_id: str) -> str:
    return f"dashboard:counts:{workspace_id}"


def members(workspace_id: str, stamp: int | None = None, known=_MISSING) -> list[tuple[str, str]]:
    """(usr_ id, name or e-mail) of every member: the assignee picker and the names in lists and threads.

    Cached with the workspace's membership stamp it was read at (the stamp moves with every member.*
    event; an entry of another stamp is not used), so a page costs no query for it; the short expiry
    also picks up a person renaming themselves. A page that already fetched the cache entry (with
    others, in one round trip) passes it as `known`."""
    stamp = members_stamp(workspace_id) if stamp is None else stamp
    key = members_key(workspace_id)
    found = cache.get(key) if known is _MISSING else known
    if found is None or found.get("stamp") != stamp:
        found = {
            "stamp": stamp,
            "members": [
                (m.user_id, member_label(m))
                for m in Member.objects.select_related("user").order_by("created_at", "id")
            ],
        }
        cache.set(key, found, MEMBERS_TTL_SECONDS)
    return [tuple(pair) for pair in found["members"]]


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

    `before` (older) / `after` (newer) are cursors from a previous page. One query whatever the size or
    the filters: plain SQL (see `_inbox_sql`), run with Django's documented `cursor.execute`, rows as
    light named tuples. A row's last message comes from the conversation's `last_message_preview`
    (message_create keeps it; `PREVIEW`); only when a row of the page has messages but no preview
    recorded (written in bulk around message_create, as `manage.py seed` writes them) does a second
    query read those rows' last messages."""
    newer_than = decode_cursor("inbox", after)
    older_than = decode_cursor("inbox", before)
    sql, params = _inbox_sql(
        statuses=statuses,
        assignee=assignee,
        priority=priority,
        handled_by=handled_by,
        updated_after=updated_after,
        q=q,
        newer_than=newer_than,
        older_than=None if newer_than is not None else older_than,
        limit=size + 1,
    )
    with connections[router.db_for_read(Conversation)].cursor() as cursor:
        cursor.execute(sql, params)
        rows = [InboxRow._make(row) for row in cursor.fetchall()]
        more = len(rows) > size
        rows = rows[:size]
        unrecorded = [row.id for row in rows if row.snippet is None]
        if unrecorded:  # written around message_create: read their last messages
            cursor.execute(LAST_MESSAGES_SQL, [current_workspace_id(), unrecorded])
            found = dict(cursor.fetchall())
            rows = [row._replace(snippet=found[row.id]) if row.id in found else row for row in rows]
    if newer_than is not None:
        rows.reverse()
        page = Page(rows=rows)
        page.newer = _cursor(rows[0]) if more and rows else None
        page.older = _cursor(rows[-1]) if rows else before
        return page
    page = Page(rows=rows)
    page.older = _cursor(rows[-1]) if more else None
    page.newer = _cursor(rows[0]) if older_than is not None and rows else None
    return page


def like_pattern(text: str) -> str:
    """`%text%` for LIKE, with LIKE's own wildcards in `text` matched literally (backslash escapes)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _inbox_sql(
    *, statuses, assignee, priority, handled_by, updated_after, q, newer_than, older_than, limit
) -> tuple[str, list]:
    """The inbox page's SELECT for these filters: fixed text joined by AND, every value a bound parameter
    (nothing the user typed reaches the SQL text). Table names are the models' own (`_meta`).

    Tenancy: the workspace condition comes first and always — `current_workspace_id()` raises outside a
    workspace scope, so this fails closed like the tenant manager.

    Search (`q`) matches `UPPER(column) LIKE UPPER('%…%')` on the subject or any message's text: the
    expressions of the trigram indexes (GIN, gin_trgm_ops: `conv_subject_trgm`, `msg_body_trgm`). It
    runs as two branches, each already filtered, ordered and limited to one page — subjects that match,
    and conversations with a matching message (a semi-join) — and the page is the top of their union
    (the first `limit` rows of a union are among the first `limit` of each part). Each branch lets
    PostgreSQL pick its plan: a rare word goes through the trigram index (a few index entries instead
    of a scan of the workspace's messages); a word found everywhere walks `conv_ws_updated` in page
    order and stops after a page of hits. One `OR` across both would allow neither."""
    workspace_id = current_workspace_id()
    where = ["c.workspace_id = %s"]
    params: list = [workspace_id]
    if statuses:
        where.append("c.status = ANY(%s)")
        params.append(list(statuses))
    if assignee == "none":
        where.append("c.assignee_id IS NULL")
    elif assignee:
        where.append("c.assignee_id = %s")
        params.append(assignee)
    if priority:
        where.append("c.priority = %s")
        params.append(priority)
    if handled_by:
        where.append("c.handled_by = %s")
        params.append(handled_by)
    if updated_after is not None:
        where.append("c.updated_at > %s")
        params.append(updated_after)
    order = "DESC"
    if newer_than is not None:
        where.append("(c.updated_at, c.id) > (%s, %s)")
        params += list(newer_than)
        order = "ASC"
    elif older_than is not None:
        where.append("(c.updated_at, c.id) < (%s, %s)")
        params += list(older_than)
    order_by = f"ORDER BY c.updated_at {order}, c.id {order}"
    conditions = " AND ".join(where)
    if q:
        pattern = like_pattern(q)
        subjects = SUBJECT_MATCH.format(alias="c")
        in_messages = (
            f"EXISTS (SELECT 1 FROM {_T['message']} t WHERE t.workspace_id = c.workspace_id"  # noqa: S608
            f" AND t.conversation_id = c.id AND {BODY_MATCH.format(alias='t')})"
        )
        branch = f"SELECT c.id FROM {_T['conversation']} c WHERE {conditions} AND {{}} {order_by} LIMIT %s"  # noqa: S608
        conditions = f"c.workspace_id = %s AND c.id IN (({branch.format(subjects)}) UNION ({branch.format(in_messages)}))"
        params = [workspace_id, *params, pattern, limit, *params, pattern, limit]
    # Model tables and fixed conditions only; every value is a bound parameter.
    sql = (
        "SELECT c.id, c.subject, c.status, c.priority, c.handled_by, c.assignee_id,"  # noqa: S608
        f" {UPDATED_ISO}, {UPDATED_LABEL}, c.contact_id, {CONTACT_LABEL}, {PREVIEW}"
        f" FROM {_T['conversation']} c WHERE {conditions} {order_by} LIMIT %s"
    )
    return sql, [*params, limit]


# The search conditions: exactly the expressions of the trigram indexes `conv_subject_trgm` and
# `msg_body_trgm` (and of Django's icontains), so PostgreSQL can serve them from those indexes.
SUBJECT_MATCH = "UPPER({alias}.subject) LIKE UPPER(%s)"
BODY_MATCH = "UPPER({alias}.body) LIKE UPPER(%s)"
# Who a row names: the contact's name, else their e-mail (NULL: neither; the row shows the id). A scalar
# subquery on the primary key rather than a join: PostgreSQL plans a join of the two tables (orders,
# join methods, a memo of contacts) in more time than it takes to run this whole page query.
CONTACT_LABEL = (
    f"(SELECT COALESCE(NULLIF(ct.name, ''), NULLIF(ct.email, '')) FROM {Contact._meta.db_table} ct"  # noqa: S608
    " WHERE ct.id = c.contact_id)"
)
# A row's last message: the conversation's preview, "" when it has no message (its counter, which every
# writer keeps, says so), NULL when it has messages but no preview recorded (see LAST_MESSAGES_SQL).
PREVIEW = "COALESCE(c.last_message_preview, CASE WHEN c.message_count = 0 THEN '' END)"
# The last message's first characters of conversations that have none recorded (rows written around
# message_create, e.g. in bulk by `manage.py seed`): what the conversation would keep, read from their
# messages, for the few rows of a page that need it. Notes are not messages.
LAST_MESSAGES_SQL = (
    f"SELECT DISTINCT ON (m.conversation_id) m.conversation_id, LEFT(m.body, {LAST_MESSAGE_PREVIEW_CHARS})"  # noqa: S608
    f" FROM {Message._meta.db_table} m WHERE m.workspace_id = %s AND m.conversation_id = ANY(%s)"
    " ORDER BY m.conversation_id, m.created_at DESC, m.id DESC"
)
# A row's time, formatted by PostgreSQL: the `<time datetime>` (and the cursor) in ISO 8601, and the label
# the list shows ("Dec 1, 03:18"), both in UTC. Parsing 25 timestamps into datetimes and formatting them
# again in Python was a tenth of a rebuilt page; a cursor parses only its own row's.
UPDATED_ISO = "to_char(c.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"+00:00\"')"
UPDATED_LABEL = "to_char(c.updated_at AT TIME ZONE 'UTC', 'Mon FMDD, HH24:MI')"
_T = {
    "conversation": Conversation._meta.db_table,
    "message": Message._meta.db_table,
    "contact": Contact._meta.db_table,
}


# What a row of the list shows: light named rows, no model instances.
INBOX_ROW = (
    "id",
    "subject",
    "status",
    "priority",
    "handled_by",
    "assignee_id",
    "updated_at",  # ISO 8601 text (UPDATED_ISO)
    "updated_label",
    "contact_id",
    "contact_label",  # name, else e-mail, else NULL (CONTACT_LABEL)
    "snippet",  # the last message's first characters (the conversation's last_message_preview)
)


InboxRow = namedtuple("InboxRow", INBOX_ROW)


def _cursor(conversation) -> str:
    return encode_cursor("inbox", datetime.fromisoformat(conversation.updated_at), conversation.id)


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
