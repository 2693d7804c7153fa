"""Knowledge benchmark: ingest throughput (chunks/s) for 10 000 articles, search p50/p99 over ~100 000 chunks.

Usage (from the repository root):
    .venv/bin/python -m bench.knowledge.run [--articles 10000] [--noise-articles 2000] [--queries 400]

Runs against its own database (`bench_knowledge` on the embedded PostgreSQL, recreated each run) with
the test settings (tasks eager, no network). What it measures:

1. Bulk ingest: the `knowledge_import` path (`import_articles`) over generated articles — chunking,
   one INSERT … SELECT unnest(…) per batch computing the `tsvector`s, article rows, and two events per
   article through every registered sink (audit chain, webhook outbox) — no embeddings.
2. Task ingest: the per-article Celery task body (`article_ingest`) on a sample of articles (the API path).
3. Search: `GET /api/v1/knowledge/search` through the whole request path (auth, rate limit, tenancy,
   serializer) and the `search()` service alone, over a mix of one-, two- and three-word queries,
   phrases and any-word fallbacks, in a workspace of ~100 000 chunks next to a noise workspace.

Writes bench/knowledge/RESULTS.md. Bounded: `--max-seconds` stops generation/ingest early (the
results then say how many articles were ingested).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_NAME", "bench_knowledge")
ROOT = Path(__file__).resolve().parents[2]

SYLLABLES = [
    "ba",
    "be",
    "bi",
    "bo",
    "ca",
    "ce",
    "co",
    "da",
    "de",
    "di",
    "fa",
    "fe",
    "ga",
    "go",
    "ka",
    "ki",
    "la",
    "le",
    "li",
    "lo",
    "ma",
    "me",
    "mi",
    "mo",
    "na",
    "ne",
    "ni",
    "no",
    "pa",
    "pe",
    "pi",
    "po",
    "ra",
    "re",
    "ri",
    "ro",
    "sa",
    "se",
    "si",
    "so",
    "ta",
    "te",
    "ti",
    "to",
    "va",
    "ve",
    "vi",
    "vo",
    "za",
    "ze",
    "zo",
    "tr",
    "st",
    "nd",
]
COMMON = [
    "the",
    "a",
    "to",
    "of",
    "and",
    "in",
    "is",
    "you",
    "your",
    "for",
    "on",
    "with",
    "it",
    "this",
    "that",
    "can",
    "be",
    "are",
    "from",
    "or",
    "by",
    "at",
    "as",
    "account",
    "order",
    "password",
    "refund",
    "billing",
    "invoice",
    "shipping",
    "delivery",
    "payment",
    "card",
    "plan",
    "team",
    "user",
    "settings",
    "email",
    "login",
    "reset",
    "cancel",
    "subscription",
    "export",
    "import",
    "report",
    "access",
    "admin",
    "api",
    "token",
    "webhook",
    "widget",
    "message",
    "conversation",
    "contact",
    "agent",
    "assistant",
    "help",
    "support",
    "page",
    "click",
    "open",
    "select",
    "save",
    "update",
    "delete",
    "create",
]


def fresh_database(name: str) -> None:
    import psycopg
    from psycopg import sql

    from leadiosa.database import start_embedded_postgres

    host = start_embedded_postgres()["HOST"]
    with psycopg.connect(host=host, user="postgres", dbname="postgres", autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


class Corpus:
    """Deterministic synthetic help-center text: a Zipf-like vocabulary of invented and common words."""

    def __init__(self, seed: int = 7, vocabulary: int = 20_000):
        self.rng = random.Random(seed)
        words = set()
        while len(words) < vocabulary:
            words.add("".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 4))))
        self.words = COMMON + sorted(words)
        self.weights = [1.0 / (rank + 1) ** 1.05 for rank in range(len(self.words))]
        self._cum = None

    def sentence(self) -> str:
        words = self.rng.choices(self.words, cum_weights=self._cumulative(), k=self.rng.randint(8, 16))
        return " ".join(words).capitalize() + "."

    def _cumulative(self):
        if self._cum is None:
            total, self._cum = 0.0, []
            for weight in self.weights:
                total += weight
                self._cum.append(total)
        return self._cum

    def article(self, index: int) -> dict:
        sections = []
        for s in range(self.rng.randint(3, 5)):
            paragraphs = [
                " ".join(self.sentence() for _ in range(self.rng.randint(3, 6)))
                for _ in range(self.rng.randint(3, 5))
            ]
            sections.append(f"## Section {s + 1} {self.sentence()[:-1]}\n\n" + "\n\n".join(paragraphs))
        return {"title": f"Article {index}: " + self.sentence()[:60], "body": "\n\n".join(sections)}

    def queries(self, n: int) -> list[str]:
        """A mix: frequent single words, two/three-word AND queries, rare words, phrases."""
        out = []
        for i in range(n):
            kind = i % 5
            pick = lambda lo, hi: self.words[int(self.rng.uniform(lo, hi))]  # noqa: E731
            if kind == 0:
                out.append(pick(0, 200))
            elif kind == 1:
                out.append(f"{pick(0, 2000)} {pick(0, 2000)}")
            elif kind == 2:
                out.append(f"{pick(50, 5000)} {pick(50, 5000)} {pick(50, 5000)}")
            elif kind == 3:
                out.append(pick(2000, len(self.words)))
            else:
                out.append(f'"{pick(0, 300)} {pick(0, 300)}"')
        return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--noise-articles", type=int, default=2_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--task-sample", type=int, default=300)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--max-seconds", type=float, default=1200)
    parser.add_argument("--search-only", action="store_true", help="Reuse the database of the last run.")
    args = parser.parse_args()
    started = time.monotonic()

    if not args.search_only:
        fresh_database(os.environ["DATABASE_NAME"])
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    from apps.billing.models import Plan
    from apps.knowledge.models import Chunk
    from apps.knowledge.search import search
    from apps.workspaces.models import Member, Workspace
    from apps.workspaces.services import token_create
    from leadiosa.context import SYSTEM, acting_as
    from leadiosa.tenancy import with_workspace

    Plan.objects.update_or_create(id="bench", defaults={"name": "Benchmark", "rate_limit_per_minute": 10**9})
    corpus = Corpus()
    if args.search_only:
        workspace = Workspace.objects.get(name="Bench knowledge")
        with acting_as(SYSTEM):
            _token, plaintext = token_create(
                member=Member.all_workspaces.get(workspace=workspace), name="bench"
            )
        ingest_rows = previous_ingest_rows()
    else:
        workspace, plaintext, ingest_rows = ingest_phase(args, corpus, started)
    chunk_total = Chunk.all_workspaces.filter(workspace=workspace).count()
    noise_chunks = Chunk.all_workspaces.exclude(workspace=workspace).count()

    print("search…", file=sys.stderr)
    queries = corpus.queries(args.queries)
    client = Client()
    headers = {"Authorization": f"Bearer {plaintext}"}
    with with_workspace(workspace.id):
        for q in queries:  # one warm-up pass: token cache, workspace profile, index and heap pages
            search(workspace_id=workspace.id, query=q, limit=10)
    load_before = os.getloadavg()[0]
    http_ms, service_ms, result_counts = [], [], []
    by_kind: dict[int, list[float]] = {}
    for index, q in enumerate(queries):
        t = time.perf_counter()
        response = client.get("/api/v1/knowledge/search", {"q": q, "limit": 10}, headers=headers)
        elapsed_ms = (time.perf_counter() - t) * 1000
        http_ms.append(elapsed_ms)
        by_kind.setdefault(index % 5, []).append(elapsed_ms)
        assert response.status_code == 200, response.content
        result_counts.append(len(response.json()["data"]))
        with with_workspace(workspace.id):
            t = time.perf_counter()
            search(workspace_id=workspace.id, query=q, limit=10)
            service_ms.append((time.perf_counter() - t) * 1000)
    load_after = os.getloadavg()[0]
    with CaptureQueriesContext(connection) as captured:
        client.get("/api/v1/knowledge/search", {"q": queries[1], "limit": 10}, headers=headers)
    kinds = [
        "one frequent word",
        "two words",
        "three words (often any-word fallback)",
        "one rare word",
        "quoted phrase",
    ]

    elapsed = time.monotonic() - started
    rows = [
        *ingest_rows,
        ("Chunks in the searched workspace", f"{chunk_total:,} (+ {noise_chunks:,} in a noise workspace)"),
        (
            "Search over HTTP, p50 / p95 / p99 / max",
            f"**{percentile(http_ms, 50):.1f} / {percentile(http_ms, 95):.1f} / {percentile(http_ms, 99):.1f} / "
            f"{max(http_ms):.1f} ms**",
        ),
        (
            "search() service alone, p50 / p95 / p99",
            f"{percentile(service_ms, 50):.1f} / {percentile(service_ms, 95):.1f} / {percentile(service_ms, 99):.1f} ms",
        ),
        *[
            (
                f"HTTP by query kind: {kinds[k]}",
                f"p50 {percentile(v, 50):.1f} / p99 {percentile(v, 99):.1f} ms",
            )
            for k, v in sorted(by_kind.items())
        ],
        (
            "Queries",
            f"{len(queries)} (mean {statistics.mean(result_counts):.1f} results, "
            f"{sum(1 for c in result_counts if c == 0)} with none)",
        ),
        ("SQL queries per search request", str(len(captured))),
        ("Load average (1 min) before / after the search phase", f"{load_before:.1f} / {load_after:.1f}"),
    ]
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, PostgreSQL embedded"
    lines = [
        "# Knowledge benchmark results",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine}; total {elapsed:.0f} s.",
        f"Command: `.venv/bin/python -m bench.knowledge.run {' '.join(sys.argv[1:])}`".replace(" `", " `", 1),
        "",
        "| measure | result |",
        "|---|---|",
        *[f"| {name} | {value} |" for name, value in rows],
        "",
    ]
    (ROOT / "bench" / "knowledge" / "RESULTS.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


def ingest_phase(args, corpus, started):
    from django.db import connection
    from django.db.models import F

    from apps.knowledge.importer import Record, import_articles
    from apps.knowledge.ingestion import article_ingest
    from apps.knowledge.models import Article
    from apps.workspaces.models import Member
    from apps.workspaces.services import token_create, workspace_create
    from leadiosa.context import SYSTEM, acting_as
    from leadiosa.tenancy import with_workspace

    with acting_as(SYSTEM):
        workspace = workspace_create(name="Bench knowledge", owner_email="kb@example.com", plan_id="bench")
        noise = workspace_create(name="Bench noise", owner_email="noise@example.com", plan_id="bench")
        _token, plaintext = token_create(member=Member.all_workspaces.get(workspace=workspace), name="bench")
    deadline = started + args.max_seconds

    def records(count, prefix):
        for i in range(count):
            if time.monotonic() > deadline:
                return
            yield Record(f"{prefix}:{i}", corpus.article(i))

    # Pre-generated, so generating the text is not timed as ingest.
    print(f"generating {args.articles} + {args.noise_articles} articles…", file=sys.stderr)
    main_records = list(records(args.articles, "main"))
    noise_records = list(records(args.noise_articles, "noise"))
    with acting_as(SYSTEM), with_workspace(noise.id):
        import_articles(noise_records, batch_size=args.batch_size)

    print("bulk ingest…", file=sys.stderr)
    t0 = time.perf_counter()
    with acting_as(SYSTEM), with_workspace(workspace.id):
        report = import_articles(main_records, batch_size=args.batch_size)
    bulk_seconds = time.perf_counter() - t0
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE knowledge_chunk; ANALYZE knowledge_article")

    print("task ingest sample…", file=sys.stderr)
    sample = list(
        Article.all_workspaces.filter(workspace=workspace).values_list("id", flat=True)[: args.task_sample]
    )
    task_chunks = 0
    t0 = time.perf_counter()
    with acting_as(SYSTEM), with_workspace(workspace.id):
        for article_id in sample:
            Article.objects.filter(id=article_id).update(content_version=F("content_version") + 1)
            task_chunks += article_ingest(article_id=article_id).chunk_count
    task_seconds = time.perf_counter() - t0
    rows = [
        ("Articles ingested (bulk)", f"{report.imported:,}"),
        (
            "Bulk ingest throughput (knowledge_import path, no embeddings)",
            f"**{report.chunks / bulk_seconds:,.0f} chunks/s** ({report.chunks:,} chunks in {bulk_seconds:.1f} s; "
            f"{report.imported / bulk_seconds:,.0f} articles/s)",
        ),
        (
            "Task ingest (the API path: one article per task, chunks replaced)",
            f"{task_chunks / task_seconds:,.0f} chunks/s ({len(sample)} articles, "
            f"{task_seconds / len(sample) * 1000:.1f} ms/article)",
        ),
    ]
    (ROOT / ".data" / "bench-knowledge-ingest.json").write_text(json.dumps(rows), encoding="utf-8")
    return workspace, plaintext, rows


def previous_ingest_rows():
    path = ROOT / ".data" / "bench-knowledge-ingest.json"
    return [tuple(row) for row in json.loads(path.read_text(encoding="utf-8"))] if path.exists() else []


if __name__ == "__main__":
    main()
