"""The database health check of leadiosa/postgresql/base.py: Django's `SELECT 1` runs only when the
connection is not quiet (something to read, a transaction open), and a quiet connection costs none.

Django's own check is counted by wrapping its method (it still runs and answers): the database is real."""

from __future__ import annotations

import socket
import time

import psycopg
import pytest
from django.db import connections, transaction
from django.db.backends.postgresql import base as django_postgresql

from leadiosa.postgresql.base import has_something_to_read

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def django_checks(monkeypatch) -> list[int]:
    """One entry per run of Django's own health check (SELECT 1), which still runs and answers."""
    runs: list[int] = []
    original = django_postgresql.DatabaseWrapper.is_usable

    def counted(self):
        runs.append(1)
        return original(self)

    monkeypatch.setattr(django_postgresql.DatabaseWrapper, "is_usable", counted)
    return runs


@pytest.fixture
def connection():
    connection = connections["default"]
    connection.ensure_connection()
    return connection


def test_a_quiet_connection_is_usable_without_a_round_trip(connection, django_checks):
    assert connection.is_usable()
    assert connection.is_usable()
    assert django_checks == []


def test_a_connection_inside_a_transaction_gets_djangos_check(connection, django_checks):
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        assert connection.is_usable()
    assert django_checks == [1]


def test_a_connection_with_something_to_read_gets_djangos_check(connection, django_checks):
    with connection.cursor() as cursor:
        cursor.execute("LISTEN health_check_test")
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("NOTIFY health_check_test")
    deadline = time.monotonic() + 5
    while not has_something_to_read(connection.connection.fileno()):
        assert time.monotonic() < deadline, "the notification never arrived"
        time.sleep(0.01)
    assert connection.is_usable()  # Django's SELECT 1 answers: the connection is fine
    assert django_checks == [1]
    with connection.cursor() as cursor:
        cursor.execute("UNLISTEN *")


def test_a_closed_connection_is_unusable_without_asking(connection, django_checks):
    connection.connection.close()
    assert not connection.is_usable()
    assert django_checks == []
    connection.close()


def test_the_check_works_on_descriptors_past_1024():
    """select() refuses them; a worker holding many client sockets reaches them."""
    held = [socket.socket() for _ in range(1030)]
    try:
        reader, writer = socket.socketpair()
        assert reader.fileno() >= 1024
        assert not has_something_to_read(reader.fileno())
        writer.send(b"x")
        assert has_something_to_read(reader.fileno())
        writer.close()
        reader.close()
    finally:
        for sock in held:
            sock.close()
