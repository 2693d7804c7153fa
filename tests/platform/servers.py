"""Real server processes against this test run's database and Redis: gunicorn in the production shape
(production settings, DATABASE_URL and REDIS_URL, 2 workers), Celery beat, `manage.py` commands."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx
from django.conf import settings
from django.db import connection

from leadiosa.db_roles import DEFAULT_RUNTIME_ROLE

ROOT = Path(__file__).resolve().parents[2]
APPLICATION_NAME = "shape-gunicorn"
PROD_SECRET_KEY = "shape-tests-" + "k" * 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url_of_this_run(user: str | None = None) -> str:
    """This run's test database as a DATABASE_URL (the embedded server's socket directory as host), for
    `user` (default: this process's login, the owner). The embedded server trusts its socket, so the
    runtime role needs no password there."""
    params = connection.settings_dict
    host = quote(params["HOST"], safe="") if params["HOST"] else ""
    port = f":{params['PORT']}" if params["PORT"] else ""
    password = f":{quote(params['PASSWORD'])}" if params["PASSWORD"] and user is None else ""
    user = quote(user or params["USER"] or "postgres")
    return f"postgres://{user}{password}@{host}{port}/{params['NAME']}?application_name={APPLICATION_NAME}"


def production_env(**extra: str) -> dict[str, str]:
    """The environment production runs with, pointing at this test run's database and Redis."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_NAME", "CONN_MAX_AGE")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        # Production logs in as the runtime role (docker compose, the README's notes): so does this.
        DATABASE_URL=database_url_of_this_run(DEFAULT_RUNTIME_ROLE if not settings.DATABASE_URL else None),
        REDIS_URL=settings.REDIS_URL,
        REDIS_KEY_PREFIX=settings.REDIS_KEY_PREFIX,
        SECRET_KEY=PROD_SECRET_KEY,
        PUBLIC_BASE_URL="https://api.shape.test",
        ALLOWED_HOSTS="127.0.0.1,localhost",
    )
    env.update(extra)
    return env


def child_env(**extra: str) -> dict[str, str]:
    """The test settings in a child process, on this run's database (as the webhook workers do)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_NAME": connection.settings_dict["NAME"],
        **extra,
    }


def manage(*args: str) -> str:
    """`manage.py ARGS` in a subprocess on this run's database and Redis; its last output line."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip().splitlines()[-1]


class Process:
    """A child process writing to its own log file; stopped with SIGTERM (SIGKILL after 15 s)."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], log_dir: Path):
        self.log_path = log_dir / f"{name}.log"
        self.log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            argv, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def output(self) -> str:
        return self.log_path.read_text()

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.alive():
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        self.log.close()


class Gunicorn(Process):
    """gunicorn with 2 sync workers serving the product under production settings on 127.0.0.1."""

    def __init__(self, log_dir: Path, **env: str):
        self.port = free_port()
        super().__init__(
            "gunicorn",
            [
                sys.executable,
                "-m",
                "gunicorn",
                "tests.platform.probe_wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
                "--timeout",
                "60",
            ],
            production_env(**env),
            log_dir,
        )
        self.base = f"http://127.0.0.1:{self.port}"
        # TLS ends at the proxy in production; it says so with X-Forwarded-Proto.
        self.client = httpx.Client(base_url=self.base, headers={"X-Forwarded-Proto": "https"}, timeout=30)
        deadline = time.monotonic() + 60
        while True:
            if not self.alive():
                raise RuntimeError(f"gunicorn exited:\n{self.output()[-3000:]}")
            try:
                if self.client.get("/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer:\n{self.output()[-3000:]}")
            time.sleep(0.1)

    def get(self, path: str, token: str | None = None, **headers: str) -> httpx.Response:
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return self.client.get(path, headers=headers)

    def stop(self) -> None:
        self.client.close()
        super().stop()


class Beat(Process):
    def __init__(self, log_dir: Path, env: dict[str, str]):
        env = {**env, "DATABASE_USER": DEFAULT_RUNTIME_ROLE}  # as production's beat, not the owner
        super().__init__(
            "beat",
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "beat",
                "--loglevel=INFO",
                f"--schedule={log_dir / 'beat-schedule'}",
            ],
            env,
            log_dir,
        )
