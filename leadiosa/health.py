"""Liveness (/healthz: the process answers) and readiness (/readyz: every dependency answers).

`/readyz` checks each dependency a request or a task needs, each on its own, each bounded by a short
timeout, and names them: `{"status": "ok" | "unavailable", "checks": {"database": "ok", "cache": "ok",
"broker": "unavailable"}}`, 503 when any is down (a load balancer takes the instance out of rotation;
it comes back by itself once the dependency does). It says which dependency is down, never why: the
error text can hold host names and is logged instead.
"""

from __future__ import annotations

import logging
import time

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse

logger = logging.getLogger("leadiosa.health")

BROKER_TIMEOUT_SECONDS = 2.0


def healthz(request):
    return JsonResponse({"status": "ok"})


def _database() -> None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        # Drop the broken connection now, so the next probe dials again whatever the server around
        # this view does at request boundaries.
        if not connection.in_atomic_block:
            connection.close()
        raise


def _cache() -> None:
    probe = f"readyz:{time.monotonic_ns()}"
    cache.set(probe, "1", 5)
    try:
        if cache.get(probe) != "1":
            raise RuntimeError("the cache did not return what was just written")
    finally:
        cache.delete(probe)


def _broker() -> None:
    """The Celery broker (Redis, the same server as the cache in every shipped configuration): connect
    and, for Redis, PING, within BROKER_TIMEOUT_SECONDS."""
    from config.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(
            max_retries=1, interval_start=0, interval_step=0, timeout=BROKER_TIMEOUT_SECONDS
        )
        channel = conn.default_channel
        client = getattr(channel, "client", None)
        if client is not None:  # kombu's Redis transport
            client.ping()


CHECKS = {"database": _database, "cache": _cache, "broker": _broker}


def readyz(request):
    checks = {}
    for name, check in CHECKS.items():
        try:
            check()
            checks[name] = "ok"
        except Exception as exc:  # noqa: BLE001 - any failure means not ready
            checks[name] = "unavailable"
            logger.warning("readiness check failed", extra={"check": name, "error": type(exc).__name__})
    ready = all(value == "ok" for value in checks.values())
    response = JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503
    )
    if not ready:
        response["Retry-After"] = "5"
    response["Cache-Control"] = "no-store"
    return response
