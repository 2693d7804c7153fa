"""A small closed-loop HTTP load generator for benchmarks (loopback only, bounded in time).

Several processes, each with a few threads, each thread sending one request at a time for a fixed
duration. Reports requests per second and latency percentiles. Shared by the benchmarks under bench/.

**Not for ratios.** It is Python, on the same cores as the server under test: it saturates itself
(about 1 400 req/s against a bare view that `wrk` drives at about 4 000 on the 2-core machine), so the
server is not the bottleneck and every ratio between two servers is compressed toward 1. Use it for
scenarios a compiled generator cannot script easily (rotating URLs, POST bodies) and read its numbers
as "at least"; every ratio of the API against a reference is measured by `bench/compare/run.py` (wrk).
Each run says so on stderr and in its `generator` field.
"""

from __future__ import annotations

import http.client
import multiprocessing
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit


@dataclass
class LoadResult:
    label: str
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]
    generator: str = "python closed loop on the server's cores (saturates itself; not for ratios)"

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, q: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))]

    def row(self) -> str:
        return (
            f"| {self.label} | {self.rps:,.0f} | {self.percentile(50):.2f} | {self.percentile(99):.2f} | "
            f"{self.requests:,} | {self.errors} |"
        )


# The generator competes with the server for the cores: label every table it produces.
HEADER = "(Python load generator on the server's cores: not for ratios; see bench/compare)\n\n| case | req/s | p50 ms | p99 ms | requests | errors |\n|---|---:|---:|---:|---:|---:|"


def _worker(url_factory_args, method, headers, body, duration, threads, queue):
    urls = url_factory_args
    deadline = time.perf_counter() + duration
    results = []
    lock = threading.Lock()

    def loop(index):
        local, errors, n = [], 0, 0
        while time.perf_counter() < deadline:
            url = urls[(index + n) % len(urls)]
            n += 1
            parts = urlsplit(url)
            assert parts.hostname in ("127.0.0.1", "localhost"), "benchmarks target loopback only"
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            started = time.perf_counter()
            try:
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                connection.close()
                ok = 200 <= response.status < 300
            except OSError:
                ok = False
            elapsed = (time.perf_counter() - started) * 1000
            if ok:
                local.append(elapsed)
            else:
                errors += 1
        with lock:
            results.append((local, errors))

    pool = [threading.Thread(target=loop, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    latencies = [x for local, _ in results for x in local]
    queue.put((latencies, sum(e for _, e in results)))


def run_load(
    label: str,
    urls: list[str],
    *,
    method: str = "GET",
    headers: dict | None = None,
    body: bytes | None = None,
    duration: float = 10.0,
    processes: int = 2,
    threads: int = 4,
) -> LoadResult:
    print(
        f"[loadgen] {label}: Python load generator on the server's cores: throughput is a lower bound "
        "and ratios compress toward 1; measure ratios with bench/compare/run.py (wrk).",
        file=sys.stderr,
    )
    queue: multiprocessing.Queue = multiprocessing.Queue()
    started = time.perf_counter()
    procs = [
        multiprocessing.Process(
            target=_worker, args=(urls, method, headers or {}, body, duration, threads, queue)
        )
        for _ in range(processes)
    ]
    for proc in procs:
        proc.start()
    collected = [queue.get(timeout=duration + 60) for _ in procs]
    for proc in procs:
        proc.join(timeout=30)
    seconds = time.perf_counter() - started
    latencies = [x for lat, _ in collected for x in lat]
    errors = sum(e for _, e in collected)
    return LoadResult(label, len(latencies), errors, min(seconds, duration + 0.5), latencies)


def median(values):
    return statistics.median(values)


ROOT = Path(__file__).resolve().parent.parent


def start_gunicorn(settings_module: str, port: int, workers: int = 2) -> subprocess.Popen:
    """The product under gunicorn (sync workers) on loopback, with the given settings module."""
    return subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": settings_module},
    )


def wait_until_up(url: str, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1).read()  # noqa: S310 - loopback URL from the caller
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server at {url} did not come up")
