"""A dependency down answers 503 service_unavailable with Retry-After, never 500, and service comes
back by itself when the dependency does (CONTRACT §1 "Unavailable").

Real faults only: PostgreSQL is reached through a TCP proxy the test cuts (refusing new connections and
killing the open ones, as a crashed server does) and restores; Redis is a redis-server of the test's own
that it SIGKILLs and starts again on the same socket. The requests go through the whole stack: the
middleware, DRF, the exception handler and Django's handler500.
"""

from __future__ import annotations

import pytest
from django.db import close_old_connections, connections
from django.test import Client

from tests.conftest import ApiClient
from tests.faults import TcpProxy, ThrowawayRedis, postgres_target

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.urls("tests.platform.urls"),
]


class ServerLikeApiClient(ApiClient):
    """Django's test client switches off what a WSGI server does at each request's start: drop a
    connection that had errors and is no longer usable (`close_old_connections`). Do it here, so the
    recovery tested is the one a server performs."""

    def _request(self, method, *args, **kwargs):
        close_old_connections()
        return getattr(super(), method)(*args, **kwargs)

    def get(self, *args, **kwargs):
        return self._request("get", *args, **kwargs)

    def post(self, *args, **kwargs):
        return self._request("post", *args, **kwargs)


def assert_unavailable(response) -> None:
    assert response.status_code == 503, response.content
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == "service_unavailable"
    assert body["error"]["request_id"] == response["X-Request-Id"]
    assert "Traceback" not in body["error"]["message"]
    assert int(response["Retry-After"]) > 0


@pytest.fixture
def postgres(transactional_db):
    """The default connection re-pointed through a proxy the test can cut. Persistent connections with
    health checks, as production runs (CONN_MAX_AGE > 0, CONN_HEALTH_CHECKS)."""
    conn = connections["default"]
    original = dict(conn.settings_dict)
    proxy = TcpProxy(postgres_target(original)).start()
    conn.close()
    conn.settings_dict.update(
        HOST="127.0.0.1", PORT=str(proxy.port), CONN_MAX_AGE=60, CONN_HEALTH_CHECKS=True
    )
    yield proxy
    proxy.stop()
    conn.close()
    conn.settings_dict.clear()
    conn.settings_dict.update(original)


@pytest.fixture
def own_redis(settings):
    """The cache (tokens, rate limits, idempotency) on a Redis server this test owns, with the short
    client timeouts the shipped settings use."""
    server = ThrowawayRedis().start()
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": server.url,
            "KEY_PREFIX": "unavailable-test",
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
    from config.celery import app

    broker = app.conf.broker_url
    app.conf.broker_url = "redis+socket://" + str(server.socket)
    yield server
    app.conf.broker_url = broker
    server.close()


def test_postgres_down_answers_503_and_recovers_without_restart(postgres, owner):
    api = ServerLikeApiClient(owner.plaintext)
    assert api.get("conversations").status_code == 200  # a persistent connection is now open

    postgres.stop()  # the open connection is cut, new ones are refused
    for response in (
        api.get("conversations"),  # the persistent connection turns out dead at first use
        api.get("contacts"),  # and no new one can be made
        api.post("contacts", {"email": "ada@example.com"}),
        api.get("conversations"),
    ):
        assert_unavailable(response)

    postgres.start()
    response = api.post("contacts", {"email": "ada@example.com"})
    assert response.status_code == 201, response.content
    assert api.get("contacts").json()["data"][0]["email"] == "ada@example.com"


def test_postgres_down_answers_503_before_any_connection_was_made(postgres, owner):
    connections["default"].close()
    postgres.stop()
    # A token the cache does not hold yet: authentication itself needs the database.
    api = ServerLikeApiClient(owner.plaintext)
    assert_unavailable(api.get("workspace"))
    postgres.start()
    assert api.get("workspace").status_code == 200


def test_a_restart_while_the_connection_is_quiet_costs_no_request_a_503(postgres, owner):
    """The health check (leadiosa/postgresql/base.py) needs no round trip on a quiet connection, yet
    still finds one whose server went away meanwhile: the next request dials again and is answered."""
    api = ServerLikeApiClient(owner.plaintext)
    assert api.get("conversations").status_code == 200
    assert connections["default"].is_usable()  # quiet: nothing to read
    postgres.stop()  # the server goes away (its end of the connection closes) ...
    postgres.start()  # ... and comes back before the next request
    assert not connections["default"].is_usable()
    assert api.get("conversations").status_code == 200
    assert api.post("contacts", {"email": "after-restart@example.com"}).status_code == 201


def test_postgres_dying_in_the_middle_of_a_request_answers_503(postgres, owner):
    api = ServerLikeApiClient(owner.plaintext)
    assert api.post("contacts", {"email": "first@example.com"}).status_code == 201
    seen = []

    def cut_after_two(execute, sql, params, many, context):
        seen.append(sql)
        if len(seen) == 3:
            postgres.stop()  # the server goes away between this request's queries
        return execute(sql, params, many, context)

    with connections["default"].execute_wrapper(cut_after_two):
        assert_unavailable(api.post("contacts", {"email": "second@example.com"}))
    assert len(seen) >= 3
    postgres.start()
    emails = [c["email"] for c in api.get("contacts").json()["data"]]
    assert emails == ["first@example.com"]  # the interrupted write left nothing behind


def test_postgres_down_outside_the_api_is_a_plain_503(postgres):
    postgres.stop()
    browser = Client(raise_request_exception=False)
    browser.cookies["sessionid"] = "s" * 32  # the admin must read the session from the database
    response = browser.get("/admin/")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/plain")
    assert int(response["Retry-After"]) > 0
    assert b"Traceback" not in response.content


def test_readyz_names_postgres_when_it_is_down(postgres, client):
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "broker": "ok"}}

    postgres.stop()
    down = client.get("/readyz")
    assert down.status_code == 503
    assert down.json()["checks"]["database"] == "unavailable"
    assert down.json()["checks"]["cache"] == "ok"
    assert down.json()["status"] == "unavailable"

    postgres.start()
    assert client.get("/readyz").status_code == 200


def test_redis_down_fails_authentication_closed_and_recovers(own_redis, owner):
    api = owner.api
    ok = api.get("conversations")
    assert ok.status_code == 200
    assert ok["X-RateLimit-Remaining"] == str(int(ok["X-RateLimit-Limit"]) - 1)

    own_redis.kill()
    # Without Redis no request can be counted or a revocation seen: refuse rather than let it through.
    assert_unavailable(api.get("conversations"))
    assert_unavailable(api.post("contacts", {"email": "grace@example.com"}))
    assert_unavailable(ApiClient("lds_" + "x" * 40).get("conversations"))  # even a malformed token
    assert_unavailable(api.post("contacts", {"email": "x@example.com"}, headers={"Idempotency-Key": "k1"}))

    own_redis.start()  # an empty server on the same socket: the client reconnects by itself
    again = api.get("conversations")
    assert again.status_code == 200
    assert again["X-RateLimit-Remaining"] == str(int(again["X-RateLimit-Limit"]) - 1)  # a fresh window
    assert api.post("contacts", {"email": "grace@example.com"}).status_code == 201


def test_redis_down_leaves_the_public_docs_readable(own_redis, anonymous):
    own_redis.kill()
    docs = Client()
    assert docs.get("/api/v1/openapi.json").status_code == 200
    assert docs.get("/docs/api/").status_code == 200
    assert docs.get("/healthz").status_code == 200
    # A request with no token needs no Redis either: it is told what is missing.
    assert anonymous.get("conversations").status_code == 401


def test_readyz_names_redis_and_the_broker_when_redis_is_down(own_redis, client):
    assert client.get("/readyz").json()["checks"] == {"database": "ok", "cache": "ok", "broker": "ok"}
    own_redis.kill()
    down = client.get("/readyz")
    assert down.status_code == 503
    assert down.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "cache": "unavailable", "broker": "unavailable"},
    }
    own_redis.start()
    assert client.get("/readyz").status_code == 200


def test_a_crash_that_is_not_a_dependency_is_still_a_500(owner):
    response = ApiClient(owner.plaintext).get("_test/crash")
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "internal_error"
