"""Which gunicorn configuration serves the API best: several, side by side, with wrk, in one run.

    .venv/bin/python bench/compare/gunicorn_configs.py [--seconds 5] [--rounds 2] [--held 4]

Starts one gunicorn per configuration (same production settings, data and environment as run.py, each
on its own port; idle servers cost nothing while another is loaded), then in interleaved rounds loads
each with `wrk -t2 -c16`: the bare static view, GET /workspace and the conversations list; then the same
list again while `--held` connections each hold a request open for the whole run (a widget long poll waiting
for a message: /api/bench/held sleeps without CPU or a database connection). Prints req/s per round
and the median; writes bench/compare/RESULTS-gunicorn.md unless --no-write.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.compare.run import (  # noqa: E402
    ROOT,
    ensure_wrk,
    production_environment,
    run_wrk,
    service_urls,
    setup,
)

CONFIGS = {
    "sync, 2 workers": ["--worker-class", "sync", "--workers", "2"],
    "sync, 4 workers": ["--worker-class", "sync", "--workers", "4"],
    "gthread, 2 workers x 4 threads": ["--worker-class", "gthread", "--workers", "2", "--threads", "4"],
    "gthread, 2 workers x 16 threads": ["--worker-class", "gthread", "--workers", "2", "--threads", "16"],
}


def start(port: int, flags: list[str], env: dict, log) -> subprocess.Popen:
    return subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--keep-alive",
            "5",
            "--log-level",
            "warning",
            *flags,
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def wait_ready(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=2)  # noqa: S310 - loopback only
            return
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit(f"{base} did not start") from None
            time.sleep(0.3)


held_statuses: list[int] = []


def hold(base: str, count: int, seconds: int) -> list[threading.Thread]:
    def one():
        # X-Forwarded-Proto as the proxy (and wrk) sends it, or production's HTTPS redirect answers at once.
        request = urllib.request.Request(
            f"{base}/api/bench/held?seconds={seconds}", headers={"X-Forwarded-Proto": "https"}
        )
        with contextlib.suppress(OSError), urllib.request.urlopen(request, timeout=seconds + 60) as response:  # noqa: S310
            held_statuses.append(response.status)

    threads = [threading.Thread(target=one, daemon=True) for _ in range(count)]
    for thread in threads:
        thread.start()
    time.sleep(0.5)  # every held request has reached a worker
    return threads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--held", type=int, default=4)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    wrk = ensure_wrk()
    env = production_environment(*service_urls())
    os.environ.update({k: env[k] for k in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "SECRET_KEY",
                                           "PUBLIC_BASE_URL", "ALLOWED_HOSTS", "REDIS_KEY_PREFIX")})  # fmt: skip
    marks = setup(args)
    auth = {"Authorization": f"Bearer {marks['token']}"}
    log = (ROOT / ".data" / "bench-gunicorn-configs.log").open("w")
    servers = {}
    try:
        for index, (name, flags) in enumerate(CONFIGS.items()):
            base = f"http://127.0.0.1:{18241 + index}"
            servers[name] = (base, start(18241 + index, flags, env, log))
        for base, server in servers.values():
            wait_ready(base, server)
        cases = {
            "bare static": ("/api/bench/static", {}),
            "GET /workspace": ("/api/v1/workspace", auth),
            "conversations list": ("/api/v1/conversations?limit=25", auth),
        }
        for base, _ in servers.values():  # warm-up: connections, imports, the query-parameter table
            for path, headers in cases.values():
                run_wrk(wrk, base + path, headers, argparse.Namespace(**{**vars(args), "seconds": 1}))
        loadavg_before = Path("/proc/loadavg").read_text().split()[:3]
        results: dict = {}
        for round_ in range(args.rounds):
            for name, (base, _) in servers.items():
                for label, (path, headers) in cases.items():
                    outcome = run_wrk(wrk, base + path, headers, args)
                    results.setdefault((name, label), []).append(outcome["rps"])
                    print(f"round {round_ + 1} {name} {label}: {outcome['rps']:,.0f} req/s", flush=True)
                held = hold(base, args.held, args.seconds + 8)
                outcome = run_wrk(wrk, base + cases["conversations list"][0], auth, args)
                label = f"conversations list, {args.held} requests held open"
                results.setdefault((name, label), []).append(outcome["rps"])
                print(f"round {round_ + 1} {name} {label}: {outcome['rps']:,.0f} req/s", flush=True)
                for thread in held:
                    thread.join(timeout=args.seconds + 70)
        loadavg_after = Path("/proc/loadavg").read_text().split()[:3]
    finally:
        for _, server in servers.values():
            server.terminate()
        for _, server in servers.values():
            server.wait(timeout=30)
        log.close()
    labels = list(dict.fromkeys(label for _, label in results))
    lines = ["| configuration | " + " | ".join(labels) + " |", "|---|" + "---:|" * len(labels)]
    for name in CONFIGS:
        cells = []
        for label in labels:
            rates = results[(name, label)]
            cells.append(f"{statistics.median(rates):,.0f} ({' / '.join(f'{r:,.0f}' for r in rates)})")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    report = "\n".join(
        [
            "# gunicorn configurations side by side",
            "",
            f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, load average before "
            f"{' '.join(loadavg_before)}, after {' '.join(loadavg_after)}. Production settings, embedded "
            f"PostgreSQL and Redis, `wrk -t{args.threads} -c{args.connections} -d{args.seconds}s`, "
            f"{args.rounds} interleaved rounds; req/s median (per round). Held requests: {args.held} "
            "connections each held open for the whole wrk run (--seconds + 8 s) on /api/bench/held (a long poll: no CPU, no database).",
            "",
            "Command: `.venv/bin/python bench/compare/gunicorn_configs.py "
            f"--seconds {args.seconds} --rounds {args.rounds} --held {args.held}`",
            "",
            *lines,
            "",
        ]
    )
    print(report)
    print(f"held requests answered: {len(held_statuses)}, statuses {sorted(set(held_statuses))}")
    if not args.no_write:
        (ROOT / "bench" / "compare" / "RESULTS-gunicorn.md").write_text(report)


if __name__ == "__main__":
    main()
