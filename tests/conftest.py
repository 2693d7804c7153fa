"""Personas and clients shared by every test.

Each test gets a workspace with an owner, an admin and an agent (each with a read_write token), a
read-only agent token, and a stranger: the owner of a second workspace. Tests drive the API through the
whole request path (middleware, auth, rate limit, views) with JSON bodies, as clients do.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
from dataclasses import dataclass
from functools import cached_property

import pytest
from celery.signals import task_postrun, task_prerun
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from apps.workspaces.models import ApiToken, Member, Workspace
from apps.workspaces.services import token_create
from leadiosa import events
from leadiosa.db_roles import running_as
from tests.factories import MemberFactory, WorkspaceFactory


def pytest_collection_modifyitems(items):
    """Every `transaction=True` test must also ask for `serialized_rollback=True`.

    A transactional test ends by emptying every table; without serialized rollback the rows that data
    migrations seeded (plans, content types) are gone for the next test, or re-created in a way that
    clashes with the serialized copy another test restores. Failing at collection says so at once.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            raise pytest.UsageError(
                f"{item.nodeid}: use @pytest.mark.django_db(transaction=True, serialized_rollback=True)"
            )


class ApiClient:
    """A JSON client that authenticates as one token."""

    def __init__(self, token: str | None):
        self.token = token
        self._per_thread = threading.local()

    @property
    def client(self) -> Client:
        # One Django test Client per thread: a Client is not thread-safe (its handler loads the
        # middleware on first use, it keeps the last exception), and concurrency tests share a persona.
        client = getattr(self._per_thread, "client", None)
        if client is None:
            client = self._per_thread.client = Client()
        return client

    def _headers(self, headers):
        merged = {}
        if self.token:
            merged["Authorization"] = f"Bearer {self.token}"
        merged.update(headers or {})
        return merged

    # `extra` are WSGI environ entries, e.g. REMOTE_ADDR="203.0.113.5".
    def get(self, path, params=None, headers=None, **extra):
        return self.client.get(_api(path), params or {}, headers=self._headers(headers), **extra)

    def post(self, path, body=None, headers=None, raw=None, content_type="application/json", **extra):
        return self._write(self.client.post, path, body, headers, raw, content_type, extra)

    def patch(self, path, body=None, headers=None, raw=None, content_type="application/json", **extra):
        return self._write(self.client.patch, path, body, headers, raw, content_type, extra)

    def put(self, path, body=None, headers=None, raw=None, content_type="application/json", **extra):
        return self._write(self.client.put, path, body, headers, raw, content_type, extra)

    def delete(self, path, headers=None, **extra):
        return self.client.delete(_api(path), headers=self._headers(headers), **extra)

    def _write(self, method, path, body, headers, raw, content_type, extra):
        data = raw if raw is not None else json.dumps(body if body is not None else {})
        return method(_api(path), data, content_type=content_type, headers=self._headers(headers), **extra)


def _api(path: str) -> str:
    """`conversations?x=1` means /api/v1/conversations?x=1; a path starting with / is taken as is."""
    return path if path.startswith("/") else "/api/v1/" + path


@dataclass
class Persona:
    workspace: Workspace
    member: Member
    token: ApiToken
    plaintext: str

    @cached_property
    def api(self) -> ApiClient:
        # One client per persona: a Django test Client builds its handler (every middleware) on its
        # first request, which costs more than the request itself.
        return ApiClient(self.plaintext)

    @property
    def user_id(self) -> str:
        return self.member.user_id


def waiting_on_a_lock() -> int:
    """How many other sessions of this test database wait on a lock (a race test holds one open until
    the other side waits on it)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def hold_then_wait_on_it(hold, held: threading.Event, release: threading.Event, waiter) -> bool:
    """Runs `hold` in a thread until it sets `held`, then `waiter` in another; once the waiter waits on a
    row lock (or 20 s have passed), sets `release` and joins both. Returns whether the waiter waited."""
    holding = threading.Thread(target=hold)
    holding.start()
    assert held.wait(20)
    waiting = threading.Thread(target=waiter)
    waiting.start()
    deadline = time.monotonic() + 20
    while not waiting_on_a_lock() and time.monotonic() < deadline:
        time.sleep(0.05)
    waited = bool(waiting_on_a_lock())
    release.set()
    holding.join(30)
    waiting.join(30)
    return waited


def make_persona(
    workspace: Workspace, role: str, scope: str = "read_write", member: Member | None = None
) -> Persona:
    member = member or MemberFactory(workspace=workspace, role=role)
    token, plaintext = token_create(member=member, role=role, scope=scope, name=f"{role}-{scope}")
    return Persona(workspace=workspace, member=member, token=token, plaintext=plaintext)


@pytest.fixture
def workspace(db) -> Workspace:
    return WorkspaceFactory(name="Acme")


@pytest.fixture
def owner(workspace) -> Persona:
    return make_persona(workspace, "owner")


@pytest.fixture
def admin(workspace) -> Persona:
    return make_persona(workspace, "admin")


@pytest.fixture
def agent(workspace) -> Persona:
    return make_persona(workspace, "agent")


@pytest.fixture
def reader(workspace) -> Persona:
    """An agent's read-only token."""
    return make_persona(workspace, "agent", scope="read")


@pytest.fixture
def other_workspace(db) -> Workspace:
    return WorkspaceFactory(name="Globex")


@pytest.fixture
def stranger(other_workspace) -> Persona:
    """The owner of a second workspace: must never see anything of the first."""
    return make_persona(other_workspace, "owner")


@pytest.fixture
def personas(owner, admin, agent, reader) -> dict[str, Persona]:
    return {"owner": owner, "admin": admin, "agent": agent, "reader": reader}


@pytest.fixture
def anonymous() -> ApiClient:
    return ApiClient(None)


def redis_url_or_fail() -> str:
    """This run's Redis (embedded unless REDIS_URL names one), answering: a test that needs it fails in
    CI (CI=true) when it does not answer, and skips elsewhere."""
    import redis
    from django.conf import settings

    url = settings.REDIS_URL
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        problem = f"Redis at {url} is unreachable: {exc}"
        if os.environ.get("CI") == "true":
            pytest.fail(problem)
        pytest.skip(problem)
    return url


@pytest.fixture
def no_dns(monkeypatch) -> None:
    """Webhook deliveries (eager in tests) fail at once: no receiver's name resolves."""
    from apps.webhooks import network

    def resolve(hostname, port):
        raise OSError("no DNS in tests")

    monkeypatch.setattr(network, "resolve", resolve)


@pytest.fixture
def redis_url() -> str:
    return redis_url_or_fail()


def _delete_run_keys() -> None:
    """Drop every key this run wrote (cache, counters, broker queues): all live under its prefix."""
    from django.conf import settings
    from django_redis import get_redis_connection

    connection = get_redis_connection("default")
    batch = []
    for key in connection.scan_iter(match=f"{settings.REDIS_KEY_PREFIX}:*", count=1000):
        batch.append(key)
        if len(batch) >= 1000:
            connection.delete(*batch)
            batch.clear()
    if batch:
        connection.delete(*batch)


@pytest.fixture(scope="session", autouse=True)
def _redis_of_this_run():
    """Start from an empty key space (a crashed run's queued tasks are not ours) and leave none."""
    redis_url_or_fail()
    _delete_run_keys()
    yield
    _delete_run_keys()


# Rows that data migrations seed (plans, content types), as Django serialized them when it created the
# test database; a transactional test with serialized_rollback=True reloads them before it runs.
_SERIALIZED_ROWS: dict[str, str] = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from django.db import connections

    with django_db_blocker.unblock():
        _reseed_a_reused_database()
    for conn in connections.all(initialized_only=True):
        if hasattr(conn, "_test_serialized_contents"):
            _SERIALIZED_ROWS[conn.alias] = conn._test_serialized_contents
    return django_db_setup


def _reseed_a_reused_database() -> None:
    """Under --reuse-db the database is kept between runs, and a transactional test at the end of the
    previous run flushed every table, the plans the data migration seeds included; migrate (already
    applied) does not seed them again. Seed them, and serialize again, so a reused database starts like
    a new one. A new database already has them: nothing happens."""
    import importlib

    from django.apps import apps
    from django.db import connections

    from apps.billing.models import Plan

    if Plan.objects.exists():
        return
    importlib.import_module("apps.billing.migrations.0001_initial").seed_plans(apps, None)
    for conn in connections.all(initialized_only=True):
        if hasattr(conn, "_test_serialized_contents"):
            conn._test_serialized_contents = conn.creation.serialize_db_to_string()


@pytest.fixture(autouse=True)
def _serialized_rows_survive_a_new_connection_object(request):
    """Give serialized rollback its rows back when the ORM's connection object is not the one Django
    serialized into.

    Django keeps the serialized rows on the connection object, and connection objects live in asgiref's
    context-local storage: once Playwright's sync API has switched contexts (browser tests), the ORM hands
    out a fresh object without them, and a transactional test would silently start with no plans.
    """
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("serialized_rollback")):
        return
    from django.db import connections

    missing = {}
    for alias, rows in _SERIALIZED_ROWS.items():
        if not hasattr(connections[alias], "_test_serialized_contents"):
            connections[alias]._test_serialized_contents = rows
            missing[alias] = rows
    request.getfixturevalue("_django_db_helper")
    for alias, rows in missing.items():
        # The helper ran before the rows were back on the object: load them now, as it would have.
        connections[alias].creation.deserialize_db_from_string(rows)


_eager_role_scopes = threading.local()


@task_prerun.connect
def _eager_task_runs_as_the_runtime_role(task=None, **_):
    """A task run eagerly in the pytest process (`eager_tasks`) shares the owner's connection with the
    test code: its queries run as the runtime role (`SET ROLE`, as RuntimeRoleMiddleware runs the test
    client's requests), so a task the runtime role could not run in production fails here too. Real
    workers (tests/webhooks/workers.py) log in as the runtime role and never load this file."""
    if task is None or not task.request.is_eager:
        return
    scope = contextlib.ExitStack()
    scope.enter_context(running_as(settings.DATABASE_REQUEST_ROLE))
    _eager_role_scopes.__dict__.setdefault("stack", []).append(scope)


@task_postrun.connect
def _eager_task_role_ends(task=None, **_):
    if task is None or not task.request.is_eager:
        return
    stack = _eager_role_scopes.__dict__.get("stack")
    if stack:
        stack.pop().close()


@pytest.fixture
def eager_tasks():
    """Tasks run in the caller (as `.delay()` returns), for tests that assert what a task did.

    Nothing else runs tasks eagerly: without this fixture a task goes to the Redis broker, as in
    production, and only a real worker (tests/webhooks/workers.py) runs it. Like the worker, an eager
    task's queries run as the runtime role (`_eager_task_runs_as_the_runtime_role` above).
    """
    from config.celery import app

    before = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    try:
        yield
    finally:
        app.conf.task_always_eager, app.conf.task_eager_propagates = before


@pytest.fixture
def captured_events():
    """Every event emitted during the test (from any thread), in order."""
    seen: list[events.Event] = []
    lock = threading.Lock()

    def sink(event):
        with lock:
            seen.append(event)

    events.register_sink(sink)
    try:
        yield seen
    finally:
        events.unregister_sink(sink)


@pytest.fixture
def count_queries():
    """Run a request and return (response, number of SQL queries it ran)."""

    def run(call):
        with CaptureQueriesContext(connection) as ctx:
            response = call()
        return response, len(ctx.captured_queries)

    return run
