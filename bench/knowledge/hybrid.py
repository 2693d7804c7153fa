"""Hybrid (full text + vectors) benchmark at a smaller scale, against a local embeddings server.

Usage (from the repository root):
    .venv/bin/python -m bench.knowledge.hybrid [--articles 1000] [--queries 300]

A thread on 127.0.0.1 answers the OpenAI `POST /v1/embeddings` protocol with deterministic hashed
bag-of-words vectors (256 dimensions, zero-padded to the column's 1 536), so the numbers are the
product's own cost (batching, the vector column, the HNSW index, fusion) plus a loopback round trip
per query — not a model's. Own database (`bench_knowledge_hybrid`, recreated). Prints a Markdown table
and appends it to RESULTS.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import re
import sys
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ["DATABASE_NAME"] = "bench_knowledge_hybrid"
ROOT = Path(__file__).resolve().parents[2]
DIMENSIONS = 256


def embed(text: str) -> list[float]:
    vector = [0.0] * DIMENSIONS
    for word in re.findall(r"\w+", text.lower()):
        index = int(hashlib.md5(word[:5].encode()).hexdigest(), 16) % DIMENSIONS  # noqa: S324 - not security
        vector[index] += 1.0
    norm = math.sqrt(sum(v * v for v in vector)) or 1.0
    return [round(v / norm, 6) for v in vector]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real provider
    disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms delayed-ACK stall

    def log_message(self, *args):
        pass

    def do_POST(self):
        payload = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
        inputs = payload["input"] if isinstance(payload["input"], list) else [payload["input"]]
        body = json.dumps(
            {
                "object": "list",
                "model": payload.get("model"),
                "data": [{"index": i, "embedding": embed(t)} for i, t in enumerate(inputs)],
                "usage": {"prompt_tokens": sum(len(t.split()) for t in inputs)},
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    os.environ["KNOWLEDGE_EMBEDDING_PROVIDER"] = "openai"
    os.environ["OPENAI_BASE_URL"] = f"http://127.0.0.1:{server.server_address[1]}/v1"
    os.environ["OPENAI_EMBEDDING_MODEL"] = "bench-hashed-256"

    from bench.knowledge.run import Corpus, fresh_database, percentile

    fresh_database(os.environ["DATABASE_NAME"])
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from apps.billing.models import Plan
    from apps.knowledge.importer import Record, import_articles
    from apps.knowledge.models import Chunk
    from apps.knowledge.search import search
    from apps.workspaces.services import workspace_create
    from leadiosa.context import SYSTEM, acting_as
    from leadiosa.tenancy import with_workspace

    Plan.objects.update_or_create(id="bench", defaults={"name": "Benchmark", "rate_limit_per_minute": 10**9})
    with acting_as(SYSTEM):
        workspace = workspace_create(name="Bench hybrid", owner_email="hybrid@example.com", plan_id="bench")
    corpus = Corpus()
    records = [Record(str(i), corpus.article(i)) for i in range(args.articles)]
    t0 = time.perf_counter()
    with acting_as(SYSTEM), with_workspace(workspace.id):
        report = import_articles(records, batch_size=50)
    ingest_seconds = time.perf_counter() - t0
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE knowledge_chunk")
    embedded = Chunk.all_workspaces.filter(workspace=workspace, embedding__isnull=False).count()

    # Warm up on other queries than the measured ones: a repeated query's embedding comes from the cache.
    both = corpus.queries(args.queries * 2)
    warm_up, queries = both[::2], [q for q in both[1::2] if q not in set(both[::2])]
    timings, modes = [], []
    with with_workspace(workspace.id):
        for q in warm_up:
            search(workspace_id=workspace.id, query=q, limit=10)
        for q in queries:
            t = time.perf_counter()
            result = search(workspace_id=workspace.id, query=q, limit=10)
            timings.append((time.perf_counter() - t) * 1000)
            modes.append(result.mode)
    server.shutdown()
    lines = [
        "",
        f"## Hybrid search ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC, load average {os.getloadavg()[0]:.1f})",
        "",
        f"Command: `.venv/bin/python -m bench.knowledge.hybrid {' '.join(sys.argv[1:])}`",
        "",
        "| measure | result |",
        "|---|---|",
        f"| Chunks embedded (1 536-d column, HNSW) | {embedded:,} of {report.chunks:,} |",
        f"| Bulk ingest with embeddings (local server) | {report.chunks / ingest_seconds:,.0f} chunks/s |",
        f"| search() hybrid, p50 / p95 / p99 | {percentile(timings, 50):.1f} / {percentile(timings, 95):.1f} / "
        f"{percentile(timings, 99):.1f} ms (includes the loopback embedding call) |",
        f"| Searches fused with vector results | {modes.count('hybrid')} of {len(modes)} |",
        "",
    ]
    with (ROOT / "bench" / "knowledge" / "RESULTS.md").open("a", encoding="utf-8") as handle:
        handle.write("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
