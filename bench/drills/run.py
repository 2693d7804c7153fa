"""Fault drills: the product keeps its promises while PostgreSQL, then Redis, go away and come back, and
when a worker is killed in the middle of a delivery.

    .venv/bin/python bench/drills/run.py [--down 10] [--keep]
    DATABASE_URL=… REDIS_URL=… .venv/bin/python bench/drills/run.py \
        --postgres-stop 'CMD' --postgres-start 'CMD' --redis-stop 'CMD' --redis-start 'CMD'

What it does, on an embedded PostgreSQL and Redis of its own (a fresh LEADIOSA_DATA_DIR under /tmp, so
it never touches the development or test servers), or on the servers DATABASE_URL / REDIS_URL name when
it is also told how to stop and start them:
1. starts the production shape: gunicorn (2 gthread workers × 16 threads, as `make run`), a Celery worker and Celery beat, with the demo
   workspace, and a webhook receiver on 127.0.0.1 subscribed to `contact.created`;
2. runs a steady request loop (GET /conversations and POST /contacts, ~5 requests/s across the demo's
   three tokens) for the whole drill;
3. stops PostgreSQL (fast shutdown) for `--down` seconds, starts it again; then the same for Redis;
4. kills the Celery worker with SIGKILL while a receiver holds one of its deliveries, starts a new one;
5. checks: no 500 and no unanswered request at any time; only 503 `service_unavailable` (with
   Retry-After) while a dependency is down; /readyz names the one that is down; full service again after
   each restart, with the same gunicorn and Celery processes (no restart); every contact created got its
   `contact.created` delivered and verified by the receiver, the one interrupted by SIGKILL included.

Prints a report (markdown) and exits non-zero when a check fails. `--keep` leaves the data directory
(logs of gunicorn, the worker, beat and both servers) for inspection.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
REQUEST_INTERVAL = 0.2  # seconds between requests: ~5/s, well inside three tokens' 300/min limits


# ---- the product's processes --------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Product:
    def __init__(self, data_dir: Path, settings: str, given: dict[str, tuple[str, str]]):
        """`given`: for a dependency named by DATABASE_URL / REDIS_URL, the shell commands that stop and
        start it; every other dependency is embedded, under `data_dir`."""
        self.data_dir = data_dir
        self.port = free_port()
        self.given = given
        keep = {"DATABASE_URL": "postgres" in given, "REDIS_URL": "redis" in given}
        self.env = {
            **{k: v for k, v in os.environ.items() if not (k in keep and not keep[k])},
            "LEADIOSA_DATA_DIR": str(data_dir),
            "DJANGO_SETTINGS_MODULE": settings,
            "PYTHONUNBUFFERED": "1",
        }
        self.processes: dict[str, subprocess.Popen] = {}
        self.worker_class = os.environ.get("WEB_WORKER_CLASS", "gthread")  # "sync": the old shape, to compare
        self.logs = data_dir / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)

    def run(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, *args], cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=600
        )
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def spawn(self, name: str, *command: str) -> subprocess.Popen:
        log = open(self.logs / f"{name}.log", "a")  # noqa: SIM115 - lives as long as the process
        process = subprocess.Popen(
            list(command),
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes[name] = process
        return process

    def start(self) -> dict[str, str]:
        self.run("scripts/embedded.py", "start")
        self.run("manage.py", "migrate", "--noinput")
        demo = self.run("manage.py", "demo").splitlines()
        tokens = {}
        for label, role in (("Owner", "owner"), ("Admin", "admin"), ("Agent", "agent")):
            index = demo.index(f"{label} token (shown once):")
            tokens[role] = demo[index + 1].strip()
        self.spawn(
            "gunicorn",
            str(BIN / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            os.environ.get("WEB_CONCURRENCY", "2"),
            # As `make run` (scripts/run.sh) and the image (docker/entrypoint.sh) serve: gthread workers.
            "--worker-class",
            self.worker_class,
            "--threads",
            self.env.setdefault("WEB_THREADS", "16") if self.worker_class == "gthread" else "1",
            "--keep-alive",
            os.environ.get("WEB_KEEPALIVE", "5"),
            "--timeout",
            "30",
        )
        self.start_worker()
        self.spawn(
            "beat",
            str(BIN / "celery"),
            "-A",
            "config",
            "beat",
            "--loglevel=INFO",
            f"--schedule={self.data_dir / 'celerybeat-schedule'}",
        )
        deadline = time.monotonic() + 60
        while status_of(self.port, "GET", "/healthz")[0] != 200:
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not answer /healthz")
            time.sleep(0.2)
        return tokens

    def start_worker(self) -> subprocess.Popen:
        return self.spawn(
            "worker",
            str(BIN / "celery"),
            "-A",
            "config",
            "worker",
            "--loglevel=INFO",
            "--concurrency=2",
            "--without-gossip",
            "--without-mingle",
        )

    def kill_worker(self) -> None:
        """SIGKILL the worker and its pool children at once: no cleanup, no acknowledgement."""
        os.killpg(self.processes["worker"].pid, signal.SIGKILL)
        self.processes["worker"].wait(10)

    def gunicorn_pids(self) -> list[int]:
        master = self.processes["gunicorn"].pid
        out = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(master)], capture_output=True, text=True
        ).stdout
        return sorted([master, *(int(pid) for pid in out.split())])

    def stop_dependency(self, name: str) -> None:
        if name in self.given:
            subprocess.run(self.given[name][0], shell=True, check=True, env=self.env)  # noqa: S602
        else:
            self.run("scripts/embedded.py", "stop", name)

    def start_dependency(self, name: str) -> None:
        if name in self.given:
            subprocess.run(self.given[name][1], shell=True, check=True, env=self.env)  # noqa: S602
        else:
            self.run("scripts/embedded.py", "start")

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        subprocess.run(
            [sys.executable, "scripts/embedded.py", "stop"], cwd=ROOT, env=self.env, capture_output=True
        )


def status_of(port: int, method: str, path: str, token: str | None = None, body: dict | None = None):
    """(status, parsed JSON or None, headers); status 0 when no answer came within 10 s."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
        response = conn.getresponse()
        raw = response.read()
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = None
        return response.status, parsed, dict(response.getheaders())
    except OSError:
        return 0, None, {}
    finally:
        conn.close()


# ---- a webhook receiver -------------------------------------------------------------------------


class Receiver:
    def __init__(self):
        self.seen: Counter[str] = Counter()
        self.hold = threading.Event()
        self.hold.set()  # not holding
        self.held = threading.Event()
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("content-length", "0")))
                event = json.loads(body)
                with receiver.lock:
                    receiver.seen[self.headers["webhook-id"]] += 1
                    hold = not receiver.hold.is_set() and not receiver.held.is_set()
                    if hold:
                        receiver.held.set()
                        receiver.held_event = event["id"]
                if hold:
                    receiver.hold.wait(60)
                try:
                    self.send_response(200)
                    self.send_header("content-length", "2")
                    self.end_headers()
                    self.wfile.write(b"ok")
                except OSError:
                    pass  # the sender is gone (killed)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks"


# ---- the steady request loop --------------------------------------------------------------------


@dataclass
class Sample:
    started: float
    ended: float
    method: str
    status: int
    code: str | None
    retry_after: str | None


@dataclass
class Load:
    port: int
    tokens: list[str]
    samples: list[Sample] = field(default_factory=list)
    created: list[str] = field(default_factory=list)  # ids of contacts created (201)
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        n = 0
        while not self.stop.is_set():
            token = self.tokens[n % len(self.tokens)]
            started = time.monotonic()
            if n % 2:
                status, body, headers = status_of(
                    self.port, "POST", "/api/v1/contacts", token, {"email": f"drill-{n}@example.org"}
                )
                method = "POST /contacts"
            else:
                status, body, headers = status_of(self.port, "GET", "/api/v1/conversations?limit=5", token)
                method = "GET /conversations"
            code = body.get("error", {}).get("code") if isinstance(body, dict) else None
            if status == 201 and isinstance(body, dict):
                self.created.append(body["id"])
            self.samples.append(
                Sample(started, time.monotonic(), method, status, code, headers.get("Retry-After"))
            )
            n += 1
            time.sleep(max(0.0, REQUEST_INTERVAL - (time.monotonic() - started)))

    def between(self, start: float, end: float) -> list[Sample]:
        """Requests that started and ended inside [start, end]."""
        return [s for s in self.samples if s.started >= start and s.ended <= end]


# ---- the drill ----------------------------------------------------------------------------------


@dataclass
class Outage:
    name: str
    down_from: float = 0.0
    down_until: float = 0.0
    recovered_after: float | None = None  # seconds from the restart to the first 2xx
    readyz: dict | None = None


def wait_for_success(load: Load, since: float, timeout: float = 60.0) -> float | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ok = [s for s in load.samples if s.started >= since and 200 <= s.status < 300]
        if ok:
            return ok[0].ended - since
        time.sleep(0.05)
    return None


def outage(product: Product, load: Load, name: str, dependency: str, down: float) -> Outage:
    result = Outage(name)
    product.stop_dependency(dependency)
    result.down_from = time.monotonic()
    time.sleep(down / 2)
    status, body, _ = status_of(product.port, "GET", "/readyz")
    result.readyz = {**(body or {}), "http": status}
    time.sleep(down / 2)
    result.down_until = time.monotonic()
    product.start_dependency(dependency)
    restarted = time.monotonic()
    result.recovered_after = wait_for_success(load, restarted)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description="Fault drills (see the module docstring).")
    parser.add_argument("--down", type=float, default=10.0, help="seconds each dependency stays down")
    parser.add_argument("--keep", action="store_true", help="keep the data directory and its logs")
    parser.add_argument("--settings", default="bench.drills.settings")
    for name, variable in (("postgres", "DATABASE_URL"), ("redis", "REDIS_URL")):
        parser.add_argument(f"--{name}-stop", metavar="CMD", help=f"with {variable} set: stops that server")
        parser.add_argument(f"--{name}-start", metavar="CMD", help=f"with {variable} set: starts it again")
    args = parser.parse_args()
    given = {}
    for name, variable in (("postgres", "DATABASE_URL"), ("redis", "REDIS_URL")):
        stop, start = getattr(args, f"{name}_stop"), getattr(args, f"{name}_start")
        if os.environ.get(variable) and stop and start:
            given[name] = (stop, start)
        elif stop or start:
            parser.error(f"--{name}-stop/--{name}-start need {variable} and each other")

    data_dir = Path(tempfile.mkdtemp(prefix="leadiosa-drill-", dir="/tmp"))
    product = Product(data_dir, args.settings, given)
    receiver = Receiver()
    failures: list[str] = []
    try:
        print(f"starting the product under {data_dir} ...", flush=True)
        tokens = product.start()
        status, hook, _ = status_of(
            product.port,
            "POST",
            "/api/v1/webhooks",
            tokens["admin"],
            {"url": receiver.url, "events": ["contact.created"]},
        )
        assert status == 201, (status, hook)
        pids_before = {"gunicorn": product.gunicorn_pids(), "worker": product.processes["worker"].pid}

        load = Load(product.port, list(tokens.values()))
        loop = threading.Thread(target=load.run, daemon=True)
        loop.start()
        time.sleep(5)
        baseline_end = time.monotonic()

        print("stopping PostgreSQL ...", flush=True)
        postgres = outage(product, load, "PostgreSQL", "postgres", args.down)
        time.sleep(5)
        print("stopping Redis ...", flush=True)
        redis = outage(product, load, "Redis", "redis", args.down)
        time.sleep(5)
        steady_end = time.monotonic()
        pids_after = {"gunicorn": product.gunicorn_pids(), "worker": product.processes["worker"].pid}

        print("killing the worker mid-delivery ...", flush=True)
        receiver.hold.clear()
        held_at = time.monotonic()
        while not receiver.held.is_set():
            if time.monotonic() - held_at > 30:
                raise RuntimeError("no delivery reached the receiver to hold")
            time.sleep(0.05)
        product.kill_worker()
        receiver.hold.set()  # the killed worker's request gets its answer into a closed socket
        killed_event = receiver.held_event
        product.start_worker()
        redelivered_after = None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if receiver.seen[killed_event] >= 2:
                redelivered_after = time.monotonic() - held_at
                break
            time.sleep(0.1)

        load.stop.set()
        loop.join(15)

        # Every contact created got its contact.created delivered (the backlog may take a moment).
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            deliveries = all_deliveries(product.port, tokens["admin"], hook["id"])
            pending = [d for d in deliveries if d["status"] != "succeeded"]
            if len(deliveries) >= len(load.created) and not pending:
                break
            time.sleep(1)
        delivered_ids = {d["event_id"] for d in deliveries if d["status"] == "succeeded"}
        received_ids = set(receiver.seen)

        # ---- checks ----
        statuses = Counter(s.status for s in load.samples)
        bad = [s for s in load.samples if s.status == 0 or s.status >= 500 and s.status != 503]
        if bad:
            failures.append(
                f"{len(bad)} requests answered neither 2xx/4xx nor 503: {Counter(s.status for s in bad)}"
            )
        no_retry_after = [s for s in load.samples if s.status == 503 and not s.retry_after]
        if no_retry_after:
            failures.append(f"{len(no_retry_after)} 503s without Retry-After")
        wrong_code = [s for s in load.samples if s.status == 503 and s.code != "service_unavailable"]
        if wrong_code:
            failures.append(f"{len(wrong_code)} 503s without code service_unavailable")
        rows = []
        for result, check in ((postgres, "database"), (redis, "cache")):
            during = load.between(result.down_from, result.down_until)
            not_503 = [s for s in during if s.status != 503]
            if not during:
                failures.append(f"{result.name}: no request completed while it was down")
            if not_503:
                failures.append(
                    f"{result.name} down: {len(not_503)} answers other than 503: {Counter(s.status for s in not_503)}"
                )
            if result.recovered_after is None:
                failures.append(f"{result.name}: no successful request within 60 s of its restart")
            if (result.readyz or {}).get("http") != 503 or result.readyz.get("checks", {}).get(
                check
            ) != "unavailable":
                failures.append(f"{result.name} down: /readyz said {result.readyz}")
            rows.append((result, during))
        tail = load.between(redis.down_until + (redis.recovered_after or 0) + 2, steady_end)
        if any(not 200 <= s.status < 300 for s in tail):
            failures.append(f"after recovery: {Counter(s.status for s in tail)}")
        baseline = load.between(0, baseline_end)
        if any(not 200 <= s.status < 300 for s in baseline):
            failures.append(f"baseline not all 2xx: {Counter(s.status for s in baseline)}")
        if pids_before != pids_after:
            failures.append(f"processes restarted: {pids_before} -> {pids_after}")
        if redelivered_after is None:
            failures.append("the delivery interrupted by SIGKILL was never delivered again")
        missing = set(delivered_ids) - received_ids
        if len(delivered_ids) < len(load.created) or missing:
            failures.append(
                f"contacts created: {len(load.created)}, deliveries succeeded: {len(delivered_ids)}, "
                f"succeeded but never received: {len(missing)}"
            )

        print()
        print("| phase | requests | answers | readyz while down | back after restart |")
        print("|---|---:|---|---|---:|")
        print(f"| baseline | {len(baseline)} | {dict(Counter(s.status for s in baseline))} | | |")
        for result, during in rows:
            checks = (result.readyz or {}).get("checks", {})
            print(
                f"| {result.name} down {args.down:.0f} s | {len(during)} | {dict(Counter(s.status for s in during))} | "
                f"{result.readyz.get('http')} {checks} | "
                f"{seconds(result.recovered_after)} |"
            )
        print(f"| after both | {len(tail)} | {dict(Counter(s.status for s in tail))} | | |")
        print()
        print(f"- all requests: {dict(statuses)} (0 = no answer)")
        print(
            f"- gunicorn master+workers and Celery worker pids unchanged through both outages: {pids_before == pids_after}"
        )
        print(
            f"- SIGKILL mid-delivery: event {killed_event} delivered again by the new worker after "
            f"{seconds(redelivered_after)} "
            f"(received {receiver.seen.get(killed_event, 0)} times, same webhook-id)"
        )
        print(
            f"- contacts created: {len(load.created)}; contact.created deliveries succeeded: {len(delivered_ids)}; "
            f"distinct events received: {len(received_ids)}; lost: {len(set(delivered_ids) - received_ids)}"
        )
        print()
        print("RESULT:", "PASS" if not failures else "FAIL")
        for failure in failures:
            print("  -", failure)
        return 0 if not failures else 1
    finally:
        product.stop()
        receiver.server.shutdown()
        if args.keep or failures:
            print(f"logs kept under {data_dir}/logs")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)


def seconds(value: float | None) -> str:
    return "never" if value is None else f"{value:.2f} s"


def all_deliveries(port: int, token: str, webhook_id: str) -> list[dict]:
    rows, after = [], None
    while True:
        path = f"/api/v1/webhooks/{webhook_id}/deliveries?limit=100" + (f"&after={after}" if after else "")
        status, body, _ = status_of(port, "GET", path, token)
        if status != 200:
            return rows
        rows += body["data"]
        if not body["pagination"]["has_more"]:
            return rows
        after = body["pagination"]["next_cursor"]


if __name__ == "__main__":
    sys.exit(main())
