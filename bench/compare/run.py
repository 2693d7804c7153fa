"""One command: the API against the framework's floors, side by side, in the production shape.

    .venv/bin/python bench/compare/run.py [--conversations 100000] [--seconds 8] [--rounds 3]
                                          [--connections 16] [--threads 2] [--reseed] [--no-write]

What it does:
1. Installs `wrk` (Debian's package) when it is missing: a compiled load generator, so the load
   generator does not saturate itself before the server does (bench/loadgen.py, in Python, did).
2. Uses DATABASE_URL and REDIS_URL when they are set; otherwise starts the embedded PostgreSQL (its own
   database, `leadiosa_bench_compare`) and the embedded Redis (db 3) and hands their URLs to the
   server — the production way, so CONN_MAX_AGE, the cache and the rate limiter behave as in production.
3. Migrates and seeds once (`manage.py seed`, 100 000 conversations, plus one 40-message thread),
   reused by later runs (`--reseed` starts over).
4. Starts gunicorn as production does (docker/entrypoint.sh: 2 gthread workers x 16 threads on these 2
   cores; `--worker-class sync --gunicorn-threads 1` for the issue's original 2 sync workers) with
   `config.settings.prod` (via bench.compare.settings, which only adds the reference routes under
   /api/bench/, behind the same middleware as the API): security middleware, the JSON request log line
   (to a file), Redis.
5. Checks every URL answers 200 with a full page, counts SQL queries per list at limit 5/25/100, then
   loads each case with `wrk -t2 -c16` for `--seconds`, in interleaved rounds, and prints req/s and the
   ratios (median over rounds of the within-round ratio). Writes bench/compare/RESULTS.md.

wrk itself runs on the same machine: it takes a share of the cores (measured and printed as its CPU
seconds per run), much less than a Python generator, and the same share in every case.
Only 127.0.0.1 is targeted; every phase is bounded in time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
PORT = 8131
DB_NAME = "leadiosa_bench_compare"
WORKSPACE_NAME = "Bench compare"
THREAD_MESSAGES = 40


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    print("wrk is missing: apt-get install -y wrk", flush=True)
    subprocess.run(["apt-get", "install", "-y", "wrk"], check=True, timeout=600)
    return shutil.which("wrk") or "/usr/bin/wrk"


GIVEN_URLS = bool(os.environ.get("DATABASE_URL"))


def service_urls() -> tuple[str, str]:
    """DATABASE_URL and REDIS_URL: given, or the embedded servers'."""
    database_url = os.environ.get("DATABASE_URL")
    if not database_url:
        from leadiosa.database import _ensure_database, start_embedded_postgres

        host = start_embedded_postgres()["HOST"]
        _ensure_database(host, DB_NAME)
        database_url = f"postgres://postgres@{quote(host, safe='')}/{DB_NAME}"
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        from leadiosa.embedded_redis import embedded_redis_url

        redis_url = embedded_redis_url(ROOT / ".data", 3)
    return database_url, redis_url


def refuse_a_taken_port(port: int) -> None:
    """gunicorn's workers listen with SO_REUSEPORT: a server left on the port (another benchmark's) would
    silently take a share of wrk's connections instead of making our bind fail."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            raise SystemExit(f"port {port} is in use (another benchmark's server?): stop it first") from None


def production_environment(database_url: str, redis_url: str) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.compare.settings",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        SECRET_KEY=env.get("SECRET_KEY") or "bench-compare-" + secrets.token_urlsafe(48),
        PUBLIC_BASE_URL=f"https://127.0.0.1:{PORT}",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        REDIS_KEY_PREFIX="bench-compare",
        PYTHONPATH=str(ROOT),
    )
    env.pop("DEBUG", None)
    return env


def setup(args) -> dict:
    """Migrate, seed once, mint a token; returns ids, the token and the page-1000 positions."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db.models import Count

    from apps.billing.models import Plan
    from apps.contacts.models import Contact
    from apps.conversations.models import Conversation, Message
    from apps.workspaces.models import Member, Workspace
    from apps.workspaces.services import token_create, workspace_create
    from leadiosa.context import SYSTEM, acting_as

    call_command("migrate", verbosity=0)
    Plan.objects.update_or_create(id="bench", defaults={"name": "Benchmark", "rate_limit_per_minute": 10**9})
    workspace = Workspace.objects.filter(name=WORKSPACE_NAME).order_by("-created_at").first()
    seeded = workspace is not None and (
        Conversation.objects.for_workspace(workspace.id).count() >= args.conversations
    )
    if args.reseed or not seeded:
        with acting_as(SYSTEM):
            workspace = workspace_create(
                name=WORKSPACE_NAME, owner_email="bench@example.com", plan_id="bench"
            )
        started = time.monotonic()
        call_command(
            "seed",
            workspace=workspace.id,
            conversations=args.conversations,
            messages_per_conversation=3,
            noise_workspaces=10,
        )
        print(f"seeded in {time.monotonic() - started:.0f} s", flush=True)
    conversations = Conversation.objects.for_workspace(workspace.id)
    thread = (
        conversations.annotate(n=Count("messages"))
        .filter(n__gte=THREAD_MESSAGES)
        .values_list("id", flat=True)
    ).first()
    if thread is None:  # one long thread, so the messages list returns full pages like the others
        conversation = conversations.order_by("-created_at").first()
        base = conversation.created_at
        from datetime import timedelta

        Message.objects.for_workspace(workspace.id).bulk_create(
            Message(
                workspace_id=workspace.id,
                conversation=conversation,
                author_type="contact" if i % 2 == 0 else "agent",
                author_id=conversation.contact_id if i % 2 == 0 else "",
                body=f"Message {i} of a long thread: the parcel has not arrived yet, could you check?",
                created_at=base + timedelta(seconds=i + 1),
            )
            for i in range(THREAD_MESSAGES)
        )
        thread = conversation.id
    owner = Member.objects.for_workspace(workspace.id).filter(role="owner").first()
    with acting_as(SYSTEM):
        _token, plaintext = token_create(member=owner, name="bench-compare")
    assert Contact.objects.for_workspace(workspace.id).count() >= 25_000, "page 1 000 needs 25 000 contacts"
    return {"workspace_id": workspace.id, "thread_id": thread, "token": plaintext}


def count_queries(marks: dict) -> dict:
    """SQL queries per list request at limit 5, 25 and 100 (in-process, the Django test client)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    headers = {"Authorization": f"Bearer {marks['token']}", "X-Forwarded-Proto": "https"}
    counts = {}
    for label, path in (
        ("conversations", "/api/v1/conversations"),
        ("messages", f"/api/v1/conversations/{marks['thread_id']}/messages"),
        ("contacts", "/api/v1/contacts"),
        ("workspace", "/api/v1/workspace"),
    ):
        client.get(path, headers=headers, secure=True)  # warm: the token is cached
        counts[label] = {}
        for limit in (5, 25, 100):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(f"{path}?limit={limit}" if label != "workspace" else path,
                                      headers=headers, secure=True)  # fmt: skip
            assert response.status_code == 200, (path, response.status_code, response.content[:300])
            counts[label][limit] = len(queries)
    return counts


def cpu_per_request(cases: dict, base: str, cycles: int = 4, batch: int = 100) -> dict:
    """CPU milliseconds per request of each case, in this process, through Django's WSGI handler with
    the same settings (the request log formatted and written, to /dev/null): no HTTP server, no load
    generator, and waiting is not counted, so it holds up on a busy machine where req/s does not."""
    import io
    import logging

    from django.core.handlers.wsgi import WSGIHandler

    handler = WSGIHandler()
    sink = open(os.devnull, "w")  # noqa: SIM115 - closed below
    saved = [(h, h.stream) for h in logging.getLogger("leadiosa.request").handlers if hasattr(h, "stream")]
    for h, _ in saved:
        h.stream = sink

    def call(url: str, headers: dict) -> None:
        path, _, query = url[len(base) :].partition("?")
        environ = {
            "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": str(PORT), "HTTP_HOST": "127.0.0.1", "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr, "REMOTE_ADDR": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_X_FORWARDED_PROTO": "https",
        }  # fmt: skip
        for name, value in headers.items():
            environ["HTTP_" + name.upper().replace("-", "_")] = value
        status = []
        b"".join(handler(environ, lambda s, h: status.append(s)))
        assert status[0].startswith("200"), (url, status)

    try:
        for url, headers in cases.values():
            for _ in range(20):
                call(url, headers)
        spent = dict.fromkeys(cases, 0.0)
        for _ in range(cycles):
            for label, (url, headers) in cases.items():
                started = time.process_time()
                for _ in range(batch):
                    call(url, headers)
                spent[label] += time.process_time() - started
    finally:
        for h, stream in saved:
            h.stream = stream
        sink.close()
    return {label: total / (cycles * batch) * 1000 for label, total in spent.items()}


def get_json(url: str, headers: dict) -> dict:
    request = urllib.request.Request(url, headers={**headers, "X-Forwarded-Proto": "https"})
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback only
        return json.loads(response.read())


def page_1000_cursor(base: str, headers: dict, path: str) -> str:
    """Walk the API's own list to row 24 975 (249 pages of 100, one of 75): the cursor after it opens
    page 1 000 at limit 25 (a cursor names a position, not a page size)."""
    cursor = None
    for limit in [100] * 249 + [75]:
        page = get_json(f"{base}{path}?limit={limit}" + (f"&after={cursor}" if cursor else ""), headers)
        assert len(page["data"]) == limit
        cursor = page["pagination"]["next_cursor"]
    return cursor


def run_wrk(wrk: str, url: str, headers: dict, args) -> dict:
    command = [wrk, f"-t{args.threads}", f"-c{args.connections}", f"-d{args.seconds}s", "--latency"]
    for name, value in {**headers, "X-Forwarded-Proto": "https"}.items():
        command += ["-H", f"{name}: {value}"]
    command.append(url)
    before = os.times()
    out = subprocess.run(
        command, capture_output=True, text=True, timeout=args.seconds + 60, check=True
    ).stdout
    after = os.times()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
    p50_ms = float(p50.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p50.group(2)] if p50 else float("nan")
    return {
        "rps": rps,
        "non_2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(0) if errors else "",
        "p50_ms": p50_ms,
        "wrk_cpu_s": (after.children_user + after.children_system)
        - (before.children_user + before.children_system),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--only", default="", help="comma-separated case names to run (default: all)")
    parser.add_argument("--settings", default="", help="another settings module, for an experiment")
    # Production's (docker/entrypoint.sh, chosen with bench/compare/gunicorn_configs.py): gthread, 16 threads.
    parser.add_argument("--worker-class", default="gthread", help="gunicorn's worker class (gthread, sync)")
    parser.add_argument("--gunicorn-threads", type=int, default=16, help="threads per gthread worker")
    args = parser.parse_args()
    if args.conversations < 25_000:
        raise SystemExit("page 1 000 needs at least 25 000 conversations")

    wrk = ensure_wrk()
    database_url, redis_url = service_urls()
    env = production_environment(database_url, redis_url)
    if args.settings:
        env["DJANGO_SETTINGS_MODULE"] = args.settings
    os.environ.update({k: env[k] for k in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "SECRET_KEY",
                                           "PUBLIC_BASE_URL", "ALLOWED_HOSTS", "REDIS_KEY_PREFIX")})  # fmt: skip
    marks = setup(args)
    queries = count_queries(marks)
    ws, thread = marks["workspace_id"], marks["thread_id"]
    auth = {"Authorization": f"Bearer {marks['token']}"}

    refuse_a_taken_port(PORT)
    log_path = ROOT / ".data" / "bench-compare-server.log"
    log_path.parent.mkdir(exist_ok=True)
    log = log_path.open("w")
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(args.workers),
            "--worker-class",
            args.worker_class,
            "--threads",
            str(args.gunicorn_threads),
            "--keep-alive",
            "5",
            "--log-level",
            "warning",
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{PORT}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2)  # noqa: S310
                break
            except OSError:  # not listening yet (URLError, a reset, a timeout)
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit(f"the server did not start: see {log_path}") from None
                time.sleep(0.3)
        page1000 = {}
        for name, path in (("conversations", "/api/v1/conversations"), ("contacts", "/api/v1/contacts")):
            page1000[name] = page_1000_cursor(base, auth, path)
        cases = {
            "bare static JsonResponse (25 items)": (f"{base}/api/bench/static", {}),
            "GET /api/v1/workspace": (f"{base}/api/v1/workspace", auth),
            "conversations: floor-db": (f"{base}/api/bench/floor/conversations/{ws}", {}),
            "conversations: typical DRF": (f"{base}/api/bench/drf/conversations/{ws}", {}),
            "conversations: API page 1": (f"{base}/api/v1/conversations?limit=25", auth),
            "conversations: API page 1000": (
                f"{base}/api/v1/conversations?limit=25&after={page1000['conversations']}", auth),
            "messages: floor-db": (f"{base}/api/bench/floor/messages/{thread}?ws={ws}", {}),
            "messages: typical DRF": (f"{base}/api/bench/drf/messages/{thread}?ws={ws}", {}),
            "messages: API": (f"{base}/api/v1/conversations/{thread}/messages?limit=25", auth),
            "contacts: floor-db": (f"{base}/api/bench/floor/contacts/{ws}", {}),
            "contacts: typical DRF": (f"{base}/api/bench/drf/contacts/{ws}", {}),
            "contacts: API page 1": (f"{base}/api/v1/contacts?limit=25", auth),
            "contacts: API page 1000": (f"{base}/api/v1/contacts?limit=25&after={page1000['contacts']}", auth),
        }  # fmt: skip
        if args.only:
            wanted = [w.strip() for w in args.only.split(",")]
            cases = {k: v for k, v in cases.items() if any(w in k for w in wanted)}
        for label, (url, headers) in cases.items():  # every case answers a full page before it is timed
            body = get_json(url, headers)
            items = body.get("data", body.get("results"))
            assert items is None or len(items) == 25, (label, len(items))
        cpu = cpu_per_request(cases, base)
        loadavg_before = Path("/proc/loadavg").read_text().split()[:3]
        for url, headers in cases.values():  # warm-up: connections, caches, the workers' imports
            run_wrk(wrk, url, headers, argparse.Namespace(**{**vars(args), "seconds": 1}))
        results = {label: [] for label in cases}
        for round_ in range(args.rounds):
            for label, (url, headers) in cases.items():
                outcome = run_wrk(wrk, url, headers, args)
                results[label].append(outcome)
                print(f"round {round_ + 1} {label}: {outcome['rps']:,.0f} req/s", flush=True)
        loadavg_after = Path("/proc/loadavg").read_text().split()[:3]
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()

    def paired(numerator: str, denominator: str) -> float | None:
        if numerator not in results or denominator not in results:
            return None
        ratios = [n["rps"] / d["rps"] for n, d in zip(results[numerator], results[denominator], strict=True)]
        return statistics.median(ratios)

    ratio_specs = [
        ("/workspace vs bare static", "GET /api/v1/workspace", "bare static JsonResponse (25 items)", 0.60),
        ("conversations API vs floor-db", "conversations: API page 1", "conversations: floor-db", 0.60),
        ("conversations API vs typical DRF", "conversations: API page 1", "conversations: typical DRF", 1.6),
        ("messages API vs floor-db", "messages: API", "messages: floor-db", 0.60),
        ("messages API vs typical DRF", "messages: API", "messages: typical DRF", 1.6),
        ("contacts API vs floor-db", "contacts: API page 1", "contacts: floor-db", 0.60),
        ("contacts API vs typical DRF", "contacts: API page 1", "contacts: typical DRF", 1.6),
        ("conversations page 1000 vs page 1 (time)", "conversations: API page 1", "conversations: API page 1000",
         None),
        ("contacts page 1000 vs page 1 (time)", "contacts: API page 1", "contacts: API page 1000", None),
    ]  # fmt: skip
    lines = [
        "| case | req/s per round | median | p50 ms | non-2xx | wrk CPU s |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for label, runs in results.items():
        rates = " / ".join(f"{r['rps']:,.0f}" for r in runs)
        lines.append(
            f"| {label} | {rates} | {statistics.median(r['rps'] for r in runs):,.0f} | "
            f"{statistics.median(r['p50_ms'] for r in runs):.2f} | {sum(r['non_2xx'] for r in runs)} | "
            f"{statistics.median(r['wrk_cpu_s'] for r in runs):.1f} |"
        )
    ratio_lines = ["| ratio | value | target |", "|---|---:|---|"]
    for name, numerator, denominator, target in ratio_specs:
        value = paired(numerator, denominator)
        if value is None:
            continue
        if target is None:  # page 1000 costs value× page 1 (req/s of page 1 / req/s of page 1000)
            verdict = "≤ 1.20" + (" ✓" if value <= 1.2 else " ✗")
        else:
            verdict = f"≥ {target:.2f}" + (" ✓" if value >= target else " ✗")
        ratio_lines.append(f"| {name} | {value:.2f} | {verdict} |")
    cpu_lines = ["| case | CPU ms per request |", "|---|---:|"]
    cpu_lines += [f"| {label} | {ms:.2f} |" for label, ms in cpu.items()]
    cpu_ratio_lines = ["| ratio (from CPU per request) | value | target |", "|---|---:|---|"]
    for name, numerator, denominator, target in ratio_specs:
        if numerator not in cpu or denominator not in cpu:
            continue
        value = cpu[denominator] / cpu[numerator]  # throughput ratio = inverse cost ratio
        if target is None:  # page 1000's cost over page 1's
            verdict = "≤ 1.20" + (" ✓" if value <= 1.2 else " ✗")
        else:
            verdict = f"≥ {target:.2f}" + (" ✓" if value >= target else " ✗")
        cpu_ratio_lines.append(f"| {name} | {value:.2f} | {verdict} |")
    query_lines = ["| list | limit 5 | limit 25 | limit 100 |", "|---|---:|---:|---:|"]
    for label, by_limit in queries.items():
        query_lines.append(f"| {label} | {by_limit[5]} | {by_limit[25]} | {by_limit[100]} |")
    report = "\n".join(
        [
            "# Compare: the API against the framework's floors",
            "",
            f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.node()} ({os.cpu_count()} cores), "
            f"load average before {' '.join(loadavg_before)}, after {' '.join(loadavg_after)} (other "
            "engineers' work shares this machine). gunicorn "
            f"{args.workers} {args.worker_class} workers (threads {args.gunicorn_threads}), production settings (JSON request log on, to a file), "
            f"DATABASE_URL and REDIS_URL set ({'as given' if GIVEN_URLS else 'the embedded servers'}); `wrk -t{args.threads} -c{args.connections} -d{args.seconds}s`, "
            f"{args.rounds} interleaved rounds; ratios are medians of within-round ratios.",
            "",
            f"Command: `.venv/bin/python bench/compare/run.py {' '.join(sys.argv[1:])}`",
            "",
            f"Data: `manage.py seed --conversations {args.conversations} --messages-per-conversation 3 "
            f"--noise-workspaces 10`, plus one {THREAD_MESSAGES}-message thread.",
            "",
            *lines,
            "",
            *ratio_lines,
            "",
            "CPU per request, in-process through Django's WSGI handler with the same settings (4 interleaved "
            "cycles of 100; holds up under machine load, unlike req/s):",
            "",
            *cpu_lines,
            "",
            *cpu_ratio_lines,
            "",
            "SQL queries per request (in-process, Django test client):",
            "",
            *query_lines,
            "",
        ]
    )
    print(report)
    if not args.no_write:
        (ROOT / "bench" / "compare" / "RESULTS.md").write_text(report)


if __name__ == "__main__":
    main()
