"""The archive benchmark: time and peak memory of `POST /workspace/archive`'s build, at several sizes.

Usage (from the repository root):
    .venv/bin/python -m bench.lifecycle.run [--sizes 10000,100000] [--messages-per-conversation 4] \
        [--timeout 1200] [--reseed]

Uses its own database (`leadiosa_bench_lifecycle` on the embedded server, or DATABASE_URL's server), seeds
one workspace per size with the inbox's `manage.py seed` (COPY; contacts, conversations, messages, notes)
once, then builds each workspace's archive in a fresh child process (bench/lifecycle/build_one.py) and
reads that process's peak RSS (getrusage ru_maxrss). Target: peak RSS under 300 MB whatever the size.
Writes bench/lifecycle/RESULTS.md. Every child is killed after --timeout seconds; nothing leaves the host.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DB_NAME = "leadiosa_bench_lifecycle"

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("DATABASE_NAME", DB_NAME)
os.environ.setdefault("REDIS_KEY_PREFIX", "bench-lifecycle")
os.environ.setdefault("MEDIA_ROOT", str(ROOT / ".data" / "bench-lifecycle-media"))


def ensure_database() -> None:
    if os.environ.get("DATABASE_URL"):
        return
    from leadiosa.database import _ensure_database, start_embedded_postgres

    _ensure_database(start_embedded_postgres()["HOST"], os.environ["DATABASE_NAME"])


def seeded_workspace(conversations: int, messages: int, reseed: bool) -> tuple[str, str]:
    from django.core.management import call_command

    from apps.conversations.models import Conversation
    from apps.workspaces.models import Workspace
    from apps.workspaces.services import workspace_create
    from leadiosa.context import SYSTEM, acting_as

    name = f"Bench lifecycle {conversations}"
    workspace = Workspace.objects.filter(name=name).order_by("created_at").first()
    if workspace is not None and not reseed:
        have = Conversation.all_workspaces.filter(workspace=workspace).count()
        if have >= conversations:
            return workspace.id, f"reused ({have} conversations seeded by an earlier run)"
    with acting_as(SYSTEM):
        workspace = workspace_create(name=name, owner_email=f"bench-{conversations}@example.com")
    out = io.StringIO()
    started = time.monotonic()
    call_command(
        "seed",
        workspace=workspace.id,
        conversations=conversations,
        messages_per_conversation=messages,
        stdout=out,
        stderr=io.StringIO(),
    )
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    summary = lines[-2] if len(lines) > 1 else ""
    return workspace.id, f"{summary} ({time.monotonic() - started:.1f}s)"


def build(workspace_id: str, timeout: int) -> dict:
    proc = subprocess.run(
        [sys.executable, "-m", "bench.lifecycle.build_one", workspace_id],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=os.environ.copy(),
    )
    if proc.returncode != 0:
        raise SystemExit(f"build failed:\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000", help="conversations per workspace, comma list")
    parser.add_argument("--messages-per-conversation", type=int, default=4)
    parser.add_argument("--timeout", type=int, default=1200, help="seconds allowed per archive build")
    parser.add_argument("--reseed", action="store_true")
    args = parser.parse_args()
    ensure_database()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    rows = []
    for size in sizes:
        workspace_id, seed_report = seeded_workspace(size, args.messages_per_conversation, args.reseed)
        print(f"seeded {size}: {seed_report}", flush=True)
        result = build(workspace_id, args.timeout)
        print(json.dumps(result), flush=True)
        rows.append((size, seed_report, result))

    lines = [
        "# Workspace archive benchmark results",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.node()} ({os.cpu_count()} cores, shared "
        "with the other engineers' test runs), Python "
        f"{platform.python_version()}, embedded PostgreSQL, storage: FileSystemStorage (MEDIA_ROOT).",
        "",
        f"Command: `.venv/bin/python -m bench.lifecycle.run --sizes {args.sizes} "
        f"--messages-per-conversation {args.messages_per_conversation}`",
        "",
        "Each build runs in a fresh process (`bench/lifecycle/build_one.py`): the archive row is created, "
        "`archive_build` runs exactly as the Celery task does (every resource through the API's output "
        "serializers, JSON lines into the zip stream, then streamed into default_storage).",
        "",
        "| conversations | rows archived | zip size | build time | rows/s | peak RSS (process) "
        "| peak RSS during the build | RSS before build |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size, _seed, r in rows:
        total = sum(r["counts"].values())
        lines.append(
            f"| {size:,} | {total:,} | {r['size_bytes'] / 1e6:.1f} MB | {r['seconds']:.1f} s | "
            f"{total / max(r['seconds'], 0.001):,.0f} | **{r['peak_rss_mb']:.0f} MB** | "
            f"{r['build_peak_rss_mb']:.0f} MB | {r['rss_before_build_mb']:.0f} MB |"
        )
    lines += ["", "Seeds:"]
    for size, seed, r in rows:
        lines.append(f"- {size:,} conversations: {seed}; archived counts {r['counts']}")
    lines += [
        "",
        f"Target: peak RSS under 300 MB whatever the size — "
        f"{'met' if all(r['peak_rss_mb'] < 300 for _s, _d, r in rows) else 'NOT met'}.",
    ]
    (ROOT / "bench" / "lifecycle" / "RESULTS.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
