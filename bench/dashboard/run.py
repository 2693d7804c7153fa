"""Dashboard benchmark: the inbox page's server time against the API's list, on a big seed.

Usage (from the repository root):
    .venv/bin/python -m bench.dashboard.run [--conversations 100000] [--messages-per-conversation 3] \
        [--rounds 200] [--reseed]

Uses its own database (`leadiosa_bench_dashboard` on the embedded server, or DATABASE_URL's server), seeds
a "Bench dashboard" workspace once with `manage.py seed` (reused by later runs unless --reseed).

In-process, through the whole middleware stack (Django's test client; no network): each round times
`GET /app/<ws>/inbox/` (signed in as the workspace owner, a session cookie) and
`GET /api/v1/conversations?limit=25` (the owner's token), interleaved, wall clock and CPU. Also counts
SQL queries per request: the inbox with 25 rows vs a filter that shows 3, and an idle poll.
Writes bench/dashboard/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.dashboard.settings")
os.environ.setdefault("DATABASE_NAME", "leadiosa_bench_dashboard")
WORKSPACE_NAME = "Bench dashboard"


def ensure_database() -> None:
    """The embedded server's bench database, created once (DATABASE_URL: the server's own)."""
    if os.environ.get("DATABASE_URL"):
        return
    import psycopg
    from psycopg import sql

    from leadiosa.database import start_embedded_postgres

    host = start_embedded_postgres(ROOT / ".data")["HOST"]
    name = os.environ["DATABASE_NAME"]
    with psycopg.connect(host=host, user="postgres", dbname="postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def seed(args) -> tuple[object, str]:
    import io

    from django.core.management import call_command

    from apps.conversations.models import Conversation
    from apps.workspaces.models import Workspace
    from apps.workspaces.services import workspace_create
    from leadiosa.context import SYSTEM, acting_as

    call_command("migrate", verbosity=0)
    workspace = Workspace.objects.filter(name=WORKSPACE_NAME).order_by("-created_at").first()
    if (
        not args.reseed
        and workspace is not None
        and Conversation.all_workspaces.filter(workspace=workspace).count() >= args.conversations
    ):
        return workspace, "reused the data seeded by an earlier run"
    with acting_as(SYSTEM):
        workspace = workspace_create(name=WORKSPACE_NAME, owner_email="bench-dashboard@example.com")
    out = io.StringIO()
    started = time.monotonic()
    call_command(
        "seed",
        workspace=workspace.id,
        conversations=args.conversations,
        messages_per_conversation=args.messages_per_conversation,
        noise_workspaces=args.noise_workspaces,
        stdout=out,
    )
    return workspace, f"seeded in {time.monotonic() - started:.0f} s"


os.environ.setdefault("REDIS_KEY_PREFIX", "bench-dashboard")

# A word in no conversation and one in about a quarter of them (the seed's "I can't reset my password").
SEARCH_WORDS = ("zebra crossing", "password")


def explain_searches(workspace) -> str:
    """`?q=` at this scale: EXPLAIN ANALYZE of the inbox's search (its own SQL) and of the contacts'
    search (the ORM filter the dashboard and the API share): time and the indexes the plan uses."""
    import re

    from django.db import connection
    from django.db.models import Q

    from apps.contacts.models import Contact
    from apps.dashboard import queries
    from leadiosa.tenancy import with_workspace

    def summary(plan: str) -> str:
        took = re.search(r"Execution Time: ([0-9.]+) ms", plan).group(1)
        used = sorted(
            set(re.findall(r"(?:Bitmap Index Scan on|Index (?:Only )?Scan(?: Backward)? using) (\w+)", plan))
        )
        return f"{took} ms; indexes: {', '.join(f'`{name}`' for name in used)}"

    lines = ["`?q=` at this scale (EXPLAIN ANALYZE, after ANALYZE):", ""]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE conversations_conversation, conversations_message, contacts_contact")
    with with_workspace(workspace.id):
        for word in SEARCH_WORDS:
            sql, params = queries._inbox_sql(
                statuses=None,
                assignee=None,
                priority=None,
                handled_by=None,
                updated_after=None,
                q=word,
                newer_than=None,
                older_than=None,
                limit=queries.PAGE_SIZE + 1,
            )
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE) " + sql, params)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            lines.append(f"- inbox, q={word!r}: {summary(plan)}")
        for word in ("zebra", "example"):
            queryset = Contact.objects.filter(Q(name__icontains=word) | Q(email__icontains=word))
            plan = queryset.order_by("-created_at", "-id")[: queries.PAGE_SIZE + 1].explain(analyze=True)
            lines.append(f"- contacts, q={word!r}: {summary(plan)}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--messages-per-conversation", type=int, default=3)
    parser.add_argument("--noise-workspaces", type=int, default=5)
    parser.add_argument("--reseed", action="store_true")
    args = parser.parse_args()

    ensure_database()
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from apps.conversations.models import Conversation
    from apps.workspaces.models import Member
    from apps.workspaces.services import token_create
    from leadiosa.context import SYSTEM, acting_as

    settings.ALLOWED_HOSTS = ["*"]
    workspace, seed_report = seed(args)
    # The API's per-token rate limit must not be what is measured: a plan without a practical limit.
    from apps.billing.models import Plan

    plan, _ = Plan.objects.update_or_create(
        id="bench", defaults={"name": "Benchmark", "rate_limit_per_minute": 10**9}
    )
    type(workspace).objects.filter(pk=workspace.pk).update(plan=plan)
    conversations = Conversation.all_workspaces.filter(workspace=workspace).count()
    owner = Member.all_workspaces.select_related("user").filter(workspace=workspace, role="owner").first()
    with acting_as(SYSTEM):
        _token, plaintext = token_create(member=owner, role="owner", name="bench-dashboard")

    dashboard = Client()
    dashboard.force_login(owner.user, backend="apps.dashboard.auth.EmailBackend")
    api = Client(headers={"Authorization": f"Bearer {plaintext}"})
    inbox_url = f"/app/{workspace.id}/inbox/"
    api_url = "/api/v1/conversations?limit=25"

    def timed(client, url):
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        assert response.status_code in (200, 204), (url, response.status_code)
        return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000

    def queries(client, url):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        return response, len(ctx.captured_queries)

    for _ in range(10):  # warm: connections, compiled page query, token cache, status counts cache
        timed(dashboard, inbox_url)
        timed(api, api_url)
    from apps.dashboard.live import touch

    results = {"inbox": [], "rebuilt": [], "api": []}
    for _ in range(args.rounds):
        results["inbox"].append(timed(dashboard, inbox_url))
        results["api"].append(timed(api, api_url))
        touch(workspace.id)  # as after any change: the list (and the status counts) are rebuilt
        results["rebuilt"].append(timed(dashboard, inbox_url))

    touch(workspace.id)
    page, page_queries = queries(dashboard, inbox_url)
    _cached, cached_queries = queries(dashboard, inbox_url)
    rows_full = page.content.count(b"data-nav-row")
    # A filter showing a handful of rows: updated after the 4th most recent conversation.
    fourth = (
        Conversation.all_workspaces.filter(workspace=workspace)
        .order_by("-updated_at")
        .values_list("updated_at", flat=True)[3]
    )
    few_url = inbox_url + "?" + urlencode({"updated_after": fourth.isoformat()})
    touch(workspace.id)
    few, few_queries = queries(dashboard, few_url)
    rows_few = few.content.count(b"data-nav-row")
    _api_response, api_queries = queries(api, api_url)
    import re

    time.sleep(3.5)  # past the status counts' refresh window: the page's counts are exact
    settled = dashboard.get(inbox_url)  # the page as an agent leaves it open
    poll = re.search(rb'hx-get="([^"]+)"', settled.content).group(1).decode().replace("&amp;", "&")
    idle, idle_queries = queries(dashboard, poll)
    idle_times = [timed(dashboard, poll) for _ in range(args.rounds)]

    search_report = explain_searches(workspace)

    def p(values, q):
        values = sorted(values)
        return values[min(len(values) - 1, int(q * len(values)))]

    def row(name, samples):
        wall = [s[0] for s in samples]
        cpu = [s[1] for s in samples]
        return (
            f"| {name} | {statistics.median(wall):.2f} | {p(wall, 0.9):.2f} | {statistics.median(cpu):.2f} |"
        )

    inbox_p50 = statistics.median(s[0] for s in results["inbox"])
    api_p50 = statistics.median(s[0] for s in results["api"])
    rebuilt_p50 = statistics.median(s[0] for s in results["rebuilt"])
    load = os.getloadavg()[0]
    report = f"""# Dashboard benchmark results

Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.node()} (load average {load:.1f}), Python
{platform.python_version()}; workspace "{workspace.name}" with {conversations} conversations; {args.rounds}
interleaved rounds ({seed_report}: `manage.py seed --conversations {args.conversations}
--messages-per-conversation {args.messages_per_conversation} --noise-workspaces {args.noise_workspaces}`), in-process (Django test client, whole middleware stack, no network).

| request | p50 ms | p90 ms | CPU p50 ms |
|---|---|---|---|
{row("GET /app/<ws>/inbox/, nothing changed since the last view (list from its cache)", results["inbox"])}
{row("GET /app/<ws>/inbox/ right after a change (list rebuilt; counts recounted at most every 3 s)", results["rebuilt"])}
{row("GET /api/v1/conversations?limit=25", results["api"])}
{row("idle poll GET /app/<ws>/inbox/poll/?since=… (204)", idle_times)}

**Inbox p50 / API p50 = {inbox_p50 / api_p50:.2f}x** when nothing changed since the last view,
**{rebuilt_p50 / api_p50:.2f}x** right after a change (target: within 2x).

SQL queries per request: inbox rebuilt with {rows_full} rows = **{page_queries}**, rebuilt filtered to
{rows_few} rows = **{few_queries}** (constant in page size), served from the list cache =
**{cached_queries}**, API list = {api_queries}, idle poll (status {idle.status_code}) = **{idle_queries}**.

{search_report}
"""
    (ROOT / "bench" / "dashboard" / "RESULTS.md").write_text(report)
    print(report)


if __name__ == "__main__":
    main()
