"""Webhook delivery benchmark: emit() → verified receipt, against a plain loop of signed POSTs.

Starts a receiver process on 127.0.0.1 (verifies every request with the `standardwebhooks` library and
records when it arrived), one Celery worker process (Redis broker), and emits events the way services
do: each in its own transaction, timing the commit. Reports:

- burst: N events emitted back to back; events/s from the first commit to the last verified receipt;
- paced: events emitted at a steady rate well under capacity; p50/p99 latency commit → receipt;
- plain loop: N signed POSTs from one process to the same receiver with one keep-alive client.

Uses its own database (leadiosa_bench_webhooks on the embedded server, or DATABASE_URL's server) and
Redis (REDIS_URL, default redis://127.0.0.1:6379/2). Every phase is bounded by --timeout.

    .venv/bin/python bench/webhooks/run.py [--events 1000] [--paced 200 --rate 50] [--pool threads --concurrency 8]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
BENCH_DB = "leadiosa_bench_webhooks"


# -- receiver (its own process, so its CPU does not compete with the emitter's GIL) -------------------


class ReceiverProcess:
    def __init__(self, secret: str):
        ctx = multiprocessing.get_context("spawn")
        self.port_q, self.cmd_q, secret_q = ctx.Queue(), ctx.Queue(), ctx.Queue()
        self.stop = ctx.Event()
        self.reply_q = ctx.Queue()
        self.proc = ctx.Process(
            target=_receiver_entry, args=(self.port_q, self.cmd_q, self.reply_q, self.stop, secret_q)
        )
        self.proc.start()
        secret_q.put(secret)
        self.port = self.port_q.get(timeout=20)

    def call(self, cmd):
        self.cmd_q.put(cmd)
        return self.reply_q.get(timeout=30)

    def wait_for(self, ids: set[str], timeout: float) -> dict[str, float]:
        deadline = time.monotonic() + timeout
        while True:
            got, bad = self.call("snapshot")
            if bad:
                raise SystemExit(f"{bad} deliveries failed verification")
            if ids <= got.keys() or time.monotonic() > deadline:
                return got
            time.sleep(0.05)

    def close(self):
        self.cmd_q.put("stop")
        self.proc.join(5)
        if self.proc.is_alive():
            self.proc.terminate()


def _receiver_entry(port_q, cmd_q, reply_q, stop, secret_q):
    # the same loop as receiver_main, with separate command and reply queues
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from standardwebhooks import Webhook

    webhook = Webhook(secret_q.get())
    received: dict[str, float] = {}
    bad = [0]
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):  # noqa: N802
            body = self.rfile.read(int(self.headers.get("content-length", "0")))
            try:
                webhook.verify(body, dict(self.headers.items()))
                ok = True
            except Exception:  # noqa: BLE001
                ok = False
            now = time.time()
            with lock:
                if ok:
                    received.setdefault(self.headers["webhook-id"], now)
                else:
                    bad[0] += 1
            self.send_response(200 if ok else 400)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    port_q.put(server.server_address[1])
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    while True:
        cmd = cmd_q.get()
        if cmd == "snapshot":
            with lock:
                reply_q.put((dict(received), bad[0]))
        elif cmd == "reset":
            with lock:
                received.clear()
                bad[0] = 0
            reply_q.put("ok")
        else:
            break
    server.shutdown()


# -- database and Django ----------------------------------------------------------------------------


def prepare_django(redis_url: str, migrate: bool = True) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["REDIS_URL"] = redis_url
    os.environ.setdefault("REDIS_KEY_PREFIX", "bench-webhooks")
    if not os.environ.get("DATABASE_URL"):
        from leadiosa.database import _ensure_database, start_embedded_postgres

        host = start_embedded_postgres()["HOST"]
        if migrate:  # a fresh database each run: the schema is whatever the migrations say today
            import psycopg

            with psycopg.connect(host=host, user="postgres", dbname="postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        _ensure_database(host, BENCH_DB)
        os.environ["DATABASE_NAME"] = BENCH_DB
    import django

    django.setup()
    from django.core.management import call_command

    if migrate:
        call_command("migrate", verbosity=0)


def start_worker(pool: str, concurrency: int, log: Path) -> subprocess.Popen:
    env = {**os.environ}
    cmd = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "config",
        "worker",
        f"--pool={pool}",
        "--loglevel=WARNING",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "-n",
        f"bench-{os.getpid()}@%h",
    ]
    if pool != "solo":
        cmd.append(f"--concurrency={concurrency}")
    handle = open(log, "w")  # noqa: SIM115
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
    )
    # Ready when it answers a ping over the broker.
    from config.celery import app

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"worker exited:\n{log.read_text()}")
        if app.control.ping(timeout=0.5):
            return proc
    raise SystemExit(f"worker not ready:\n{log.read_text()}")


def emit_events(workspace_id: str, count: int, rate: float | None) -> dict[str, float]:
    """Each event in its own transaction, like a service; returns event id → commit time."""
    from django.db import transaction

    from leadiosa.events import emit
    from leadiosa.ids import new_id
    from leadiosa.tenancy import with_workspace

    committed: dict[str, float] = {}
    interval = 1.0 / rate if rate else 0.0
    start = time.monotonic()
    with with_workspace(workspace_id):
        for index in range(count):
            if interval:
                delay = start + index * interval - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
            event_id = new_id("evt")
            data = {
                "id": f"ct_bench{index}",
                "email": f"person{index}@example.com",
                "name": f"Person {index}",
            }
            with transaction.atomic():
                emit(
                    "contact.updated",
                    workspace_id=workspace_id,
                    resource_type="contact",
                    resource_id=data["id"],
                    data=data,
                    previous_attributes={"name": "Before"},
                    contact_id=data["id"],
                    webhook_event_id=event_id,
                )
            committed[event_id] = time.time()  # on_commit has queued the task by now
    return committed


def _emitter_entry(redis_url, workspace_id, count, ready, go, out):
    prepare_django(redis_url, migrate=False)
    from django.db import connection

    from config.celery import app

    app.conf.task_always_eager = False
    connection.ensure_connection()
    app.connection_for_write().ensure_connection()
    ready.release()
    go.wait()
    out.put(emit_events(workspace_id, count, None))


def emit_in_processes(redis_url: str, workspace_ids: list[str], count: int) -> dict[str, float]:
    """Emit `count` events from one process per workspace at once, as several web processes would."""
    processes = len(workspace_ids)
    if processes <= 1:
        return emit_events(workspace_ids[0], count, None)
    ctx = multiprocessing.get_context("spawn")
    out, ready, go = ctx.Queue(), ctx.Semaphore(0), ctx.Event()
    shares = [count // processes + (1 if i < count % processes else 0) for i in range(processes)]
    procs = [
        ctx.Process(target=_emitter_entry, args=(redis_url, ws, n, ready, go, out))
        for ws, n in zip(workspace_ids, shares, strict=True)
    ]
    for proc in procs:
        proc.start()
    for _ in procs:
        ready.acquire(timeout=60)
    go.set()
    committed: dict[str, float] = {}
    for _ in procs:
        committed.update(out.get(timeout=300))
    for proc in procs:
        proc.join(10)
    return committed


def plain_loop(url: str, secret: str, count: int) -> float:
    """Signed POSTs from one process, one keep-alive client: the ceiling the pipeline is compared to."""
    import json

    import httpx

    from apps.webhooks.secrets import sign
    from leadiosa.ids import new_id

    client = httpx.Client(timeout=15)
    start = time.perf_counter()
    for index in range(count):
        event_id = new_id("evt")
        body = json.dumps(
            {"id": event_id, "type": "contact.updated", "data": {"object": {"id": f"ct_{index}"}}}
        )
        ts = int(time.time())
        response = client.post(
            url,
            content=body.encode(),
            headers={
                "content-type": "application/json",
                "webhook-id": event_id,
                "webhook-timestamp": str(ts),
                "webhook-signature": sign([secret], event_id, ts, body),
            },
        )
        assert response.status_code == 200, response.status_code
    return count / (time.perf_counter() - start)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--paced", type=int, default=200)
    parser.add_argument("--rate", type=float, default=50.0)
    parser.add_argument("--pool", default="threads", choices=["solo", "threads", "prefork"])
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--emitters", type=int, default=4, help="processes emitting the burst")
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()

    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/2")
    prepare_django(redis_url)

    from django.conf import settings

    from apps.webhooks.models import WebhookEndpoint
    from apps.webhooks.services import webhook_create
    from apps.workspaces.models import Workspace
    from config.celery import app
    from leadiosa.tenancy import with_workspace

    assert settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS, "run with development settings (receiver on 127.0.0.1)"
    app.conf.task_always_eager = False
    app.control.purge()

    from apps.billing.models import Plan

    plan = Plan.objects.order_by("id").first()
    # One workspace per emitter process, as traffic from many tenants (each workspace's audit chain
    # serializes its own writes). Every endpoint shares one secret so the receiver verifies them all.
    workspaces = [
        Workspace.objects.create(name=f"bench-webhooks-{i}", plan=plan) for i in range(max(1, args.emitters))
    ]
    worker = None
    receiver = None
    try:
        endpoints = []
        for workspace in workspaces:
            with with_workspace(workspace.id):
                endpoints.append(webhook_create(url="http://127.0.0.1:1/placeholder", events=["*"]))
        secret = endpoints[0][1]
        receiver = ReceiverProcess(secret)
        url = f"http://127.0.0.1:{receiver.port}/hooks"
        WebhookEndpoint.all_workspaces.filter(id__in=[e.id for e, _ in endpoints]).update(
            url=url, secret_encrypted=endpoints[0][0].secret_encrypted
        )
        log = Path("/tmp") / f"bench-webhooks-worker-{os.getpid()}.log"
        worker = start_worker(args.pool, args.concurrency, log)

        # Warm-up: connections, imports.
        warm = emit_events(workspaces[0].id, 20, None)
        receiver.wait_for(set(warm), args.timeout)
        receiver.call("reset")

        # 1. Burst, end to end: emitter processes are ready before the first event; the clock runs from
        #    the first commit to the last verified receipt.
        cpu_before = cpu_seconds(worker.pid)
        committed = emit_in_processes(redis_url, [w.id for w in workspaces], args.events)
        got = receiver.wait_for(set(committed), args.timeout)
        worker_cpu_ms = (cpu_seconds(worker.pid) - cpu_before) / len(committed) * 1000
        missing = set(committed) - got.keys()
        if missing:
            raise SystemExit(f"{len(missing)} events not delivered within {args.timeout}s")
        first_commit, last_commit = min(committed.values()), max(committed.values())
        commit_rate = len(committed) / (last_commit - first_commit)
        burst_rate = len(committed) / (max(got.values()) - first_commit)
        burst_lat = [(got[e] - committed[e]) * 1000 for e in committed]
        receiver.call("reset")

        # 2. Paced: a steady rate well under capacity; latency commit → verified receipt.
        committed = emit_events(workspaces[0].id, args.paced, args.rate)
        got = receiver.wait_for(set(committed), args.timeout)
        paced_lat = [(got[e] - committed[e]) * 1000 for e in committed]
        receiver.call("reset")

        # 3. Backlog drain: the worker's own rate, with nothing else running. Events are committed while
        #    no worker runs; the clock runs from the first receipt to the last.
        stop_worker(worker)
        worker = None
        committed = emit_in_processes(redis_url, [w.id for w in workspaces], args.events)
        idle_commit_rate = len(committed) / (max(committed.values()) - min(committed.values()))
        worker = start_worker(args.pool, args.concurrency, log)
        got = receiver.wait_for(set(committed), args.timeout)
        receipts = sorted(got[e] for e in committed)
        drain_rate = (len(receipts) - 1) / (receipts[-1] - receipts[0])
        receiver.call("reset")

        # 4. The plain loop to the same receiver.
        plain_rate = plain_loop(url, secret, args.events)

        pool = f"pool={args.pool}" + (f", concurrency={args.concurrency}" if args.pool != "solo" else "")
        print(f"worker: one process, {pool}; {os.cpu_count()} CPUs")
        print(
            f"burst: {args.events} events from {args.emitters} emitter processes, commits {commit_rate:.0f}/s; "
            f"delivered and verified {burst_rate:.0f} events/s; latency p50 {statistics.median(burst_lat):.0f} ms, "
            f"p99 {percentile(burst_lat, 99):.0f} ms; {worker_cpu_ms:.1f} ms of worker CPU per event"
        )
        print(
            f"paced: {args.paced} events at {args.rate:.0f}/s; latency commit -> verified receipt "
            f"p50 {statistics.median(paced_lat):.1f} ms, p99 {percentile(paced_lat, 99):.1f} ms, "
            f"max {max(paced_lat):.1f} ms"
        )
        print(f"emit alone (no worker running): commits {idle_commit_rate:.0f}/s")
        print(f"drain: one worker delivers a backlog of {args.events} at {drain_rate:.0f} events/s")
        print(f"plain loop: {args.events} signed POSTs, one keep-alive client, {plain_rate:.0f}/s")
        print(
            f"vs plain loop: end to end {burst_rate / plain_rate * 100:.0f} %, "
            f"worker drain {drain_rate / plain_rate * 100:.0f} %"
        )
    finally:
        if worker is not None:
            stop_worker(worker)
        if receiver is not None:
            receiver.close()
        from apps.webhooks.models import WebhookDelivery, WebhookEvent

        for workspace in workspaces:
            WebhookDelivery.all_workspaces.filter(workspace=workspace).delete()
            WebhookEvent.all_workspaces.filter(workspace=workspace).delete()
        app.control.purge()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def stop_worker(worker: subprocess.Popen) -> None:
    worker.terminate()
    try:
        worker.wait(15)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait(5)


if __name__ == "__main__":
    main()
