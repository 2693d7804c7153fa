"""Real Celery worker processes for end-to-end tests (Redis broker, the pytest test database)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from django.db import connection

from leadiosa.db_roles import DEFAULT_RUNTIME_ROLE

ROOT = Path(__file__).resolve().parents[2]


class CeleryWorker:
    """`celery -A config worker` (one process, solo pool) connected to this test run's database, logged
    in as the application's runtime role (as production's workers are), not as the owner."""

    def __init__(
        self,
        redis_url: str,
        log_dir: Path,
        name: str = "w",
        settings_module: str = "tests.webhooks.worker_settings",
    ):
        self.name = f"{name}-{uuid.uuid4().hex[:6]}"
        self.log_path = log_dir / f"celery-{self.name}.log"
        self.redis_url = redis_url
        self.settings_module = settings_module
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 30.0) -> CeleryWorker:
        env = {
            **os.environ,
            "DATABASE_NAME": connection.settings_dict["NAME"],
            "DJANGO_SETTINGS_MODULE": self.settings_module,
            "DATABASE_USER": DEFAULT_RUNTIME_ROLE,
            "REDIS_URL": self.redis_url,
            "TEST_DB_SUFFIX": os.environ.get("TEST_DB_SUFFIX", "webhooks"),
        }
        self.log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool=solo",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                f"{self.name}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"worker exited early:\n{self.log_path.read_text()}")
            if " ready." in self.log_path.read_text():
                return self
            time.sleep(0.1)
        raise RuntimeError(f"worker not ready in {timeout}s:\n{self.log_path.read_text()}")

    def kill(self) -> None:
        """SIGKILL: no cleanup, no acknowledgement, connections dropped mid-transaction."""
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        if getattr(self, "log", None) is not None:
            self.log.close()


def purge_broker() -> None:
    from config.celery import app

    app.control.purge()
