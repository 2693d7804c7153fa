"""Tests written for the mutants of leadiosa/health.py that survived the area's tests
(tests/mutation/run.sh health; the list and the equivalent ones: tests/mutation/RESULTS.md).

What a load balancer and an operator see: /readyz is never cached, says when to look again only when
not ready, leaves no probe key behind in the cache, and logs which check failed and the kind of error
(never its text). Real faults only: the cache and the broker on a Redis server of the test's own, killed.
"""

from __future__ import annotations

import logging
import time

import pytest
from django.core.cache import cache
from django.test import Client

from tests.platform.test_unavailable import own_redis  # noqa: F401 - the fixture

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.platform.urls")]


def test_healthz_says_ok_and_nothing_else():
    response = Client().get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_ready_is_never_cached_and_names_no_retry_delay(caplog):
    with caplog.at_level(logging.WARNING, logger="leadiosa.health"):
        response = Client().get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "broker": "ok"}}
    assert response["Cache-Control"] == "no-store"
    assert "Retry-After" not in response
    assert [r for r in caplog.records if r.name == "leadiosa.health"] == []


def test_the_cache_probe_leaves_no_key_behind():
    assert Client().get("/readyz").status_code == 200
    assert cache.keys("readyz:*") == []


def test_not_ready_says_when_to_look_again_and_logs_which_check_failed(own_redis, caplog):  # noqa: F811
    own_redis.kill()
    with caplog.at_level(logging.WARNING, logger="leadiosa.health"):
        response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "cache": "unavailable", "broker": "unavailable"},
    }
    assert response["Retry-After"] == "5"
    assert response["Cache-Control"] == "no-store"
    records = [r for r in caplog.records if r.name == "leadiosa.health"]
    assert [(r.levelno, r.getMessage(), r.check) for r in records] == [
        (logging.WARNING, "readiness check failed", "cache"),
        (logging.WARNING, "readiness check failed", "broker"),
    ]
    # The kind of error, a class name: never its text, which can name hosts.
    # redis-py's refusal for the cache, kombu's for the broker.
    assert [r.error for r in records] == ["ConnectionError", "OperationalError"]


def test_the_cache_probe_is_a_key_of_its_own_that_expires_in_five_seconds(monkeypatch):
    """Each probe writes a key no other probe uses (two at the same instant must not read or delete each
    other's), and one a failed delete leaves behind for five seconds at most."""
    calls = []
    real_set, real_delete = cache.set, cache.delete

    def recording_set(key, value, timeout):
        calls.append(("set", key, value, timeout))
        return real_set(key, value, timeout)

    def recording_delete(key):
        calls.append(("delete", key))
        return real_delete(key)

    monkeypatch.setattr(cache, "set", recording_set)
    monkeypatch.setattr(cache, "delete", recording_delete)
    for _ in range(2):
        assert Client().get("/readyz").status_code == 200
    first, second = calls[0][1], calls[2][1]
    assert [call[0] for call in calls] == ["set", "delete", "set", "delete"]
    assert calls[0][2:] == calls[2][2:] == ("1", 5)
    assert calls[1][1] == first and calls[3][1] == second
    assert first.startswith("readyz:") and second.startswith("readyz:") and first != second


def test_a_broker_that_refuses_is_reported_at_once_not_after_retrying(own_redis):  # noqa: F811
    """One retry, no wait between: a load balancer's probe gets its answer at once when the broker is
    down (kombu would otherwise retry for up to BROKER_TIMEOUT_SECONDS, or wait seconds between tries)."""
    own_redis.kill()
    client = Client()
    client.get("/readyz")  # the first connection attempt after the kill
    started = time.monotonic()
    response = client.get("/readyz")
    elapsed = time.monotonic() - started
    assert response.json()["checks"]["broker"] == "unavailable"
    assert elapsed < 0.9, elapsed
