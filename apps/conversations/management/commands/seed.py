"""`manage.py seed --workspace ws_… --conversations N [--messages-per-conversation M] [--noise-workspaces K]`

Bulk demo and benchmark data: contacts, conversations, messages and notes, written with PostgreSQL COPY
(not the API, not the ORM row by row), in batches with a progress bar. Millions of rows take minutes.
Prints the workspace id alone on the last line.

Seeding is an operator's bulk load, not a sequence of business events: it writes no audit entries and
sends no webhooks.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection, transaction
from tqdm import tqdm

from apps.conversations.models import LAST_MESSAGE_PREVIEW_CHARS
from apps.workspaces.models import Member, Workspace
from leadiosa.ids import BASE62, base62

# Each random byte maps to a base62 character (b % 62: a negligible bias for seed data).
_RANDOM_TABLE = bytes(ord(BASE62[b % 62]) for b in range(256))

SUBJECTS = [
    "Order hasn't arrived",
    "Refund request",
    "Can't log in",
    "Question about pricing",
    "Change my plan",
    "Invoice copy",
    "Bug in the mobile app",
    "Feature request: dark mode",
    "Shipping to Canada?",
    "Cancel subscription",
]
CONTACT_LINES = [
    "Hi, I ordered last week and nothing has arrived yet.",
    "Could you send me a copy of my last invoice?",
    "The app crashes when I open settings.",
    "Is there a discount for yearly billing?",
    "I can't reset my password, the email never comes.",
    "Thanks, that solved it!",
    "Any update on this?",
]
AGENT_LINES = [
    "Thanks for reaching out! Let me check that for you.",
    "I've sent the invoice to your email address.",
    "Could you tell me which version of the app you use?",
    "Yearly plans are 20% cheaper than monthly.",
    "I've reset it manually; please try again.",
    "Glad to hear it. Anything else I can help with?",
]
TAGS = ["billing", "shipping", "bug", "vip", "refund", "onboarding", "mobile", "feature-request"]
STATUSES = ["open"] * 40 + ["pending"] * 15 + ["snoozed"] * 5 + ["closed"] * 40
PRIORITIES = ["low"] * 15 + ["normal"] * 60 + ["high"] * 20 + ["urgent"] * 5
CHANNELS = ["api"] * 30 + ["widget"] * 50 + ["email"] * 20


class IdMaker:
    """Public ids in the shape of leadiosa.ids (time prefix, 14 random base62 chars), made in bulk."""

    def __init__(self, prefix: str):
        self.prefix = prefix
        self.buffer = b""
        self.offset = 0

    def __call__(self, when: datetime) -> str:
        if self.offset + 14 > len(self.buffer):
            self.buffer = os.urandom(14 * 65536).translate(_RANDOM_TABLE)
            self.offset = 0
        chunk = self.buffer[self.offset : self.offset + 14].decode()
        self.offset += 14
        return f"{self.prefix}_{base62(int(when.timestamp() * 1000), 8)}{chunk}"


def ts(moment: datetime) -> str:
    return moment.isoformat()


def copy_rows(table: str, columns: tuple[str, ...], lines: list[str]) -> None:
    """COPY tab-separated lines (values already escaped, \\N for NULL) into a table."""
    if not lines:
        return
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        buffer = io.StringIO()
        buffer.write("\n".join(lines))
        buffer.write("\n")
        copy.write(buffer.getvalue())


@contextlib.contextmanager
def bulk_load_session():
    """Speed up this transaction's COPY: no wait for the WAL flush at commit (a crash loses at most the
    last batch of demo data), and, where the role may (a superuser, e.g. the embedded server), no per-row
    foreign-key trigger while copying: the rows reference each other correctly by construction. Triggers
    are back on before the block ends, even inside an enclosing transaction."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = off")
        replica = True
        try:
            with transaction.atomic():
                cursor.execute("SET LOCAL session_replication_role = replica")
        except DatabaseError:
            replica = False  # not allowed for this role: the triggers run, it is only slower
        try:
            yield
        finally:
            if replica:
                cursor.execute("SET LOCAL session_replication_role = origin")


CONTACT_COLUMNS = (
    "id",
    "workspace_id",
    "email",
    "name",
    "phone",
    "external_id",
    "attributes",
    "created_at",
    "updated_at",
    "last_seen_at",
)
CONVERSATION_COLUMNS = (
    "id",
    "workspace_id",
    "contact_id",
    "status",
    "priority",
    "subject",
    "channel",
    "tags",
    "assignee_id",
    "snoozed_until",
    "handled_by",
    "message_count",
    "last_message_at",
    "last_message_preview",
    "created_at",
    "updated_at",
    "closed_at",
)
MESSAGE_COLUMNS = (
    "id",
    "workspace_id",
    "conversation_id",
    "author_type",
    "author_id",
    "body",
    "usage",
    "created_at",
)
NOTE_COLUMNS = ("id", "workspace_id", "conversation_id", "author_id", "body", "created_at")


class Seeder:
    def __init__(self, workspace_id: str, messages_per_conversation: int, rng: random.Random):
        self.workspace_id = workspace_id
        self.per_conversation = messages_per_conversation
        self.rng = rng
        self.run = "".join(rng.choice(BASE62) for _ in range(6))
        self.agents = list(Member.objects.for_workspace(workspace_id).values_list("user_id", flat=True))
        self.ids = {p: IdMaker(p) for p in ("ct", "conv", "msg", "note")}
        self.counts = {"contacts": 0, "conversations": 0, "messages": 0, "notes": 0}

    def build(self, start: int, size: int, total: int, now: datetime) -> tuple[list, list, list, list]:
        """COPY lines for conversations start..start+size of `total`, spread over the last 90 days, oldest
        first (pure Python: runs in a helper thread while the previous batch is being written)."""
        rng, ws, per = self.rng, self.workspace_id, self.per_conversation
        span = timedelta(days=90).total_seconds()
        contacts, conversations, messages, notes = [], [], [], []
        contact_id = None
        for index in range(start, start + size):
            created = now - timedelta(seconds=span * (1 - index / total)) - timedelta(minutes=per + 5)
            if contact_id is None or index % 2 == 0:  # two conversations per contact
                contact_id = self.ids["ct"](created)
                contacts.append(
                    f"{contact_id}\t{ws}\tseed-{self.run}-{index}@example.com\tContact {index}\t\\N\t"
                    f'seed-{self.run}-{index}\t{{"plan": "{rng.choice(("free", "pro", "team"))}"}}\t'
                    f"{ts(created)}\t{ts(created)}\t{ts(created + timedelta(minutes=per))}"
                )
            conversation_id = self.ids["conv"](created)
            status = rng.choice(STATUSES)
            last = created + timedelta(minutes=max(per - 1, 0))
            snoozed = ts(now + timedelta(days=rng.randint(1, 7))) if status == "snoozed" else "\\N"
            closed = ts(last + timedelta(minutes=1)) if status == "closed" else "\\N"
            tags = "{" + ",".join(rng.sample(TAGS, rng.randint(0, 2))) + "}"
            assignee = rng.choice(self.agents) if self.agents and rng.random() < 0.7 else "\\N"
            handled_by = "assistant" if rng.random() < 0.3 else "human"
            priority, subject, channel = rng.choice(PRIORITIES), rng.choice(SUBJECTS), rng.choice(CHANNELS)
            for position in range(per):
                at = created + timedelta(minutes=position)
                if position % 2 == 0:
                    author, author_id, body = "contact", contact_id, rng.choice(CONTACT_LINES)
                else:
                    author = "agent"
                    author_id = assignee if assignee != "\\N" else "\\N"
                    body = rng.choice(AGENT_LINES)
                messages.append(
                    f"{self.ids['msg'](at)}\t{ws}\t{conversation_id}\t{author}\t{author_id}\t{body}\t\\N\t{ts(at)}"
                )
            # The last message's start, as message_create records it (the seed writes around it).
            preview = body[:LAST_MESSAGE_PREVIEW_CHARS] if per else "\\N"
            conversations.append(
                f"{conversation_id}\t{ws}\t{contact_id}\t{status}\t{priority}\t"
                f"{subject}\t{channel}\t{tags}\t{assignee}\t{snoozed}\t{handled_by}\t"
                f"{per}\t{ts(last) if per else chr(92) + 'N'}\t{preview}\t{ts(created)}\t{ts(last)}\t{closed}"
            )
            if index % 10 == 0 and self.agents:
                notes.append(
                    f"{self.ids['note'](created)}\t{ws}\t{conversation_id}\t{rng.choice(self.agents)}\t"
                    f"Internal: follow up on #{index}\t{ts(created)}"
                )
        return contacts, conversations, messages, notes

    def write(self, batch: tuple[list, list, list, list]) -> None:
        contacts, conversations, messages, notes = batch
        with transaction.atomic(), bulk_load_session():
            copy_rows("contacts_contact", CONTACT_COLUMNS, contacts)
            copy_rows("conversations_conversation", CONVERSATION_COLUMNS, conversations)
            copy_rows("conversations_message", MESSAGE_COLUMNS, messages)
            copy_rows("conversations_note", NOTE_COLUMNS, notes)
        for key, rows in zip(("contacts", "conversations", "messages", "notes"), batch, strict=True):
            self.counts[key] += len(rows)


class Command(BaseCommand):
    help = "Bulk demo/benchmark data (contacts, conversations, messages, notes) for one workspace."

    def add_arguments(self, parser):
        parser.add_argument("--workspace", required=True, help="ws_… id of an existing workspace")
        parser.add_argument("--conversations", type=int, required=True)
        parser.add_argument("--messages-per-conversation", type=int, default=10)
        parser.add_argument(
            "--noise-workspaces",
            type=int,
            default=0,
            help="also create K other workspaces with some data each (tenancy noise)",
        )
        parser.add_argument(
            "--noise-conversations",
            type=int,
            default=None,
            help="conversations per noise workspace (default: 1%% of --conversations, ≥ 1)",
        )
        parser.add_argument("--batch-size", type=int, default=5000, help="conversations per COPY batch")
        parser.add_argument("--random-seed", type=int, default=None)

    def handle(self, *args, **options):
        workspace_id = options["workspace"]
        total = options["conversations"]
        per = options["messages_per_conversation"]
        if total < 0 or per < 0 or options["noise_workspaces"] < 0:
            raise CommandError("Counts must be zero or more.")
        if not Workspace.objects.filter(pk=workspace_id).exists():
            raise CommandError(f"Workspace {workspace_id} does not exist.")
        rng = random.Random(options["random_seed"])
        started = time.monotonic()
        now = datetime.now(UTC)
        targets = [(workspace_id, total)]
        if options["noise_workspaces"]:
            noise_size = options["noise_conversations"]
            noise_size = max(1, total // 100) if noise_size is None else noise_size
            plan_id = Workspace.objects.filter(pk=workspace_id).values_list("plan_id", flat=True).first()
            noise = Workspace.objects.bulk_create(
                [
                    Workspace(name=f"Noise {i + 1}", plan_id=plan_id)
                    for i in range(options["noise_workspaces"])
                ]
            )
            targets += [(w.id, noise_size) for w in noise]
        grand_total = sum(size for _, size in targets)
        seeders = []
        main_seconds = 0.0
        with tqdm(total=grand_total, unit="conv", desc="seeding", file=self.stderr, mininterval=0.5) as bar:
            for target_id, size in targets:
                seeder = Seeder(target_id, per, rng)
                seeders.append(seeder)
                steps = [
                    (start, min(options["batch_size"], size - start))
                    for start in range(0, size, options["batch_size"])
                ]
                # Build batch n+1 in a thread while batch n is written (COPY waits on the server without
                # holding the GIL), so Python and PostgreSQL work at the same time.
                with ThreadPoolExecutor(max_workers=1) as builder:
                    pending = builder.submit(seeder.build, *steps[0], size, now) if steps else None
                    for index, (_start, step) in enumerate(steps):
                        batch = pending.result()
                        if index + 1 < len(steps):
                            pending = builder.submit(seeder.build, *steps[index + 1], size, now)
                        seeder.write(batch)
                        bar.update(step)
                if target_id == workspace_id:
                    main_seconds = time.monotonic() - started
        with connection.cursor() as cursor:
            for table in (
                "contacts_contact",
                "conversations_conversation",
                "conversations_message",
                "conversations_note",
            ):
                cursor.execute(f"ANALYZE {table}")
        elapsed = time.monotonic() - started
        main = seeders[0].counts
        noise_rows = sum(s.counts["messages"] for s in seeders[1:])
        self.stdout.write(
            f"Seeded {main['contacts']} contacts, {main['conversations']} conversations, {main['messages']} "
            f"messages, {main['notes']} notes in {workspace_id}; {len(seeders) - 1} noise workspaces "
            f"({noise_rows} messages); {main_seconds:.1f}s for the workspace, {elapsed:.1f}s in all"
        )
        self.stdout.write(workspace_id)
