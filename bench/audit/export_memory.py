"""Peak memory of GET /api/v1/audit/export for 10 000 and 100 000 entries (and a naive export for contrast).

Usage (from the repository root):
    .venv/bin/python -m bench.audit.export_memory [--entries 100000]

Set-up writes chained entries in bulk (COPY) into two workspaces of the benchmark database. Each
measurement runs in a fresh child process: it loads Django, makes one small API request (so every
module is imported and the connection open), reads its peak RSS (`ru_maxrss`), then streams the export
through the whole request path (auth, permission, the view, StreamingHttpResponse), consuming chunks as
a WSGI server would, and reads the peak again. The growth is what the export cost. The 'naive' child
builds the same JSON lines from a fully materialised queryset, which is what a non-streaming export
would hold. Writes bench/audit/RESULTS-export.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.audit.common import use_bench_database

ROOT = Path(__file__).resolve().parents[2]


def peak_rss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def child(mode: str, token: str, workspace_id: str) -> None:
    use_bench_database()
    from django.test import Client

    client = Client()
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/audit", {"limit": 1}, headers=headers).status_code == 200
    before = peak_rss_kib()
    started = time.perf_counter()
    lines = size = 0
    if mode == "streamed":
        response = client.get("/api/v1/audit/export", {"format": "jsonl"}, headers=headers)
        assert response.status_code == 200
        for chunk in response.streaming_content:
            lines += chunk.count(b"\n")
            size += len(chunk)
        response.close()
    else:
        from apps.audit.export import jsonl_stream
        from apps.audit.models import AuditEntry
        from apps.audit.serializers import ENTRY_COLUMNS

        rows = list(
            AuditEntry.all_workspaces.filter(workspace_id=workspace_id)
            .order_by("created_at", "id")
            .values_list(*ENTRY_COLUMNS)
        )
        body = b"".join(jsonl_stream(rows))
        lines, size = body.count(b"\n"), len(body)
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "lines": lines,
                "bytes": size,
                "seconds": seconds,
                "before_kib": before,
                "after_kib": peak_rss_kib(),
            }
        )
    )


def measure(mode: str, token: str, workspace_id: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "bench.audit.export_memory", "--child", mode, token, workspace_id],
        cwd=ROOT,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--child", nargs=3, metavar=("MODE", "TOKEN", "WORKSPACE"))
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return

    use_bench_database()
    from django.core.management import call_command

    from bench.audit.common import make_workspace
    from tests.audit.factories import bulk_chain

    call_command("migrate", verbosity=0)
    sizes = [args.entries // 10, args.entries]
    rows = []
    for size in sizes:
        workspace, token = make_workspace(f"Bench export {size} {time.time_ns()}")
        started = time.perf_counter()
        for offset in range(0, size, 50_000):
            bulk_chain(workspace.id, min(50_000, size - offset))
        setup_seconds = time.perf_counter() - started
        for mode in ("streamed", "naive"):
            result = measure(mode, token, workspace.id)
            growth_mib = (result["after_kib"] - result["before_kib"]) / 1024
            rows.append(
                f"| {mode} | {result['lines']:,} | {result['bytes'] / 2**20:.1f} | "
                f"{result['before_kib'] / 1024:.1f} | {result['after_kib'] / 1024:.1f} | **{growth_mib:.1f}** | "
                f"{result['lines'] / result['seconds']:,.0f} |"
            )
        print(f"set-up of {size:,} entries: {setup_seconds:.1f} s", file=sys.stderr)

    report = "\n".join(
        [
            "# Audit benchmark: export memory",
            "",
            f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.node()} ({os.cpu_count()} cores). Peak RSS of "
            "a fresh process before and after exporting one workspace's whole audit log as JSON lines "
            "(`GET /api/v1/audit/export?format=jsonl` through the full request path, chunks consumed as a "
            "WSGI server would). 'naive' materialises the same rows first, for contrast.",
            "",
            "| export | lines | body MiB | peak RSS before MiB | peak RSS after MiB | growth MiB | lines/s |",
            "|---|---:|---:|---:|---:|---:|---:|",
            *rows,
            "",
        ]
    )
    (Path(__file__).parent / "RESULTS-export.md").write_text(report)
    print(report)


if __name__ == "__main__":
    main()
