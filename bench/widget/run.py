"""How many chat visitors waiting on the widget's long poll one production server sustains.

    .venv/bin/python bench/widget/run.py [--levels 50,100,200,400] [--seconds 30]
        [--workers 2] [--worker-class gthread] [--threads 80] [--max-waiters 64]

What it does:
1. Uses DATABASE_URL / REDIS_URL when set; otherwise the embedded PostgreSQL (its own database,
   `leadiosa_bench_widget`) and the embedded Redis (db 4). Migrates; makes (once) a workspace with the
   assistant off and as many widget visitors, each with a conversation, as the largest level.
2. Starts gunicorn on 127.0.0.1 with the production settings and the project's gunicorn.conf.py, the
   worker class and threads given, and WIDGET_LONG_POLL_MAX_WAITERS per process.
3. Opens every visitor's frame once (a full read, as a real frame does before it waits). For each level C: `wrk -cC --timeout 30s` holds C long polls (`…/messages?after=<last>&wait=20`), one
   visitor per request, pausing 1.5 s between a connection's requests like the frame does after a quick
   answer. Meanwhile it measures, on the same server:
   - **wake latency**: a probe visitor polls like the frame; an agent reply is posted through the API;
     time from posting to the probe holding the message (10 times);
   - **API latency**: `wrk -c4` on `GET /api/v1/workspace` (bearer token): does the API still answer?
   and prints one row per level; writes bench/widget/RESULTS.md.
Only 127.0.0.1 is targeted; every phase is bounded in time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import secrets
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
PORT = 8141
DB_NAME = "leadiosa_bench_widget"
WORKSPACE_NAME = "Bench widget"
HERE = Path(__file__).resolve().parent


def service_urls() -> tuple[str, str]:
    database_url = os.environ.get("DATABASE_URL")
    if not database_url:
        from leadiosa.database import _ensure_database, start_embedded_postgres

        host = start_embedded_postgres()["HOST"]
        _ensure_database(host, DB_NAME)
        database_url = f"postgres://postgres@{quote(host, safe='')}/{DB_NAME}"
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        from leadiosa.embedded_redis import embedded_redis_url

        redis_url = embedded_redis_url(ROOT / ".data", 4)
    return database_url, redis_url


def production_environment(database_url: str, redis_url: str, max_waiters: int) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        SECRET_KEY=env.get("SECRET_KEY") or "bench-widget-" + secrets.token_urlsafe(48),
        PUBLIC_BASE_URL=f"https://127.0.0.1:{PORT}",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        REDIS_KEY_PREFIX="bench-widget",
        WIDGET_LONG_POLL_MAX_WAITERS=str(max_waiters),
        PYTHONPATH=str(ROOT),
    )
    env.pop("DEBUG", None)
    return env


def setup(visitors_needed: int) -> dict:
    """Migrate; a workspace with the assistant off and `visitors_needed` + 1 visitors (reused)."""
    import django

    django.setup()
    from django.core.management import call_command

    from apps.billing.models import Plan
    from apps.channels_widget.keys import public_key
    from apps.channels_widget.models import WidgetVisitor
    from apps.channels_widget.visitors import visitor_create, visitor_credential
    from apps.conversations.models import Channel, Conversation, HandledBy, Message
    from apps.conversations.services import conversation_create
    from apps.workspaces.models import Member, Workspace
    from apps.workspaces.services import token_create, workspace_create
    from leadiosa.context import SYSTEM, acting_as
    from leadiosa.tenancy import with_workspace

    call_command("migrate", verbosity=0)
    Plan.objects.update_or_create(id="bench", defaults={"name": "Benchmark", "rate_limit_per_minute": 10**9})
    workspace = Workspace.objects.filter(name=WORKSPACE_NAME).order_by("-created_at").first()
    if workspace is None:
        with acting_as(SYSTEM):
            workspace = workspace_create(
                name=WORKSPACE_NAME, owner_email="bench-widget@example.com", plan_id="bench"
            )
        Workspace.objects.filter(pk=workspace.id).update(assistant_enabled=False)
    with with_workspace(workspace.id), acting_as(SYSTEM):
        have = WidgetVisitor.objects.for_workspace(workspace.id).count()
        started = time.monotonic()
        for _ in range(max(0, visitors_needed + 1 - have)):
            visitor = visitor_create(workspace_id=workspace.id)
            conversation_create(
                contact_id=visitor.contact_id,
                channel=Channel.WIDGET,
                message_body="Hello, is anyone there?",
                handled_by=HandledBy.HUMAN,
            )
        if have < visitors_needed + 1:
            print(
                f"made {visitors_needed + 1 - have} visitors in {time.monotonic() - started:.0f} s",
                flush=True,
            )
        rows = []
        for visitor in WidgetVisitor.objects.for_workspace(workspace.id).order_by("pk")[
            : visitors_needed + 1
        ]:
            conversation = (
                Conversation.objects.for_workspace(workspace.id)
                .filter(contact_id=visitor.contact_id, channel=Channel.WIDGET)
                .order_by("created_at")
                .first()
            )
            last = (
                Message.objects.for_workspace(workspace.id)
                .filter(conversation=conversation)
                .order_by("-created_at", "-id")
                .values_list("id", flat=True)
                .first()
            )
            rows.append(
                {"credential": visitor_credential(visitor), "conversation": conversation.id, "last": last}
            )
        owner = Member.objects.for_workspace(workspace.id).filter(role="owner").first()
        _token, plaintext = token_create(member=owner, name="bench-widget")
    return {
        "workspace_id": workspace.id,
        "key": public_key(workspace.id),
        "visitors": rows,
        "token": plaintext,
    }


LONG_POLL_LUA = """
local visitors = {%(visitors)s}
local counter = 0
local tid = 0
function setup(thread)
  thread:set("offset", tid * 7919)
  tid = tid + 1
end
function request()
  counter = counter + 1
  local v = visitors[((offset + counter) %% #visitors) + 1]
  return wrk.format("GET", v[2], {["X-Widget-Visitor"] = v[1], ["X-Forwarded-Proto"] = "https"})
end
function delay()
  return 1500
end
function done(summary, latency, requests)
  io.write(string.format(
    "RESULT {\\"requests\\": %%d, \\"connect\\": %%d, \\"read\\": %%d, \\"write\\": %%d, \\"status\\": %%d, "
    .. "\\"timeout\\": %%d, \\"p50_ms\\": %%.1f, \\"max_ms\\": %%.1f}\\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout, latency:percentile(50) / 1000, latency.max / 1000))
end
"""

API_LUA = """
wrk.headers["Authorization"] = "Bearer %(token)s"
wrk.headers["X-Forwarded-Proto"] = "https"
function done(summary, latency, requests)
  io.write(string.format(
    "RESULT {\\"requests\\": %%d, \\"errors\\": %%d, \\"p50_ms\\": %%.1f, \\"p99_ms\\": %%.1f, \\"seconds\\": %%.2f}\\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.duration / 1e6))
end
"""


def lua_long_poll(data: dict, count: int) -> Path:
    entries = ",".join(
        '{{"{}", "/widget/v1/{}/conversations/{}/messages?after={}&wait=20&handled_by=human"}}'.format(
            row["credential"], data["key"], row["conversation"], row["last"]
        )
        for row in data["visitors"][1 : count + 1]
    )
    path = ROOT / ".data" / f"bench-widget-longpoll-{count}.lua"
    path.write_text(LONG_POLL_LUA % {"visitors": entries})
    return path


def database_connections(database_url: str) -> int:
    """Server connections open to the bench database right now."""
    import psycopg

    query = "SELECT count(*) - 1 FROM pg_stat_activity WHERE datname = current_database()"
    try:
        with psycopg.connect(database_url.replace("postgres://", "postgresql://"), autocommit=True) as conn:
            return conn.execute(query).fetchone()[0]
    except psycopg.OperationalError:
        return -1  # the server is out of connections itself (reported as -1)


def result_of(output: str) -> dict:
    match = re.search(r"^RESULT (\{.*\})$", output, re.MULTILINE)
    if not match:
        raise RuntimeError(f"wrk said:\n{output}")
    return json.loads(match.group(1))


class Probe:
    """One more visitor, polling like the frame; an agent reply is posted and timed until it arrives."""

    def __init__(self, base: str, data: dict):
        self.base, self.data = base, data
        self.row = dict(data["visitors"][0])
        self.errors = 0

    def _get(self, path: str, headers: dict, timeout: float = 30) -> dict:
        request = urllib.request.Request(self.base + path, headers={"X-Forwarded-Proto": "https", **headers})
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - loopback
            return json.loads(response.read())

    def _reply(self, body: str) -> None:
        request = urllib.request.Request(
            f"{self.base}/api/v1/conversations/{self.row['conversation']}/messages",
            data=json.dumps({"body": body}).encode(),
            headers={
                "Authorization": f"Bearer {self.data['token']}",
                "Content-Type": "application/json",
                "X-Forwarded-Proto": "https",
            },
            method="POST",
        )
        for attempt in range(5):
            try:
                urllib.request.urlopen(request, timeout=30).read()  # noqa: S310 - loopback
                return
            except OSError:
                self.errors += 1
                if attempt == 4:
                    raise
                time.sleep(1)

    def prime(self, rows: list[dict]) -> float:
        """Each visitor's frame opens once (a full read), as real visitors do before they wait."""
        started = time.monotonic()
        for row in rows:
            self._get(
                f"/widget/v1/{self.data['key']}/conversations/{row['conversation']}/messages"
                f"?after={row['last']}&wait=0",
                {"X-Widget-Visitor": row["credential"]},
            )
        return time.monotonic() - started

    def once(self) -> float:
        received: dict = {}

        def frame():
            deadline = time.monotonic() + 25
            while time.monotonic() < deadline:
                started = time.monotonic()
                try:
                    answer = self._get(
                        f"/widget/v1/{self.data['key']}/conversations/{self.row['conversation']}/messages"
                        f"?after={self.row['last']}&wait=20&handled_by=human",
                        {"X-Widget-Visitor": self.row["credential"]},
                    )
                except OSError:  # a 503 or a reset: the frame tries again
                    self.errors += 1
                    answer = {"data": []}
                if answer["data"]:
                    received["at"] = time.monotonic()
                    self.row["last"] = answer["data"][-1]["id"]
                    return
                spent = time.monotonic() - started
                if spent < 1.5:
                    time.sleep(1.5 - spent)

        poller = threading.Thread(target=frame)
        poller.start()
        time.sleep(1.0)
        posted = time.monotonic()
        self._reply(f"Agent reply at {posted:.3f}")
        poller.join(30)
        return received["at"] - posted if "at" in received else float("inf")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--levels", default="50,100,200,400")
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", default="gthread")
    parser.add_argument("--threads", type=int, default=80)
    parser.add_argument("--max-waiters", type=int, default=64)
    parser.add_argument("--wakes", type=int, default=8)
    args = parser.parse_args()
    levels = [int(level) for level in args.levels.split(",")]
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 65536)), hard))
    wrk = shutil.which("wrk")
    if not wrk:
        sys.exit("wrk is missing: apt-get install -y wrk")

    database_url, redis_url = service_urls()
    env = production_environment(database_url, redis_url, args.max_waiters)
    os.environ.update(
        {
            k: env[k]
            for k in (
                "DJANGO_SETTINGS_MODULE",
                "DATABASE_URL",
                "REDIS_URL",
                "SECRET_KEY",
                "PUBLIC_BASE_URL",
                "ALLOWED_HOSTS",
                "REDIS_KEY_PREFIX",
            )
        }
    )
    data = setup(max(levels))
    log_path = ROOT / ".data" / "bench-widget-gunicorn.log"
    command = [
        str(ROOT / ".venv/bin/gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{PORT}",
        "--workers", str(args.workers), "--worker-class", args.worker_class, "--keep-alive", "30",
        "--timeout", "60", "--log-level", "warning",
    ]  # fmt: skip
    if args.worker_class == "gthread":
        command += ["--threads", str(args.threads), "--worker-connections", "2000"]
    else:
        command += ["--worker-connections", "2000"]
    with log_path.open("w") as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{PORT}"
    rows = []
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2)  # noqa: S310
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(log_path.read_text()[-3000:]) from None
                time.sleep(0.3)
        probe = Probe(base, data)
        probe.once()  # warm: every worker's subscriber started, connections open
        print(f"primed {max(levels)} visitors in {probe.prime(data['visitors'][1:]):.1f} s", flush=True)
        api_lua = ROOT / ".data" / "bench-widget-api.lua"
        api_lua.write_text(API_LUA % {"token": data["token"]})
        for level in levels:
            script = lua_long_poll(data, level)
            polls = subprocess.Popen(
                [wrk, "-t2", f"-c{level}", f"-d{args.seconds}s", "--timeout", "30s", "-s", str(script), base],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            )  # fmt: skip
            time.sleep(3)  # let the polls settle into their waits
            api = subprocess.Popen(
                [wrk, "-t1", "-c4", f"-d{max(5, args.seconds - 12)}s", "--timeout", "10s", "-s", str(api_lua),
                 f"{base}/api/v1/workspace"],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            )  # fmt: skip
            wakes, connections = [], []
            for _ in range(args.wakes):
                wakes.append(probe.once())
                connections.append(database_connections(env["DATABASE_URL"]))
            api_result = result_of(api.communicate(timeout=args.seconds + 60)[0])
            poll_result = result_of(polls.communicate(timeout=args.seconds + 90)[0])
            finite = [w for w in wakes if w != float("inf")]
            row = {
                "level": level,
                "polls": poll_result,
                "api": api_result,
                "wake_p50_s": statistics.median(finite) if finite else None,
                "wake_max_s": max(wakes),
                "wakes": len(wakes),
                "probe_errors": probe.errors,
                "db_connections_max": max(connections),
                "load": os.getloadavg()[0],
            }
            rows.append(row)
            print(json.dumps(row), flush=True)
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
    write_results(args, rows)


def write_results(args, rows: list[dict]) -> None:
    shape = f"{args.workers} × {args.worker_class}" + (
        f" ({args.threads} threads)" if args.worker_class == "gthread" else " (2000 connections)"
    )
    lines = [
        f"### {shape}, WIDGET_LONG_POLL_MAX_WAITERS={args.max_waiters} per process, "
        f"CONN_MAX_AGE={os.environ.get('CONN_MAX_AGE', '60 (default)')}",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.node()} ({os.cpu_count()} cores, shared), "
        f"`--seconds {args.seconds}`.",
        "",
        "| waiting visitors | long polls done | poll errors | poll p50 ms | wake p50 / max (s) | API req/s "
        "| API p50 / p99 ms | DB connections (max) | load avg |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        polls, api = row["polls"], row["api"]
        errors = sum(polls[k] for k in ("connect", "read", "write", "status", "timeout"))
        lines.append(
            f"| {row['level']} | {polls['requests']} | {errors} | {polls['p50_ms']:.0f} | "
            f"{row['wake_p50_s'] or float('nan'):.2f} / {row['wake_max_s']:.2f} | "
            f"{api['requests'] / api['seconds']:.0f} | {api['p50_ms']:.0f} / {api['p99_ms']:.0f} | "
            f"{row['db_connections_max']} | {row['load']:.1f} |"
        )
    out = HERE / "RESULTS.md"
    previous = out.read_text() if out.exists() else "# Widget long poll: results\n\nCommand: see README.md.\n"
    out.write_text(previous.rstrip() + "\n\n" + "\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
