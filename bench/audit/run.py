"""The cost of the audit log on POST /api/v1/conversations/{id}/messages: with vs without the sink.

Usage (from the repository root):
    REDIS_URL=redis://127.0.0.1:6379/3 REDIS_KEY_PREFIX=bench-audit .venv/bin/python -m bench.audit.run \
        [--seconds 6] [--rounds 5]

Two gunicorn servers (2 sync workers each) on the same database and machine: one with the product's
settings, one whose only difference is the audit app without its emit() sink (bench/audit/noaudit.py).
Rounds alternate between them, so both see the same conditions; the median round of each is reported.
Two loads: every request in ONE workspace (the worst case: the workspace's chain head serialises the
audit write of concurrent requests) and the same load spread over 8 workspaces. Writes
bench/audit/RESULTS-messages.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.audit.common import use_bench_database
from bench.loadgen import start_gunicorn, wait_until_up

ROOT = Path(__file__).resolve().parents[2]
PORTS = {"with audit": 8131, "without audit": 8132}
SETTINGS = {"with audit": "bench.settings", "without audit": "bench.audit.settings_noaudit"}
CONVERSATIONS_PER_WORKSPACE = 16


def setup_data(workspaces: int) -> list[tuple[str, list[str]]]:
    """(token, [conversation ids]) per workspace; conversations handled by humans (no assistant)."""
    from django.test import Client

    from bench.audit.common import make_workspace

    client, out = Client(), []
    for n in range(workspaces):
        _workspace, token = make_workspace(f"Bench audit {n} {time.time_ns()}")
        headers = {"Authorization": f"Bearer {token}"}
        ids = []
        for i in range(CONVERSATIONS_PER_WORKSPACE):
            body = {"contact": {"email": f"c{i}@example.com"}, "handled_by": "human", "subject": "Bench"}
            response = client.post(
                "/api/v1/conversations", body, content_type="application/json", headers=headers
            )
            assert response.status_code == 201, response.content
            ids.append(response.json()["id"])
        out.append((token, ids))
    return out


def count_queries(token: str, conversation_id: str) -> dict[str, int]:
    """SQL statements of one message POST, with and without the sink, in this process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from apps.audit.sink import record_event
    from leadiosa import events

    client = Client()
    headers = {"Authorization": f"Bearer {token}"}
    path = f"/api/v1/conversations/{conversation_id}/messages"
    client.post(path, {"body": "warm"}, content_type="application/json", headers=headers)
    counts = {}
    for label in ("with audit", "without audit"):
        if label == "without audit":
            events.unregister_sink(record_event)
        with CaptureQueriesContext(connection) as queries:
            response = client.post(path, {"body": "count"}, content_type="application/json", headers=headers)
            assert response.status_code == 201
        counts[label] = len(queries)
    events.register_sink(record_event)
    return counts


def paired_latencies(data, requests: int) -> dict[str, list[float]]:
    """Serial, in one process: requests alternate with / without the sink (ABBA order), so drifts in the
    machine's load hit both sides alike. Returns the latencies (ms) of each side."""
    from django.test import Client

    from apps.audit.sink import record_event
    from leadiosa import events

    client = Client()
    token, ids = data[0]
    headers = {"Authorization": f"Bearer {token}"}
    body = {"body": "Hello, I would like to change my delivery address."}
    out: dict[str, list[float]] = {"with audit": [], "without audit": []}
    order = ["with audit", "without audit", "without audit", "with audit"]
    try:
        for n in range(requests * 2 + 8):
            label = order[n % 4]
            if label == "with audit":
                events.register_sink(record_event)
            else:
                events.unregister_sink(record_event)
            path = f"/api/v1/conversations/{ids[n % len(ids)]}/messages"
            started = time.perf_counter()
            response = client.post(path, body, content_type="application/json", headers=headers)
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 201, response.content
            if n >= 8:  # warm-up
                out[label].append(elapsed)
    finally:
        events.register_sink(record_event)
    return out


def start_server(label: str) -> subprocess.Popen:
    return start_gunicorn(SETTINGS[label], PORTS[label])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--paired-requests", type=int, default=400)
    args = parser.parse_args()

    use_bench_database()
    from django.core.management import call_command

    from bench.loadgen import HEADER, run_load

    call_command("migrate", verbosity=0)
    data = setup_data(8)
    queries = count_queries(*(lambda t, ids: (t, ids[0]))(*data[0]))
    paired = paired_latencies(data, args.paired_requests)
    body = json.dumps({"body": "Hello, I would like to change my delivery address."}).encode()

    def spec(label: str, workspaces: list[tuple[str, list[str]]]) -> list[dict]:
        # One run_load per workspace would split threads; instead every URL carries its own token below.
        return [
            dict(
                urls=[f"http://127.0.0.1:{PORTS[label]}/api/v1/conversations/{c}/messages" for c in ids],
                headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
            )
            for token, ids in workspaces
        ]

    servers = {label: start_server(label) for label in PORTS}
    results: dict[str, list] = {}
    try:
        for label in PORTS:
            wait_until_up(f"http://127.0.0.1:{PORTS[label]}/healthz")
        loads = {"1 workspace": data[:1]}
        for load_name, workspaces in loads.items():
            for label in PORTS:
                (one,) = spec(label, workspaces)
                run_load("warm-up", method="POST", body=body, duration=2, **one)
            for round_number in range(args.rounds):
                for label in list(PORTS)[:: 1 if round_number % 2 else -1]:
                    (one,) = spec(label, workspaces)
                    key = f"{load_name}, {label}"
                    results.setdefault(key, []).append(
                        run_load(key, method="POST", body=body, duration=args.seconds, **one)
                    )
        # Spread: 8 workspaces, each load process/thread pair on its own workspace's token.
        spread_key = "8 workspaces"
        for round_number in range(args.rounds):
            for label in list(PORTS)[:: 1 if round_number % 2 else -1]:
                key = f"{spread_key}, {label}"
                results.setdefault(key, []).append(spread_load(key, spec(label, data), body, args.seconds))
    finally:
        for server in servers.values():
            server.terminate()
        for server in servers.values():
            server.wait(timeout=30)

    write_report(results, queries, paired, args, HEADER)


def spread_load(label, specs, body, seconds):
    """8 single-threaded clients at once, each on its own workspace; merged into one result."""
    from concurrent.futures import ThreadPoolExecutor

    from bench.loadgen import LoadResult, run_load

    with ThreadPoolExecutor(len(specs)) as pool:
        parts = list(
            pool.map(
                lambda s: run_load(
                    label, method="POST", body=body, duration=seconds, processes=1, threads=1, **s
                ),
                specs,
            )
        )
    return LoadResult(
        label,
        sum(p.requests for p in parts),
        sum(p.errors for p in parts),
        max(p.seconds for p in parts),
        [x for p in parts for x in p.latencies_ms],
    )


def write_report(results, queries, paired, args, header):
    lines, medians = [header], {}
    for label, runs in results.items():
        chosen = sorted(runs, key=lambda r: r.rps)[len(runs) // 2]
        medians[label] = chosen.rps
        lines.append(chosen.row())
    overheads = []
    for load in sorted({label.split(", ")[0] for label in results}):
        with_runs, without_runs = results[f"{load}, with audit"], results[f"{load}, without audit"]
        ratios = sorted(w.rps / wo.rps for w, wo in zip(with_runs, without_runs, strict=True) if wo.rps)
        ratio = statistics.median(ratios) if ratios else float("nan")
        overheads.append(
            f"- HTTP, {load}: median of per-round throughput ratios with/without = **{ratio:.0%}** "
            f"(overhead **{1 - ratio:.1%}**; rounds: {', '.join(f'{r:.0%}' for r in ratios)})"
        )
    with_ms, without_ms = paired["with audit"], paired["without audit"]
    med_with, med_without = statistics.median(with_ms), statistics.median(without_ms)
    mean_with, mean_without = statistics.fmean(with_ms), statistics.fmean(without_ms)
    paired_lines = [
        "| in-process, serial | requests | median ms | mean ms | p90 ms |",
        "|---|---:|---:|---:|---:|",
        *(
            f"| {label} | {len(v):,} | {statistics.median(v):.2f} | {statistics.fmean(v):.2f} | "
            f"{sorted(v)[int(0.9 * len(v))]:.2f} |"
            for label, v in paired.items()
        ),
        "",
        f"- In-process, requests alternating with/without (ABBA): median latency +{med_with / med_without - 1:.1%}, "
        f"mean +{mean_with / mean_without - 1:.1%}; for a serial client that is a throughput overhead of "
        f"**{1 - med_without / med_with:.1%}** (median) / {1 - mean_without / mean_with:.1%} (mean) (target ≤ 15 %).",
    ]
    report = "\n".join(
        [
            "# Audit benchmark: POST /api/v1/conversations/{id}/messages with vs without the audit sink",
            "",
            f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.node()} ({os.cpu_count()} cores), two "
            "gunicorn servers (2 sync workers each) on one database, cache: "
            f"{'Redis' if os.environ.get('REDIS_URL') else 'in-process'}; {args.rounds} alternating rounds of "
            f"{args.seconds:.0f} s per case, median round shown. '1 workspace': 2 load processes x 4 threads on "
            "16 conversations of one workspace; '8 workspaces': 8 single-threaded clients, one per workspace.",
            "",
            "## In-process (Django test client, one connection, no HTTP): the least noisy comparison",
            "",
            *paired_lines,
            "",
            "## HTTP (gunicorn)",
            "",
            *lines,
            "",
            *overheads,
            f"- SQL statements per message POST: with audit **{queries['with audit']}**, without "
            f"{queries['without audit']} (the audit write is one INSERT; the chain is sealed by a trigger inside the COMMIT).",
            "",
            "All rounds (req/s): "
            + "; ".join(
                f"{label}: {', '.join(f'{r.rps:,.0f}' for r in runs)}" for label, runs in results.items()
            ),
            "",
        ]
    )
    (Path(__file__).parent / "RESULTS-messages.md").write_text(report)
    print(report)


if __name__ == "__main__":
    main()
