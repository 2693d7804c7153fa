"""The inbox benchmark: seed speed, then list/thread/post throughput under gunicorn (2 workers).

Usage (from the repository root):
    REDIS_URL=redis://127.0.0.1:6379/1 .venv/bin/python -m bench.inbox.run \
        [--conversations 100000] [--messages-per-conversation 10] [--noise-workspaces 50] \
        [--seconds 8] [--rounds 3] [--reseed]

Uses its own database (`leadiosa_bench_inbox` on the embedded server, or DATABASE_URL's server), seeds
it once with `manage.py seed` (COPY), then measures, alternating rounds so every case shares the
machine's conditions:
- GET /api/v1/conversations?limit=25, first page and page 1 000 (cursor), with auth, rate limit, tenancy;
- the floor: a bare Django view running the same keyset SQL by hand, same JSON (page 1 and 1 000);
- a typical DRF ListAPIView + ModelSerializer + CursorPagination over the same table (page 1 and 1 000);
- GET /api/v1/conversations/{id}/messages and POST /api/v1/conversations/{id}/messages.
Writes bench/inbox/RESULTS.md. Every phase is bounded in time; only 127.0.0.1 is targeted.
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import os
import platform
import statistics
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

from bench.loadgen import start_gunicorn, wait_until_up

ROOT = Path(__file__).resolve().parents[2]
PORT = 8124
DB_NAME = "leadiosa_bench_inbox"
WORKSPACE_NAME = "Bench inbox"

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.inbox.settings")
os.environ.setdefault("DATABASE_NAME", DB_NAME)
os.environ.setdefault("CACHE_KEY_PREFIX", "bench-inbox")


def ensure_database() -> None:
    if os.environ.get("DATABASE_URL"):
        return
    from leadiosa.database import _ensure_database, start_embedded_postgres

    _ensure_database(start_embedded_postgres()["HOST"], os.environ["DATABASE_NAME"])


def setup(args) -> tuple[str, str, str]:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from apps.billing.models import Plan
    from apps.conversations.models import Conversation
    from apps.workspaces.models import Member, Workspace
    from apps.workspaces.services import token_create, workspace_create
    from leadiosa.context import SYSTEM, acting_as

    Plan.objects.update_or_create(id="bench", defaults={"name": "Benchmark", "rate_limit_per_minute": 10**9})
    workspace = Workspace.objects.filter(name=WORKSPACE_NAME).order_by("-created_at").first()
    seeded = (
        workspace is not None
        and Conversation.all_workspaces.filter(workspace=workspace).count() >= args.conversations
    )
    seed_report = "(reused the data seeded by an earlier run)"
    if args.reseed or not seeded:
        # Always a fresh workspace, so it holds exactly the requested data.
        with acting_as(SYSTEM):
            workspace = workspace_create(
                name=WORKSPACE_NAME, owner_email="bench@example.com", plan_id="bench"
            )
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
        seed_report = (
            f"{out.getvalue().strip().splitlines()[0]} (wall clock {time.monotonic() - started:.1f}s)"
        )
    owner = Member.all_workspaces.filter(workspace=workspace).first()
    with acting_as(SYSTEM):
        _token, plaintext = token_create(member=owner, name="bench")
    return workspace.id, plaintext, seed_report


def cursors(workspace_id: str) -> dict:
    """Cursors that open page 1 000 (rows 24 976-25 000) in each of the three lists."""
    from apps.conversations.models import Conversation
    from apps.conversations.views import ConversationViewSet
    from bench.inbox.reference import bare_cursor
    from leadiosa.api.pagination import KEYSET_AT, KeysetPagination, list_key
    from leadiosa.tenancy import with_workspace
    from leadiosa.timestamps import CursorText

    ordered = (
        Conversation.all_workspaces.filter(workspace_id=workspace_id)
        .annotate(**{KEYSET_AT: CursorText("created_at")})
        .order_by("-created_at", "-id")
    )
    last_of_999 = ordered[999 * 25 - 1]
    first_of_1000 = ordered[999 * 25]
    paginator = KeysetPagination()
    paginator.list_key = list_key(ConversationViewSet(kwargs={}), ascending=False)
    with with_workspace(workspace_id):
        api = paginator._encode(last_of_999)
    drf = base64.b64encode(urlencode({"p": str(last_of_999.created_at)}).encode()).decode()
    return {
        "api": api,
        "bare": bare_cursor(last_of_999.created_at, last_of_999.id),
        "drf": drf,
        "expected_first": first_of_1000.id,
        "after_row": (last_of_999.created_at, last_of_999.id),
    }


def count_queries(workspace_id: str, token: str, cursor: str) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    headers = {"Authorization": f"Bearer {token}"}
    client.get("/api/v1/conversations", headers=headers)
    counts = {}
    for label, path in (
        ("API page 1", "/api/v1/conversations?limit=25"),
        ("API page 1000", f"/api/v1/conversations?limit=25&after={cursor}"),
        ("floor page 1", f"/bench/bare/conversations/{workspace_id}?limit=25"),
        ("typical DRF page 1", f"/bench/drf/conversations/{workspace_id}"),
    ):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path, headers=headers).status_code == 200, path
        counts[label] = len(queries)
    return counts


def cpu_per_request(workspace_id: str, token: str, marks: dict, cycles: int = 10, batch: int = 40) -> dict:
    """CPU milliseconds per request in this process (Django test client, no HTTP server), interleaved in
    cycles: far less sensitive to the machine's other load than throughput, since waiting is not counted."""
    from django.test import Client

    client = Client()
    auth = {"Authorization": f"Bearer {token}"}
    paths = {
        "floor page 1": (f"/bench/bare/conversations/{workspace_id}", {}),
        "typical DRF page 1": (f"/bench/drf/conversations/{workspace_id}", {}),
        "API page 1": ("/api/v1/conversations?limit=25", auth),
        "API page 1000": (f"/api/v1/conversations?limit=25&after={marks['api']}", auth),
    }
    for path, headers in paths.values():
        for _ in range(10):
            assert client.get(path, headers=headers).status_code == 200, path
    spent = dict.fromkeys(paths, 0.0)
    for _ in range(cycles):
        for label, (path, headers) in paths.items():
            started = time.process_time()
            for _ in range(batch):
                client.get(path, headers=headers)
            spent[label] += time.process_time() - started
    return {label: total / (cycles * batch) * 1000 for label, total in spent.items()}


def explain(workspace_id: str, cursor_row) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM conversations_conversation WHERE workspace_id = %s "
            "AND (created_at, id) < (%s, %s) ORDER BY created_at DESC, id DESC LIMIT 26",
            [workspace_id, *cursor_row],
        )
        return "\n".join(r[0] for r in cursor.fetchall())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--messages-per-conversation", type=int, default=10)
    parser.add_argument("--noise-workspaces", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--reseed", action="store_true")
    args = parser.parse_args()
    if args.conversations < 25_000:
        raise SystemExit("page 1 000 needs at least 25 000 conversations")

    ensure_database()
    workspace_id, token, seed_report = setup(args)
    from apps.conversations.models import Conversation
    from bench.loadgen import HEADER, run_load

    marks = cursors(workspace_id)
    query_counts = count_queries(workspace_id, token, marks["api"])
    cpu = cpu_per_request(workspace_id, token, marks)
    plan = explain(workspace_id, marks["after_row"])
    sample = list(
        Conversation.all_workspaces.filter(workspace_id=workspace_id)
        .exclude(status="closed")
        .values_list("id", flat=True)[:500]
    )
    auth = {"Authorization": f"Bearer {token}"}
    server = start_gunicorn("bench.inbox.settings", PORT)
    base = f"http://127.0.0.1:{PORT}"
    try:
        wait_until_up(f"{base}/healthz")
        # Sanity: page 1 000 of each list starts at the same row.
        for url, headers, key in (
            (f"{base}/api/v1/conversations?limit=25&after={marks['api']}", auth, "data"),
            (f"{base}/bench/bare/conversations/{workspace_id}?limit=25&after={marks['bare']}", {}, "data"),
            (f"{base}/bench/drf/conversations/{workspace_id}?cursor={marks['drf']}", {}, "results"),
        ):
            request = urllib.request.Request(url, headers=headers)
            page = json.loads(urllib.request.urlopen(request, timeout=10).read())[key]
            assert len(page) == 25 and page[0]["id"] == marks["expected_first"], url
        cases = {
            "floor: bare Django keyset view, page 1": dict(
                urls=[f"{base}/bench/bare/conversations/{workspace_id}"]
            ),
            "floor: bare Django keyset view, page 1000": dict(
                urls=[f"{base}/bench/bare/conversations/{workspace_id}?after={marks['bare']}"]
            ),
            "typical DRF ListAPIView + CursorPagination, page 1": dict(
                urls=[f"{base}/bench/drf/conversations/{workspace_id}"]
            ),
            "typical DRF ListAPIView + CursorPagination, page 1000": dict(
                urls=[f"{base}/bench/drf/conversations/{workspace_id}?cursor={marks['drf']}"]
            ),
            "GET /api/v1/conversations?limit=25 (page 1)": dict(
                urls=[f"{base}/api/v1/conversations?limit=25"], headers=auth
            ),
            "GET /api/v1/conversations?limit=25 (page 1000)": dict(
                urls=[f"{base}/api/v1/conversations?limit=25&after={marks['api']}"], headers=auth
            ),
            "GET /api/v1/conversations/{id}/messages": dict(
                urls=[f"{base}/api/v1/conversations/{c}/messages" for c in sample], headers=auth
            ),
            "POST /api/v1/conversations/{id}/messages": dict(
                urls=[f"{base}/api/v1/conversations/{c}/messages" for c in sample],
                method="POST",
                headers={**auth, "Content-Type": "application/json"},
                body=json.dumps({"body": "Benchmark reply: thanks for your patience!"}).encode(),
            ),
        }
        for spec in cases.values():
            run_load("warm-up", duration=1.5, **spec)
        results = {label: [] for label in cases}
        for _ in range(args.rounds):
            for label, spec in cases.items():
                results[label].append(run_load(label, duration=args.seconds, **spec))
    finally:
        server.terminate()
        server.wait(timeout=30)

    chosen = {label: sorted(runs, key=lambda r: r.rps)[len(runs) // 2] for label, runs in results.items()}

    def paired(numerator: str, denominator: str) -> float:
        """Median over rounds of the ratio within a round (the cases of one round ran back to back)."""
        ratios = [
            n.rps / d.rps for n, d in zip(results[numerator], results[denominator], strict=True) if d.rps
        ]
        return statistics.median(ratios) if ratios else 0.0

    rows = [HEADER, *(r.row() for r in chosen.values())]
    rps = {label: r.rps for label, r in chosen.items()}
    labels = list(cases)
    floor1, api1, drf1 = rps[labels[0]], rps[labels[4]], rps[labels[2]]
    p50 = {label: r.percentile(50) for label, r in chosen.items()}
    report = "\n".join(
        [
            "# Inbox benchmark results",
            "",
            f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.node()} ({os.cpu_count()} cores, shared with "
            "the other engineers' test runs), gunicorn 2 sync workers, cache: "
            f"{'Redis' if os.environ.get('REDIS_URL') else 'in-process'}, {args.rounds} alternating rounds of "
            f"{args.seconds:.0f} s per case (median round shown), load: 2 processes x 4 threads on loopback, "
            "one request at a time each, new connection per request.",
            "",
            f"Data: `manage.py seed --conversations {args.conversations} --messages-per-conversation "
            f"{args.messages_per_conversation} --noise-workspaces {args.noise_workspaces}`.",
            f"Seed: {seed_report}",
            "",
            *rows,
            "",
            "Ratios are the median over rounds of the ratio within each round (cases of a round run back to "
            "back, so they share the machine's momentary load); the table shows each case's median round.",
            "",
            f"- API list / floor (page 1): **{paired(labels[4], labels[0]):.0%}** (target ≥ 60 %); "
            f"from the median rounds: {api1 / floor1:.0%}",
            f"- API list / typical DRF (page 1): **{paired(labels[4], labels[2]):.2f}x** (target ≥ 1.6x); "
            f"from the median rounds: {api1 / drf1:.2f}x; typical DRF / floor: {paired(labels[2], labels[0]):.2f}",
            f"- API page 1000 / page 1 throughput: **{paired(labels[5], labels[4]):.2f}x**; p50 latency page 1000 / "
            f"page 1: {p50[labels[5]] / p50[labels[4]]:.2f}x (target: page 1000 within 1.2x of page 1)",
            f"- floor page 1000 / page 1 throughput: {paired(labels[1], labels[0]):.2f}x; typical DRF page 1000 / "
            f"page 1: {paired(labels[3], labels[2]):.2f}x",
            f"- SQL queries per request (warm token cache): {query_counts}",
            "- CPU per request in-process (test client, interleaved, waiting excluded): "
            + ", ".join(f"{label} {ms:.2f} ms" for label, ms in cpu.items())
            + f" → floor / API **{cpu['floor page 1'] / cpu['API page 1']:.0%}**, typical DRF / API "
            f"**{cpu['typical DRF page 1'] / cpu['API page 1']:.2f}x**, API page 1000 / page 1 "
            f"**{cpu['API page 1000'] / cpu['API page 1']:.2f}x**",
            "",
            "Plan of the page-1000 query (the same keyset condition the API binds):",
            "",
            "```",
            plan,
            "```",
            "",
            "All rounds (req/s): "
            + "; ".join(
                f"{label}: {', '.join(f'{r.rps:,.0f}' for r in runs)}" for label, runs in results.items()
            ),
            "",
        ]
    )
    (Path(__file__).parent / "RESULTS.md").write_text(report)
    print(report)


if __name__ == "__main__":
    main()
