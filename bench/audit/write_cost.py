"""The audit write alone, in SQL terms: one transaction per entry, with and without the commit-time seal.

Usage (from the repository root):
    .venv/bin/python -m bench.audit.write_cost [--n 400] [--rounds 3]

Per round and case, the median wall time of `n` transactions: an empty one (SELECT 1: the floor),
one appending an audit entry with the seal trigger on (the product), and the same with the seal
trigger disabled (what sealing adds). A request that already writes pays less than this: its commit
(and WAL flush) is shared.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from bench.audit.common import make_workspace, use_bench_database


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    use_bench_database()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from apps.audit.chain import append_entry

    call_command("migrate", verbosity=0)
    workspace, _token = make_workspace(f"Bench write cost {time.time_ns()}")

    def audited():
        with transaction.atomic():
            append_entry(
                workspace_id=workspace.id,
                action="message.created",
                actor_type="token",
                actor_id="tok_bench",
                resource_type="message",
                resource_id="msg_bench",
                request_id="req_bench",
                ip="127.0.0.1",
                changes=["author", "body"],
                created_at=timezone.now(),
            )

    def empty():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT 1")

    def median_ms(fn) -> float:
        times = []
        for _ in range(args.n):
            started = time.perf_counter()
            fn()
            times.append((time.perf_counter() - started) * 1000)
        return statistics.median(times)

    for _ in range(50):
        audited()
    results = {"empty transaction": [], "entry + seal at commit": [], "entry, seal trigger off": []}
    for _ in range(args.rounds):
        results["empty transaction"].append(median_ms(empty))
        results["entry + seal at commit"].append(median_ms(audited))
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_seal")
        try:
            results["entry, seal trigger off"].append(median_ms(audited))
        finally:
            with connection.cursor() as cursor:
                cursor.execute("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_seal")
    print(json.dumps({k: [round(v, 3) for v in vs] for k, vs in results.items()}))
    for label, values in results.items():
        print(f"| {label} | {statistics.median(values):.3f} ms |")


if __name__ == "__main__":
    main()
