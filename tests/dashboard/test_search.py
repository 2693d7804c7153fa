"""Search (`?q=`) on the inbox and on contacts: substring matches, served by the trigram indexes.

The plan tests bulk-insert real rows, ANALYZE them and read EXPLAIN for a rare word with sequential
scans disabled (at this size a scan is cheaper; the question is whether the index *can* serve the
query): the plan must go through the GIN trigram indexes (`conv_subject_trgm`, `msg_body_trgm`,
`contact_name_trgm`, `contact_email_trgm`). They fail if a query stops using the indexed expressions
(`UPPER(col) LIKE UPPER(…)`) or an index is dropped. That PostgreSQL picks them by itself at scale
(100 000 conversations, 300 000 messages, 50 000 contacts) is shown in bench/dashboard/README.md.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from apps.contacts.models import Contact
from apps.conversations.models import Conversation, Message
from apps.dashboard import queries
from leadiosa.tenancy import with_workspace

from .conftest import signed_in

ROWS = 400
NOISE = 6


def _bulk(
    workspace, *, needle_subject: str = "", needle_body: str = "", noise=None, rows: int = 0
) -> tuple[str, str]:
    """ROWS contacts and conversations with one message each; one subject and one (other) message
    carry the needles. Returns (id of the conversation matched by subject, id of the one by message).
    With `noise` (another workspace), that one gets NOISE × ROWS of each first, as a shared database
    holds: the workspace's own index then narrows little, a trigram index much."""
    if noise is not None:
        _bulk(noise, rows=ROWS * NOISE)
    rows = rows or ROWS
    now = timezone.now()
    contacts = Contact.all_workspaces.bulk_create(
        Contact(
            workspace=workspace,
            name=f"Person {i}",
            email=f"person{i}-{workspace.pk}@example.com",
            created_at=now,
        )
        for i in range(rows)
    )
    conversations = Conversation.all_workspaces.bulk_create(
        Conversation(
            workspace=workspace,
            contact=contact,
            subject=needle_subject if i == 10 and needle_subject else f"Question number {i}",
            updated_at=now - timedelta(seconds=i),
        )
        for i, contact in enumerate(contacts)
    )
    Message.all_workspaces.bulk_create(
        Message(
            workspace=workspace,
            conversation=conversation,
            author_type="contact",
            body=needle_body if i == rows - 5 and needle_body else f"Please help with order {i}",
        )
        for i, conversation in enumerate(conversations)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"ANALYZE {Contact._meta.db_table}, {Conversation._meta.db_table}, {Message._meta.db_table}"
        )
    return conversations[10].id, conversations[rows - 5].id


def _no_seqscan() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # until the test's transaction ends


def _plan(sql: str, params) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.django_db
def test_inbox_search_conditions_are_served_by_the_trigram_indexes(workspace, other_workspace):
    """The inbox query's two search conditions, as it writes them, can each be answered by its
    trigram index; and the whole query finds the hits in a shared database."""
    by_subject, by_message = _bulk(
        workspace, needle_subject="Zanzibar trip", needle_body="my zanzibar voucher", noise=other_workspace
    )
    _no_seqscan()
    conversations, messages = Conversation._meta.db_table, Message._meta.db_table
    subject_plan = _plan(
        f"SELECT c.id FROM {conversations} c WHERE {queries.SUBJECT_MATCH.format(alias='c')}",  # noqa: S608
        ["%ZANZIBAR%"],
    )
    body_plan = _plan(
        f"SELECT t.id FROM {messages} t WHERE {queries.BODY_MATCH.format(alias='t')}",  # noqa: S608
        ["%ZANZIBAR%"],
    )
    assert "Bitmap Index Scan on conv_subject_trgm" in subject_plan, subject_plan
    assert "Bitmap Index Scan on msg_body_trgm" in body_plan, body_plan
    with with_workspace(workspace.id):
        found = [row.id for row in queries.inbox_page(q="zanzibar").rows]
    assert found == [by_subject, by_message]  # most recently active first


@pytest.mark.django_db
def test_contact_search_is_served_by_the_trigram_indexes(workspace, other_workspace):
    """`?q=` on contacts (the dashboard's list and the API's filter both use name/email icontains):
    each condition can be answered by its trigram index, and the search finds its contact."""
    _bulk(workspace, noise=other_workspace)
    with with_workspace(workspace.id):
        Contact.objects.filter(name="Person 7").update(name="Zelda Quill")
        _no_seqscan()
        # The name condition alone. (The e-mail one: at this size the planner prefers walking the
        # partial unique index on e-mail, whatever it costs; at 50 000 contacts it takes
        # contact_email_trgm, see bench/dashboard/README.md.)
        plan = Contact.all_workspaces.filter(name__icontains="zelda").explain()
        assert "Bitmap Index Scan on contact_name_trgm" in plan, plan
        assert [c.name for c in queries.contacts_page(q="ZELDA").rows] == ["Zelda Quill"]


@pytest.mark.django_db
def test_search_takes_like_wildcards_literally(workspace, agent):
    from apps.conversations.services import conversation_create
    from leadiosa.context import SYSTEM, acting_as

    with with_workspace(workspace.id), acting_as(SYSTEM):
        for subject in ("100% refund", "1000 things", "a_b code", "axb code", "back\\slash"):
            conversation_create(
                contact={"email": f"{len(subject)}-{subject[:2]}@example.com"},
                subject=subject,
                handled_by="human",
                message_body="hello",
            )
    client = signed_in(agent)

    def subjects(q: str) -> set[str]:
        page = client.get(f"/app/{workspace.id}/inbox/", {"q": q}).content.decode()
        return set(re.findall(r"<strong>([^<]+)</strong>", page))

    assert subjects("100%") == {"100% refund"}
    assert subjects("a_b") == {"a_b code"}
    assert subjects("k\\s") == {"back\\slash"}
    assert subjects("HELLO") == {"100% refund", "1000 things", "a_b code", "axb code", "back\\slash"}


@pytest.mark.django_db
def test_search_pages_older_and_newer(workspace, agent):
    """A search's keyset pages: each hit once, none of the rest, in order, and back again."""
    _bulk(workspace)
    with with_workspace(workspace.id):
        Message.objects.filter(body__endswith="7").update(body="kiwi in a message")
        Conversation.objects.filter(subject__endswith="3").update(subject="kiwi subject")
        expected = list(
            Conversation.objects.filter(Q(subject__icontains="kiwi") | Q(messages__body__icontains="kiwi"))
            .order_by("-updated_at", "-id")
            .values_list("id", flat=True)
            .distinct()
        )
        assert len(expected) > 2 * queries.PAGE_SIZE
        seen, page = [], queries.inbox_page(q="kiwi")
        pages = [page]
        while True:
            seen += [row.id for row in page.rows]
            if not page.older:
                break
            page = queries.inbox_page(q="kiwi", before=page.older)
            pages.append(page)
        assert seen == expected
        back = queries.inbox_page(q="kiwi", after=pages[1].newer)
        assert [row.id for row in back.rows] == [row.id for row in pages[0].rows]
