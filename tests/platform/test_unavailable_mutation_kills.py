"""Tests written for the mutants of leadiosa/api/unavailable.py that survived the area's tests
(tests/mutation/run.sh unavailable; the list and the equivalent ones: tests/mutation/RESULTS.md).

Which errors count as a dependency down (and so a 503, never a 500), how the cause is found in an
exception's chain, which dependency the one warning line names, and the plain 503 outside the API.
"""

from __future__ import annotations

import logging

import django.db
import kombu.exceptions
import psycopg
import pytest
import redis.exceptions
from django_redis.exceptions import ConnectionInterrupted

from leadiosa.api import unavailable
from leadiosa.api.unavailable import (
    _dependency_error_types,
    dependency_failure,
    log_unavailable,
    plain_response,
    retry_after_headers,
    which_dependency,
)

DEPENDENCY_ERRORS = {
    django.db.OperationalError,
    django.db.InterfaceError,
    psycopg.OperationalError,
    psycopg.InterfaceError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    ConnectionInterrupted,
    kombu.exceptions.OperationalError,
}


def test_the_dependency_errors_are_those_of_postgresql_redis_and_the_broker():
    assert set(_dependency_error_types()) == DEPENDENCY_ERRORS
    assert len(_dependency_error_types()) == len(DEPENDENCY_ERRORS)
    assert set(unavailable.DEPENDENCY_ERRORS) == DEPENDENCY_ERRORS


@pytest.mark.parametrize(
    ("error", "dependency"),
    [
        (redis.exceptions.ConnectionError("refused"), "redis"),
        (redis.exceptions.TimeoutError("timed out"), "redis"),
        (ConnectionInterrupted("lost"), "redis"),
        (kombu.exceptions.OperationalError("broker"), "broker"),
        (psycopg.OperationalError("refused"), "database"),
        (django.db.OperationalError("refused"), "database"),
        (django.db.InterfaceError("closed"), "database"),
    ],
)
def test_each_error_names_its_dependency(error, dependency):
    assert dependency_failure(error) is error
    assert which_dependency(error) == dependency


def _raised(outer: BaseException, inner: BaseException, *, explicit: bool) -> BaseException:
    try:
        try:
            raise inner
        except BaseException as caught:
            if explicit:
                raise outer from caught
            raise outer  # noqa: B904 - the implicit context is what is tested
    except BaseException as result:  # noqa: BLE001
        return result


@pytest.mark.parametrize("explicit", [True, False])
def test_the_cause_is_found_behind_wrappers_of_ours(explicit):
    down = redis.exceptions.ConnectionError("refused")
    wrapped = _raised(
        RuntimeError("ours"), _raised(KeyError("ours too"), down, explicit=explicit), explicit=explicit
    )
    assert dependency_failure(wrapped) is down


def test_an_explicit_cause_wins_over_the_context():
    down = psycopg.OperationalError("refused")
    error = ValueError("wrapper")
    error.__cause__ = down
    error.__context__ = KeyError("handled on the way")
    assert dependency_failure(error) is down


def test_a_chain_with_no_dependency_error_and_a_loop_ends_with_none():
    first, second = ValueError("a"), KeyError("b")
    first.__context__, second.__context__ = second, first
    assert dependency_failure(first) is None
    assert dependency_failure(None) is None
    assert dependency_failure(ValueError("alone")) is None


def test_the_warning_line_names_the_dependency_and_the_start_of_the_error(caplog):
    error = redis.exceptions.ConnectionError("x" * 300)
    with caplog.at_level(logging.WARNING, logger="leadiosa.errors"):
        log_unavailable(error, "req_abc")
    (record,) = [r for r in caplog.records if r.name == "leadiosa.errors"]
    assert (record.levelno, record.getMessage()) == (logging.WARNING, "dependency unavailable")
    assert (record.request_id, record.dependency) == ("req_abc", "redis")
    assert record.error == "ConnectionError: " + "x" * 200
    assert record.exc_info is None


def test_the_plain_503_says_to_retry_in_plain_text():
    response = plain_response()
    assert response.status_code == 503
    assert response.content == b"Service temporarily unavailable. Please retry shortly.\n"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Retry-After"] == "5"
    assert retry_after_headers() == {"Retry-After": "5"}
