"""The embedded PostgreSQL and Redis under .data/: `status`, `start` or `stop` them.

    .venv/bin/python scripts/embedded.py status          # "postgres running", "redis stopped"
    .venv/bin/python scripts/embedded.py start           # both (as any manage.py command would)
    .venv/bin/python scripts/embedded.py stop [postgres] [redis]

`make run` records which servers it had to start and stops exactly those on Ctrl-C; `make stop` does the
same for a run that crashed. Respects LEADIOSA_DATA_DIR like the settings do.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from leadiosa.embedded_redis import EmbeddedRedis  # noqa: E402

DATA_ROOT = Path(os.environ.get("LEADIOSA_DATA_DIR", ROOT / ".data"))
PGDATA = DATA_ROOT.resolve() / "postgres"


def postgres_pid() -> int | None:
    """The postmaster's pid when it runs (first line of postmaster.pid), else None."""
    try:
        pid = int((PGDATA / "postmaster.pid").read_text().splitlines()[0])
        os.kill(pid, 0)
    except (FileNotFoundError, IndexError, ValueError, ProcessLookupError, PermissionError):
        return None
    return pid


def stop_postgres(timeout: float = 20.0) -> bool:
    pid = postgres_pid()
    if pid is None:
        return False
    os.kill(pid, signal.SIGINT)  # "fast" shutdown: roll back open transactions, then exit cleanly
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    os.kill(pid, signal.SIGQUIT)
    return True


def start_both() -> None:
    from leadiosa.database import start_embedded_postgres

    start_embedded_postgres(DATA_ROOT)
    EmbeddedRedis(DATA_ROOT).ensure_running()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["status", "start", "stop"])
    parser.add_argument("servers", nargs="*", help="postgres, redis (default: both)")
    args = parser.parse_args()
    servers = args.servers or ["postgres", "redis"]
    redis = EmbeddedRedis(DATA_ROOT)
    if args.action == "status":
        print(f"postgres {'running' if postgres_pid() else 'stopped'}")
        print(f"redis {'running' if redis.is_running() else 'stopped'}")
    elif args.action == "start":
        start_both()
    else:
        if "postgres" in servers:
            print(f"postgres {'stopped' if stop_postgres() else 'was not running'}")
        if "redis" in servers:
            print(f"redis {'stopped' if redis.stop() else 'was not running'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
