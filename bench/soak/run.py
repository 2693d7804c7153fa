"""Soak: the production shape under a steady mixed load, checked for errors, latency, memory and lost
webhook events.

    .venv/bin/python bench/soak/run.py [--seconds 600] [--saturation-seconds 60] [--load 0.7]
    .venv/bin/python bench/soak/run.py --seconds 60 --saturation-seconds 20 --ci   # bench/soak/ci.sh

1. Starts what `make run` starts — gunicorn (2 gthread workers × WEB_THREADS 16, config.wsgi, gunicorn.conf.py; WEB_WORKER_CLASS=sync for the old shape), a Celery worker
   (concurrency 2) and Celery beat — with `make run`'s settings (bench.soak.settings = config.settings.dev)
   on an embedded PostgreSQL and Redis of its own under a fresh LEADIOSA_DATA_DIR in /tmp (or on the
   servers DATABASE_URL / REDIS_URL name).
2. Makes the world: `--workspaces` workspaces on a `soak` plan, four tokens each (owner, admin, two agents),
   a webhook endpoint per workspace subscribed to every event (`["*"]`) on a local receiver that verifies
   each delivery's signature with `standardwebhooks` and counts events by `webhook-id`; a few contacts and
   conversations each.
3. Saturation: locust (headless, FastHttpUser) with `--users` users and no wait for
   `--saturation-seconds`: the throughput the server sustains (req/s).
4. Soak: the same users paced (`constant_throughput`) at `--load` × saturation for `--seconds`, while the
   RSS of gunicorn (master + workers), the Celery worker (+ pool) and beat is sampled every `--sample`
   seconds with psutil.
5. Checks: no failure but intended 429s (locust counts any other status or transport error as one);
   every event the API lists (`GET /events` of every workspace) received and verified by the receiver, no
   signature refused; memory after warm-up (first 20 % of the run) compared with the end.

The report also gives the product's own time per request (`duration_ms` of its JSON request log, from
the first middleware to the last: no load generator, socket or gunicorn queue in it) beside locust's,
and the CPU seconds each process group used during the soak (gunicorn, the Celery worker, beat,
PostgreSQL, Redis, locust, and this script, which is the webhook receiver), against what the machine
had: on two shared cores, the load generator's and the receiver's share is part of every latency.

Prints a markdown report and writes it, with locust's CSVs, the status tally and the memory samples,
under `--out` (default: the run's data directory, kept). Exits 1 when a check fails. `--ci` checks
errors and lost events only (a minute says nothing about memory growth or a p99 on a shared runner).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import psutil
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.drills.run import Product, status_of  # noqa: E402

BIN = Path(sys.executable).parent


class SoakProduct(Product):
    """The drills' production shape as `make run` starts it, its processes one after the other: three processes
    starting at once on a fresh embedded server raced in ensure_runtime_role (`tuple concurrently
    updated`) and beat died at start-up."""

    def spawn(self, name: str, *command: str):
        # As `make run`: migrations and set-up as the owner, the three processes as the runtime role
        # (leadiosa_app) on the embedded server; with DATABASE_URL, that URL's role.
        owner_env = self.env
        if not self.env.get("DATABASE_URL"):
            self.env = {**owner_env, "DATABASE_USER": os.environ.get("DATABASE_RUNTIME_ROLE", "leadiosa_app")}
        try:
            process = super().spawn(name, *command)
        finally:
            self.env = owner_env
        time.sleep(3)
        return process

    def dead(self) -> list[str]:
        return [name for name, process in self.processes.items() if process.poll() is not None]


# ---- the receiver --------------------------------------------------------------------------------


class Receiver:
    """Verifies every delivery (Standard Webhooks) with its workspace's endpoint secret; counts them."""

    def __init__(self):
        self.secrets: dict[str, Webhook] = {}  # path → verifier
        self.verified: Counter[str] = Counter()  # webhook-id → deliveries verified
        self.refused = 0
        self.types: Counter[str] = Counter()
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("content-length", "0")))
                verifier = receiver.secrets.get(self.path)
                ok = False
                if verifier is not None:
                    try:
                        event = verifier.verify(body, {k.lower(): v for k, v in self.headers.items()})
                        ok = event.get("id") == self.headers.get("webhook-id")
                    except WebhookVerificationError:
                        ok = False
                with receiver.lock:
                    if ok:
                        receiver.verified[self.headers["webhook-id"]] += 1
                        receiver.types[event.get("type", "?")] += 1
                    else:
                        receiver.refused += 1
                status = 200 if ok else 400
                self.send_response(status)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/{name}"

    def distinct(self) -> set[str]:
        with self.lock:
            return set(self.verified)


# ---- memory --------------------------------------------------------------------------------------


class Memory:
    """RSS (MiB) of each process group of the product, every `period` seconds."""

    def __init__(self, product: Product, period: float):
        self.product = product
        self.period = period
        self.samples: list[dict] = []
        self.stop = threading.Event()
        self.started = time.monotonic()
        threading.Thread(target=self._run, daemon=True).start()

    def _rss(self, name: str) -> float:
        try:
            root = psutil.Process(self.product.processes[name].pid)
            total = root.memory_info().rss
            for child in root.children(recursive=True):
                with contextlib.suppress(psutil.NoSuchProcess):
                    total += child.memory_info().rss
            return total / 2**20
        except psutil.NoSuchProcess:
            return 0.0

    def _run(self):
        while not self.stop.is_set():
            self.samples.append(
                {
                    "t": round(time.monotonic() - self.started, 1),
                    "phase": self.phase,
                    **{name: round(self._rss(name), 1) for name in ("gunicorn", "worker", "beat")},
                }
            )
            self.stop.wait(self.period)

    phase = "setup"


# ---- CPU by process group -------------------------------------------------------------------------


def process_group(process: psutil.Process, product: Product) -> str | None:
    """Which part of the run a process is: the product's three processes (with their children), the two
    servers, the load generator, or this script (the webhook receiver)."""
    roots = {process_.pid: name for name, process_ in product.processes.items()}
    try:
        lineage = [process, *process.parents()]
        for ancestor in lineage:
            if ancestor.pid in roots:
                return roots[ancestor.pid]
        name = process.name()
        if name.startswith("postgres"):
            return "postgres"
        if name.startswith("redis-server"):
            return "redis"
        if process.pid == os.getpid():
            return "receiver (this script)"
        if any("locust" in part for part in process.cmdline()[:3]):
            return "locust"
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return None
    return None


def cpu_snapshot(product: Product) -> dict[int, tuple[str, float]]:
    """pid → (group, CPU seconds so far) for every process of the run."""
    snapshot = {}
    for process in psutil.process_iter():
        group = process_group(process, product)
        if group is None:
            continue
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
            times = process.cpu_times()
            snapshot[process.pid] = (group, times.user + times.system)
    return snapshot


class CpuMeter:
    """CPU seconds each process group used between start() and stop(), sampled every second so that a
    process that ends in between (a PostgreSQL backend, locust itself) is still counted up to its last
    sample."""

    def __init__(self, product: Product):
        self.product = product
        self.first: dict[int, tuple[str, float]] = {}
        self.last: dict[int, tuple[str, float]] = {}
        self.halt = threading.Event()
        self.machine_before = psutil.cpu_times()
        self.wall = 0.0

    def start(self):
        self.first = cpu_snapshot(self.product)
        self.machine_before = psutil.cpu_times()
        self.started = time.monotonic()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.halt.wait(1.0):
            for pid, entry in cpu_snapshot(self.product).items():
                self.last[pid] = entry

    def stop(self) -> dict[str, float]:
        self.halt.set()
        self.thread.join()
        for pid, entry in cpu_snapshot(self.product).items():
            self.last[pid] = entry
        self.wall = time.monotonic() - self.started
        machine = psutil.cpu_times()
        used: Counter[str] = Counter()
        for pid, (group, seconds) in self.last.items():
            used[group] += seconds - self.first.get(pid, (group, 0.0))[1]
        used["machine (all processes)"] = busy_seconds(machine) - busy_seconds(self.machine_before)
        return dict(used)


def busy_seconds(times) -> float:
    return sum(getattr(times, field, 0.0) for field in ("user", "system", "nice", "irq", "softirq"))


def server_latencies(log: Path, start: int, end: int) -> list[float]:
    """duration_ms of the product's request log lines between two byte offsets of gunicorn's log: the
    time the application took, from the middleware's start to its end, without the load generator,
    the socket or gunicorn's queue."""
    durations = []
    with open(log, "rb") as handle:
        handle.seek(start)
        for line in handle.read(end - start).splitlines():
            if b'"duration_ms"' not in line:
                continue
            with contextlib.suppress(ValueError):
                record = json.loads(line)
                if str(record.get("path", "")).startswith("/api/v1/"):
                    durations.append(float(record["duration_ms"]))
    return durations


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


# ---- locust --------------------------------------------------------------------------------------


def locust(out: Path, name: str, port: int, world: Path, users: int, seconds: int, throughput: float):
    prefix = out / name
    env = {
        **os.environ,
        "SOAK_WORLD": str(world),
        "SOAK_THROUGHPUT": str(throughput),
        "SOAK_STATUS_OUT": str(prefix) + "_statuses.json",
    }
    done = subprocess.run(
        [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "bench/soak/locustfile.py"),
            "--headless",
            "--host",
            f"http://127.0.0.1:{port}",
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            "--run-time",
            f"{seconds}s",
            "--stop-timeout",
            "10",
            "--csv",
            str(prefix),
            "--csv-full-history",
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--exit-code-on-error",
            "0",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=seconds + 180,
        check=False,
    )
    (out / f"{name}_locust.log").write_text(done.stdout + done.stderr)
    if done.returncode != 0:
        raise RuntimeError(f"locust exited {done.returncode}:\n{(done.stdout + done.stderr)[-3000:]}")
    with open(str(prefix) + "_stats.csv") as stats:
        rows = {row["Name"]: row for row in csv.DictReader(stats)}
    statuses = json.loads(Path(str(prefix) + "_statuses.json").read_text())
    with open(str(prefix) + "_failures.csv") as failures:
        failed = list(csv.DictReader(failures))
    return rows, statuses, failed


# ---- the run -------------------------------------------------------------------------------------


def call(port: int, method: str, path: str, token: str, body: dict | None = None, expected: int = 200):
    status, parsed, _ = status_of(port, method, path, token, body)
    if status != expected:
        raise RuntimeError(f"{method} {path} → {status}: {parsed}")
    return parsed


def make_world(
    product: Product, receiver: Receiver, workspaces: int, limit: int, seed_each: int
) -> list[dict]:
    world = json.loads(
        product.run("bench/soak/world.py", str(workspaces), str(limit)).strip().splitlines()[-1]
    )
    for n, workspace in enumerate(world):
        admin = workspace["tokens"]["admin"]
        hook = call(
            product.port,
            "POST",
            "/api/v1/webhooks",
            admin,
            {"url": receiver.url(str(n)), "events": ["*"], "description": "soak receiver"},
            201,
        )
        receiver.secrets[f"/hooks/{n}"] = Webhook(hook["secret"])
        workspace["webhook_id"] = hook["id"]
        workspace["contacts"], workspace["conversations"] = [], []
        for i in range(seed_each):
            contact = call(
                product.port, "POST", "/api/v1/contacts", admin, {"email": f"seed-{i}@soak.test"}, 201
            )
            workspace["contacts"].append(contact["id"])
            conversation = call(
                product.port,
                "POST",
                "/api/v1/conversations",
                admin,
                {"contact_id": contact["id"], "handled_by": "human", "message": {"body": "Hello"}},
                201,
            )
            workspace["conversations"].append(conversation["id"])
    return world


def listed_events(port: int, world: list[dict]) -> set[str]:
    ids: set[str] = set()
    for workspace in world:
        after = None
        while True:
            path = "/api/v1/events?limit=100" + (f"&after={after}" if after else "")
            page = call(port, "GET", path, workspace["tokens"]["owner"])
            ids.update(event["id"] for event in page["data"])
            if not page["pagination"]["has_more"]:
                break
            after = page["pagination"]["next_cursor"]
    return ids


def drain(port: int, world: list[dict], receiver: Receiver, timeout: float) -> tuple[set[str], float]:
    """Waits until every listed event is received and verified (or `timeout`); the events listed and
    the seconds it took."""
    started = time.monotonic()
    while True:
        emitted = listed_events(port, world)
        if emitted <= receiver.distinct() or time.monotonic() - started > timeout:
            return emitted, time.monotonic() - started
        time.sleep(2)


def unintended(statuses: dict[str, int]) -> dict[str, int]:
    """Status tallies other than the expected 2xx and the intended 429."""
    return {
        key: count for key, count in statuses.items() if not (key.endswith((" 200", " 201", " 204", " 429")))
    }


def ms(value: str) -> str:
    return f"{float(value):.0f}"


def main() -> int:
    parser = argparse.ArgumentParser(description="Soak (see the module docstring).")
    parser.add_argument("--seconds", type=int, default=600, help="length of the soak at --load")
    parser.add_argument("--saturation-seconds", type=int, default=60)
    parser.add_argument("--load", type=float, default=0.7, help="fraction of the measured saturation")
    parser.add_argument("--users", type=int, default=16, help="locust users (each holds one token)")
    parser.add_argument("--workspaces", type=int, default=4)
    parser.add_argument("--rate-limit", type=int, default=6000, help="the soak plan's requests/min per token")
    parser.add_argument("--seed-each", type=int, default=10, help="contacts and conversations per workspace")
    parser.add_argument("--sample", type=float, default=5.0, help="seconds between memory samples")
    parser.add_argument("--drain-timeout", type=float, default=300.0)
    parser.add_argument("--out", type=Path, default=None, help="where the report and CSVs go")
    parser.add_argument("--ci", action="store_true", help="check errors and lost events only")
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="leadiosa-soak-", dir="/tmp"))
    out = args.out or data_dir / "results"
    out.mkdir(parents=True, exist_ok=True)
    product = SoakProduct(data_dir, "bench.soak.settings", {})
    # DATABASE_URL / REDIS_URL, when set, are used as they are (the drills' Product drops them unless it
    # is told how to stop them).
    product.env.update({k: os.environ[k] for k in ("DATABASE_URL", "REDIS_URL") if os.environ.get(k)})
    receiver = Receiver()
    failures: list[str] = []
    report: list[str] = []
    started_at = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    try:
        print(f"starting the product under {data_dir} ...", flush=True)
        product.start()
        memory = Memory(product, args.sample)
        world = make_world(product, receiver, args.workspaces, args.rate_limit, args.seed_each)
        world_path = data_dir / "world.json"
        world_path.write_text(json.dumps(world))
        load_before = os.getloadavg()

        print(f"saturation: {args.users} users, no wait, {args.saturation_seconds} s ...", flush=True)
        memory.phase = "saturation"
        sat_rows, sat_statuses, _ = locust(
            out, "saturation", product.port, world_path, args.users, args.saturation_seconds, 0
        )
        saturation = float(sat_rows["Aggregated"]["Requests/s"])
        emitted_sat, drained_sat = drain(product.port, world, receiver, args.drain_timeout)

        target = saturation * args.load
        print(
            f"soak: {target:.1f} req/s ({args.load:.0%} of {saturation:.1f}) for {args.seconds} s ...",
            flush=True,
        )
        memory.phase = "soak"
        gunicorn_log = product.logs / "gunicorn.log"
        log_start = gunicorn_log.stat().st_size
        cpu = CpuMeter(product)
        cpu.start()
        rows, statuses, _ = locust(
            out, "soak", product.port, world_path, args.users, args.seconds, target / args.users
        )
        cpu_used = cpu.stop()
        server_side = server_latencies(gunicorn_log, log_start, gunicorn_log.stat().st_size)
        memory.phase = "drain"
        load_after = os.getloadavg()
        emitted, drained = drain(product.port, world, receiver, args.drain_timeout)
        memory.stop.set()
        received = receiver.distinct()
        lost = emitted - received
        duplicates = sum(count - 1 for count in receiver.verified.values() if count > 1)

        # ---- memory after warm-up: the first 20 % of the soak is warm-up ----
        soak = [s for s in memory.samples if s["phase"] == "soak"]
        warm = soak[len(soak) // 5 :]
        window = max(1, len(warm) // 5)
        growth = {}
        for name in ("gunicorn", "worker", "beat"):
            if len(warm) >= 2:
                first = statistics.median(s[name] for s in warm[:window])
                last = statistics.median(s[name] for s in warm[-window:])
                peak = max(s[name] for s in warm)
                growth[name] = (first, last, peak)
        with open(out / "memory.csv", "w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=["t", "phase", "gunicorn", "worker", "beat"])
            writer.writeheader()
            writer.writerows(memory.samples)

        total = rows["Aggregated"]
        requests = int(total["Request Count"])
        bad = unintended(statuses)
        bad_sat = unintended(sat_statuses)
        throttled = sum(c for k, c in statuses.items() if k.endswith(" 429"))
        error_count = sum(bad.values())

        # ---- checks ----
        if bad or int(total["Failure Count"]):
            failures.append(f"soak: unintended answers {bad} (locust failures: {total['Failure Count']})")
        if bad_sat:
            failures.append(f"saturation: unintended answers {bad_sat}")
        if lost:
            failures.append(f"{len(lost)} events listed by GET /events never received and verified")
        if product.dead():
            failures.append(f"processes exited during the run: {product.dead()} (logs under {data_dir}/logs)")
        if receiver.refused:
            failures.append(f"{receiver.refused} deliveries failed signature verification")
        if not args.ci:
            if float(total["99%"]) >= 100:
                failures.append(f"p99 {total['99%']} ms ≥ 100 ms")
            for name, (first, last, _) in growth.items():
                if last - first > max(0.05 * first, 10):
                    failures.append(f"{name} RSS grew after warm-up: {first:.0f} → {last:.0f} MiB")

        report += [
            f"Soak run {started_at}: {args.workspaces} workspaces × 4 tokens, {args.users} locust users, "
            f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after, {os.cpu_count()} cores.",
            "",
            "| measure | value |",
            "|---|---:|",
            f"| saturation ({args.saturation_seconds} s, no wait) | {saturation:.1f} req/s "
            f"(p50 {ms(sat_rows['Aggregated']['50%'])} ms, p99 {ms(sat_rows['Aggregated']['99%'])} ms) |",
            f"| target ({args.load:.0%} of saturation) | {target:.1f} req/s |",
            f"| soak length | {args.seconds} s |",
            f"| requests | {requests} |",
            f"| throughput | {float(total['Requests/s']):.1f} req/s |",
            f"| latency p50 / p95 / p99 / max | {ms(total['50%'])} / {ms(total['95%'])} / {ms(total['99%'])} / "
            f"{ms(total['Max Response Time'])} ms |",
            f"| unintended errors | {error_count} ({100 * error_count / max(requests, 1):.3f} %) |",
            f"| intended 429s | {throttled} |",
            f"| writes | {sum(int(r['Request Count']) for n, r in rows.items() if n.split(' ')[0] in ('POST', 'PATCH'))}"
            f" of {requests} |",
            f"| events listed by GET /events (whole run) | {len(emitted)} |",
            f"| received and verified (distinct webhook-id) | {len(emitted & received)} |",
            f"| lost | {len(lost)} |",
            f"| redelivered duplicates / signatures refused | {duplicates} / {receiver.refused} |",
            f"| drain after the load stopped | {drained:.1f} s (after saturation: {drained_sat:.1f} s) |",
        ]
        for name, (first, last, peak) in growth.items():
            report.append(
                f"| RSS {name} after warm-up: start → end (peak) | {first:.0f} → {last:.0f} MiB ({peak:.0f}) |"
            )
        if server_side:
            report.append(
                f"| server time p50 / p95 / p99 / max (request log, {len(server_side)} API requests) | "
                + " / ".join(f"{percentile(server_side, q):.0f}" for q in (0.5, 0.95, 0.99))
                + f" / {max(server_side):.0f} ms |"
            )
        report += [
            "",
            f"CPU during the soak ({cpu.wall:.0f} s of wall time, {os.cpu_count()} cores = "
            f"{cpu.wall * (os.cpu_count() or 1):.0f} CPU seconds available):",
            "",
            "| process group | CPU seconds | share of the machine |",
            "|---|---:|---:|",
        ]
        available = cpu.wall * (os.cpu_count() or 1)
        for group, seconds in sorted(cpu_used.items(), key=lambda item: -item[1]):
            report.append(f"| {group} | {seconds:.0f} | {100 * seconds / available:.0f} % |")
        report += [
            "",
            "Per operation (soak):",
            "",
            "| operation | requests | p50 | p95 | p99 | failures |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for name, row in rows.items():
            if name == "Aggregated":
                continue
            report.append(
                f"| {row['Name']} | {row['Request Count']} | {ms(row['50%'])} | {ms(row['95%'])} | "
                f"{ms(row['99%'])} | {row['Failure Count']} |"
            )
        report += ["", f"Event types received: {dict(sorted(receiver.types.items()))}", ""]
        report.append("RESULT: " + ("PASS" if not failures else "FAIL"))
        report += [f"  - {failure}" for failure in failures]
        text = "\n".join(report)
        print(text)
        (out / "report.md").write_text(text + "\n")
        print(f"\nresults under {out}")
        return 0 if not failures else 1
    finally:
        product.stop()
        receiver.server.shutdown()
        if args.out is not None:
            for name in ("gunicorn", "worker", "beat"):
                log = data_dir / "logs" / f"{name}.log"
                if log.exists():
                    shutil.copy(log, out / f"{name}.log")


if __name__ == "__main__":
    sys.exit(main())
