"""Tests written for the mutants of leadiosa/health.py that survived the area's tests
(tests/mutation/run.sh health; the list and the equivalent ones: tests/mutation/RESULTS.md).

What a load balancer and an operator see: /readyz is never cached, says when to look again only when
not ready, leaves no probe key behind in the cache, and logs which check failed and the kind of error
(never its text). Real faults only: the cache and the broker on a Redis server of the test's own, killed.
"""

from __future__ import annotations

import logging

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
    assert all(r.error.isidentifier() and r.error[0].isupper() for r in records), [r.error for r in records]
