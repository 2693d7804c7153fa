"""One shape everywhere (issue 10): the production shape, run for real on the embedded Redis.

gunicorn with 2 workers under production settings (DATABASE_URL and REDIS_URL pointing at this run's
test database and Redis), `manage.py` in a subprocess, a real Celery worker and beat. No mocks: every
assertion is about what a client, a receiver or a log file sees.
"""

from __future__ import annotations

import importlib
import os
import socket
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.webhooks.receiver import Answer, Receiver
from tests.webhooks.workers import CeleryWorker, purge_broker

from .servers import ROOT, Beat, Gunicorn, child_env, manage, production_env

live = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def gunicorn(redis_url, tmp_path):
    server = Gunicorn(tmp_path)
    yield server
    server.stop()


def _wait_for_minute_start(margin: float = 20.0) -> None:
    """Sleep into the next one-minute rate-limit window when fewer than `margin` seconds are left."""
    left = 60 - time.time() % 60
    if left < margin:
        time.sleep(left + 0.2)


def _until_both_workers(server: Gunicorn, token: str, limit: int = 120) -> list[tuple[str, int]]:
    """Requests in parallel bursts until both gunicorn workers have answered; (pid, status) each."""
    answers: list[tuple[str, int]] = []

    def one(_):
        # Each request holds its worker 50 ms (probe_wsgi), so a burst of 8 spreads over both.
        response = server.get("/api/v1/workspace", token, **{"X-Probe-Hold": "50"})
        return response.headers["X-Served-By"], response.status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        while len({pid for pid, _ in answers}) < 2:
            assert len(answers) < limit, f"one worker answered all {len(answers)} requests"
            answers += list(pool.map(one, range(8)))
    return answers


# -- the acceptance tests of issue 10 ---------------------------------------------------------------


@live
def test_a_token_revoked_with_manage_py_is_refused_by_both_workers_at_once(owner, gunicorn):
    _wait_for_minute_start(margin=10)
    before = _until_both_workers(gunicorn, owner.plaintext)
    assert {status for _, status in before} == {200}  # both workers now hold the token in the cache

    manage("token", "revoke", owner.token.id)

    # Failed authentications count against the address's budget (60 a minute): stay well below it.
    after = _until_both_workers(gunicorn, owner.plaintext, limit=48)
    assert {status for _, status in after} == {401}
    body = gunicorn.get("/api/v1/workspace", owner.plaintext).json()
    assert body["error"]["code"] == "invalid_token"


@live
def test_320_concurrent_requests_against_a_limit_of_300_pass_exactly_300_through_two_workers(owner, gunicorn):
    assert owner.workspace.plan.rate_limit_per_minute == 300
    _wait_for_minute_start()

    def one(_):
        response = gunicorn.get("/api/v1/workspace", owner.plaintext)
        return response.headers["X-Served-By"], response.status_code

    with ThreadPoolExecutor(max_workers=32) as pool:
        answers = list(pool.map(one, range(320)))
    statuses = [status for _, status in answers]
    assert statuses.count(200) == 300
    assert statuses.count(429) == 20
    assert len({pid for pid, _ in answers}) == 2, "both workers must have served"


def _beat_sweeps(beat: Beat) -> list[float]:
    """When beat sent the webhook sweeper (epoch seconds, from its log's local timestamps)."""
    sent = []
    for line in beat.output().splitlines():
        if "Sending due task sweep-webhook-deliveries" in line:
            stamp = datetime.strptime(line[1:24], "%Y-%m-%d %H:%M:%S,%f")
            sent.append(stamp.timestamp())
    return sent


@live
def test_a_delivery_answered_503_is_retried_by_beat_and_a_worker_on_schedule(admin, settings, tmp_path):
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True  # this process creates the endpoint on 127.0.0.1
    purge_broker()
    receiver = Receiver().start()
    receiver.script.append(Answer(status=503))
    worker = CeleryWorker(settings.REDIS_URL, tmp_path, "shape").start()
    beat = Beat(tmp_path, child_env(DJANGO_SETTINGS_MODULE="tests.webhooks.worker_settings"))
    try:
        deadline = time.monotonic() + 30
        while not _beat_sweeps(beat):  # beat is up and sending the sweeper on its 5 s schedule
            assert time.monotonic() < deadline, f"beat sent no sweep:\n{beat.output()[-2000:]}"
            time.sleep(0.1)
        created = admin.api.post("webhooks", {"url": receiver.url, "events": ["contact.created"]})
        assert created.status_code == 201
        assert admin.api.post("contacts", {"email": "retry@example.com"}).status_code == 201
        # No other traffic from here on: only the worker and beat act.
        first, second = receiver.wait_for(2, timeout=30)
        gap = second.at - first.at
        assert 4.5 <= gap <= 15, f"the first retry came {gap:.1f} s after the 503 (schedule: 5 s)"
        assert first.headers["webhook-id"] == second.headers["webhook-id"]
        assert any(first.at < at < second.at + 1 for at in _beat_sweeps(beat)), "beat kept sweeping"
        from apps.webhooks.models import WebhookDelivery

        deadline = time.monotonic() + 10
        while WebhookDelivery.all_workspaces.get().status != "succeeded":
            assert time.monotonic() < deadline, "the delivery was not recorded as succeeded"
            time.sleep(0.1)
        assert WebhookDelivery.all_workspaces.get().attempts == 2
    finally:
        beat.stop()
        worker.stop()
        receiver.stop()


@live
def test_an_erased_contact_leaves_no_trace_in_any_log_the_run_wrote(admin, settings, tmp_path):
    """Every log file: gunicorn (with the app's JSON request log), the worker, beat, the embedded
    PostgreSQL's log (what this test added to it) and the embedded Redis's."""
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
    purge_broker()
    marker = uuid.uuid4().hex[:10]
    email, name, phone = (
        f"erase-{marker}@example.com",
        f"Zelda {marker} Quill",
        f"+4930{int(marker, 16) % 10**8:08d}",
    )
    pg_log = _postgres_log()
    pg_offset = pg_log.stat().st_size if pg_log else 0
    receiver = Receiver().start()
    worker = CeleryWorker(settings.REDIS_URL, tmp_path, "erase").start()
    beat = Beat(tmp_path, child_env(DJANGO_SETTINGS_MODULE="tests.webhooks.worker_settings"))
    server = Gunicorn(tmp_path)
    try:
        assert admin.api.post("webhooks", {"url": receiver.url, "events": ["*"]}).status_code == 201
        contact = server.client.post(
            "/api/v1/contacts",
            json={"email": email, "name": name, "phone": phone},
            headers={"Authorization": f"Bearer {admin.plaintext}"},
        )
        assert contact.status_code == 201, contact.text
        contact_id = contact.json()["id"]
        # The same e-mail again (a duplicate the database refuses), a search by e-mail, a conversation.
        again = server.client.post(
            "/api/v1/contacts",
            json={"email": email, "name": name},
            headers={"Authorization": f"Bearer {admin.plaintext}"},
        )
        assert again.status_code in (200, 409), again.text
        found = server.client.get(
            "/api/v1/contacts",
            params={"email": email},
            headers={"Authorization": f"Bearer {admin.plaintext}"},
        )
        assert found.status_code == 200
        conversation = server.client.post(
            "/api/v1/conversations",
            json={"contact_id": contact_id, "handled_by": "human", "message": {"body": f"I am {name}"}},
            headers={"Authorization": f"Bearer {admin.plaintext}"},
        )
        assert conversation.status_code == 201, conversation.text
        receiver.wait_for(3, timeout=30)  # contact.created, conversation.created, message.created
        erased = server.client.delete(
            f"/api/v1/contacts/{contact_id}", headers={"Authorization": f"Bearer {admin.plaintext}"}
        )
        assert erased.status_code == 204, server.output()[-4000:]
        deadline = time.monotonic() + 20
        while not any('"contact.erased"' in r.body for r in receiver.requests):
            assert time.monotonic() < deadline, "contact.erased was never delivered"
            time.sleep(0.1)
    finally:
        server.stop()
        beat.stop()
        worker.stop()
        receiver.stop()

    logs = {path.name: path.read_text(errors="replace") for path in tmp_path.glob("*.log")}
    assert {"gunicorn.log", "beat.log"} <= set(logs) and any(n.startswith("celery-") for n in logs)
    assert '"path": "/api/v1/contacts"' in logs["gunicorn.log"], "the request log must be in the file"
    if pg_log is not None:
        with open(pg_log, errors="replace") as handle:
            handle.seek(pg_offset)
            logs["postgresql"] = handle.read()
    redis_log = Path(settings.DATA_DIR) / "redis" / "redis.log"
    if redis_log.exists():
        logs["redis"] = redis_log.read_text(errors="replace")
    for needle in (email, name, phone, marker):
        hits = [
            f"{file}: {line[:300]}"
            for file, text in logs.items()
            for line in text.splitlines()
            if needle in line
        ]
        assert not hits, f"{needle!r} found in the logs:\n" + "\n".join(hits)


def _postgres_log() -> Path | None:
    """The embedded PostgreSQL's log file, when this run uses the embedded server."""
    if settings.DATABASE_URL:
        return None
    path = Path(settings.DATA_DIR).resolve() / "postgres" / "log"
    return path if path.exists() else None


# -- persistent connections (issue 12) -----------------------------------------------------------------


def _gunicorn_backends() -> set[tuple[int, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, backend_start::text FROM pg_stat_activity "
            "WHERE application_name = %s AND datname = current_database()",
            ["shape-gunicorn"],
        )
        return set(cursor.fetchall())


@live
def test_requests_under_database_url_reuse_the_previous_requests_connection(owner, gunicorn):
    """Production configuration (DATABASE_URL parsed by dj_database_url, CONN_MAX_AGE from the
    environment's default): each worker keeps its one connection from request to request."""
    _wait_for_minute_start(margin=10)
    _until_both_workers(gunicorn, owner.plaintext)
    first = _gunicorn_backends()
    assert 1 <= len(first) <= 2, f"expected one open connection per worker, found {first}"
    _until_both_workers(gunicorn, owner.plaintext)
    assert _gunicorn_backends() == first, "a request opened a new connection instead of reusing one"


def _listening_sockets(port: int) -> int:
    """How many sockets listen on 127.0.0.1:`port` (/proc/net/tcp: local address in hex, state 0A)."""
    wanted = f"0100007F:{port:04X}"
    rows = Path("/proc/net/tcp").read_text().splitlines()[1:]
    return sum(1 for row in rows if row.split()[1] == wanted and row.split()[3] == "0A")


@live
def test_each_worker_listens_on_a_socket_of_its_own_so_the_kernel_spreads_connections(gunicorn):
    """gunicorn.conf.py's reuse_port: one listening socket per worker, not one shared by all, so a
    client's burst of keep-alive connections is not taken by whichever worker woke first."""
    assert _listening_sockets(gunicorn.port) == 2


@live
def test_each_worker_freezes_what_it_loaded_at_start_out_of_the_collectors_walks(gunicorn):
    """gunicorn.conf.py's post_worker_init: gc.freeze() after start-up, so a full collection no longer
    walks Django's, the apps' and the spec's objects with the GIL held."""
    frozen: dict[str, int] = {}
    deadline = time.monotonic() + 30
    while len(frozen) < 2 and time.monotonic() < deadline:
        response = gunicorn.get("/healthz", **{"X-Probe-Hold": "50"})
        frozen[response.headers["X-Served-By"]] = int(response.headers["X-Frozen-Objects"])
    assert len(frozen) == 2, "both workers should have answered"
    assert all(count > 50_000 for count in frozen.values()), frozen


def test_database_url_connections_persist_after_parsing():
    from leadiosa.database import database_settings

    config = database_settings(
        "postgres://u:p@db.example:5432/app", embedded=False, data_root=Path("/nonexistent"), conn_max_age=60
    )
    assert config["CONN_MAX_AGE"] == 60
    assert config["CONN_HEALTH_CHECKS"] is True
    assert config["ENGINE"] == "leadiosa.postgresql"  # the health check without a round trip


# -- production refuses to degrade -----------------------------------------------------------------


def _import_prod(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    """Import config.settings.prod in a fresh interpreter with only `env` set; data dir `tmp_path`."""
    clean = {k: v for k, v in production_env().items() if k in ("PATH", "HOME", "LANG")}
    clean.update(LEADIOSA_DATA_DIR=str(tmp_path), **env)
    return subprocess.run(
        [sys.executable, "-c", "import config.settings.prod"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("missing", ["DATABASE_URL", "REDIS_URL", "SECRET_KEY", "PUBLIC_BASE_URL"])
def test_production_settings_refuse_to_start_without_each_service_and_start_nothing(tmp_path, missing):
    complete = {
        "DATABASE_URL": "postgres://app@db.invalid/app",
        "REDIS_URL": "redis://redis.invalid:6379/0",
        "SECRET_KEY": "p" * 60,
        "PUBLIC_BASE_URL": "https://api.example.com",
    }
    ok = _import_prod(tmp_path, **complete)
    assert ok.returncode == 0, ok.stderr[-2000:]
    env = {k: v for k, v in complete.items() if k != missing}
    refused = _import_prod(tmp_path, **env)
    assert refused.returncode != 0
    assert "ImproperlyConfigured" in refused.stderr
    assert missing.split("_")[0].lower() in refused.stderr.lower() or "SECRET_KEY" in refused.stderr
    assert list(tmp_path.iterdir()) == [], "production settings must start no embedded server"


def test_servers_default_to_production_settings_and_manage_py_to_development():
    for module in ("config/wsgi.py", "config/asgi.py", "config/celery.py"):
        assert 'setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")' in (ROOT / module).read_text()
    assert 'setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")' in (ROOT / "manage.py").read_text()


def test_every_mode_uses_redis_and_no_task_runs_in_the_request():
    assert settings.CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://", "redis+socket://"))
    assert not getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False)
    from config.celery import app

    assert not app.conf.task_always_eager


def test_eager_tasks_is_what_a_test_asks_for(eager_tasks):
    from config.celery import app

    assert app.conf.task_always_eager


# -- the embedded Redis ----------------------------------------------------------------------------


def test_the_embedded_redis_is_shared_by_concurrent_starters_and_outlives_them(tmp_path):
    """Four processes start the embedded server at once: one server, all four talk to it, and it
    answers after they exited."""
    code = (
        "import sys, redis; from pathlib import Path; from leadiosa.embedded_redis import embedded_redis_url;"
        "url = embedded_redis_url(Path(sys.argv[1])); r = redis.Redis.from_url(url);"
        "r.incr('starters'); print(r.info('server')['process_id'])"
    )
    starters = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE, text=True
        )
        for _ in range(4)
    ]
    pids = {p.communicate(timeout=60)[0].strip() for p in starters}
    assert all(p.returncode == 0 for p in starters)
    assert len(pids) == 1, f"several servers were started: {pids}"

    from leadiosa.embedded_redis import EmbeddedRedis

    server = EmbeddedRedis(tmp_path)
    try:
        import redis

        assert server.is_running()
        assert int(redis.Redis.from_url(server.url()).get("starters")) == 4
        assert str(server.server_pid()) in pids
    finally:
        assert server.stop()
    assert not server.is_running()


def test_download_links_start_with_public_base_url_whatever_the_host_header(
    eager_tasks, owner, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_BASE_URL = "https://api.example.test"
    settings.ALLOWED_HOSTS = ["testserver", "attacker.example"]
    with django_capture_on_commit_callbacks(execute=True):
        assert owner.api.post("workspace/archive").status_code == 202
    from django.test import Client

    response = Client().get(
        "/api/v1/workspace/archive-status",
        headers={"Authorization": f"Bearer {owner.plaintext}"},
        HTTP_HOST="attacker.example",
    )
    assert response.status_code == 200, response.content
    assert response.json()["download_url"].startswith(
        "https://api.example.test/api/v1/workspace/archive/download?signature="
    )


def test_settings_have_one_configuration_mechanism():
    """config/ reads the environment only through django-environ's `env` in settings/base.py."""
    offenders = []
    for path in (ROOT / "config").rglob("*.py"):
        text = path.read_text()
        for needle in ("os.environ.get(", "os.getenv(", "getattr(settings"):
            if needle in text:
                offenders.append(f"{path.relative_to(ROOT)}: {needle}")
    assert offenders == []
    assert not hasattr(importlib.import_module("config.settings.base"), "RATE_LIMIT_DEFAULT_PER_MINUTE")


@pytest.mark.django_db
def test_password_reset_links_start_with_public_base_url_whatever_the_host_header(owner, settings):
    from django.core import mail
    from django.test import Client

    settings.PUBLIC_BASE_URL = "https://app.example.test"
    settings.ALLOWED_HOSTS = ["testserver", "attacker.example"]
    response = Client().post(
        "/password-reset/", {"email": owner.member.user.email}, HTTP_HOST="attacker.example"
    )
    assert response.status_code == 302
    [message] = mail.outbox
    [link] = [line for line in message.body.splitlines() if "/password-reset/" in line]
    assert link.startswith("https://app.example.test/password-reset/")
    assert "attacker.example" not in message.body


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_embedded_postgresql_logs_failing_statements_without_their_values():
    """A unique violation and a failing statement carrying a value: the error is logged, the value not
    (log_error_verbosity=terse drops DETAIL, log_min_error_statement=panic drops STATEMENT)."""
    from django.db import DatabaseError, transaction

    log = _postgres_log()
    if log is None:
        pytest.skip("DATABASE_URL names a server this run does not configure")
    marker = f"secret-{uuid.uuid4().hex}"
    offset = log.stat().st_size
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE shape_unique (value text UNIQUE)")
        cursor.execute("INSERT INTO shape_unique VALUES (%s)", [marker])
        with pytest.raises(DatabaseError), transaction.atomic():
            cursor.execute("INSERT INTO shape_unique VALUES (%s)", [marker])
        with pytest.raises(DatabaseError), transaction.atomic():
            cursor.execute(f"SELECT 1 / 0 WHERE '{marker}' <> ''")  # noqa: S608 - the value must reach the log
    deadline = time.monotonic() + 10
    while True:
        with open(log, errors="replace") as handle:
            handle.seek(offset)
            written = handle.read()
        if "duplicate key value" in written and "division by zero" in written:
            break
        assert time.monotonic() < deadline, "the errors never reached the embedded server's log"
        time.sleep(0.1)
    assert marker not in written


def _logins_to_the_app_database(data_dir: Path) -> list[str]:
    """The login role of every other client backend on the embedded server's `leadiosa` database."""
    import psycopg

    with psycopg.connect(host=str(data_dir), user="postgres", dbname="leadiosa", autocommit=True) as conn:
        return [
            row[0]
            for row in conn.execute(
                "SELECT usename FROM pg_stat_activity WHERE datname = 'leadiosa' "
                "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
            )
        ]


def _environment(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(item.decode(errors="replace").partition("=")[::2] for item in raw if item)


def test_make_run_refuses_a_port_already_in_use(tmp_path):
    """gunicorn's workers listen with SO_REUSEPORT, which would let a second server share the port
    silently: run.sh checks it is free before it starts anything."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            ["bash", "scripts/run.sh"],
            cwd=ROOT,
            env={**os.environ, "PORT": str(port), "LEADIOSA_DATA_DIR": str(tmp_path)},
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"Port {port} is in use" in result.stderr
    assert not (tmp_path / "postgres").exists()  # nothing was started


def test_make_run_serves_the_whole_shape_and_ctrl_c_stops_everything_it_started(tmp_path):
    """scripts/run.sh (what `make run` runs) on a data directory of its own: migrate, demo, gunicorn,
    worker and beat on freshly started embedded servers; the printed owner token works; the dashboard's
    URL and the demo people's sign-ins (development) are printed and sign in; SIGINT to the process
    group (a terminal's Ctrl-C) stops all of it, the embedded servers included."""
    import os
    import re
    import signal

    import httpx

    from leadiosa.embedded_redis import EmbeddedRedis

    from .servers import free_port

    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "DATABASE_NAME")}
    env.update(LEADIOSA_DATA_DIR=str(tmp_path), PORT=str(port), DJANGO_SETTINGS_MODULE="config.settings.dev")
    log_path = tmp_path / "run.log"
    with open(log_path, "w") as log:
        run = subprocess.Popen(
            ["bash", "scripts/run.sh"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 240
        while "Leadiosa is running" not in log_path.read_text():
            assert run.poll() is None, f"run.sh exited:\n{log_path.read_text()[-3000:]}"
            assert time.monotonic() < deadline, f"run.sh never served:\n{log_path.read_text()[-3000:]}"
            time.sleep(0.5)
        banner = log_path.read_text()
        token = re.search(r"owner token: (lds_\w+)", banner).group(1)
        assert f"http://localhost:{port}/api/v1" in banner
        assert re.search(r"admin token: lds_\w+", banner) and re.search(r"agent token: lds_\w+", banner)
        # The dashboard's URL and, in development, the demo people's sign-ins (issue 13).
        assert re.search(rf"^  Dashboard: http://localhost:{port}/login/$", banner, re.M), banner
        for role in ("owner", "admin", "agent"):
            line = rf"^  sign in as {role}: ({role}@demo\.leadiosa\.com) / (\S+)$"
            email, password = re.search(line, banner, re.M).groups()
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as browser:
                form = browser.get("/login/").text
                csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
                signed_in = browser.post(
                    "/login/", data={"csrfmiddlewaretoken": csrf, "email": email, "password": password}
                )
            assert signed_in.status_code == 302 and signed_in.headers["location"] == "/app/", role
        response = httpx.get(
            f"http://127.0.0.1:{port}/api/v1/workspace",
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        )
        assert response.status_code == 200
        # Requests run as the runtime database role: a write (row, audit entry, outbox) still works.
        created = httpx.post(
            f"http://127.0.0.1:{port}/api/v1/contacts",
            headers={"Authorization": f"Bearer {token}"},
            json={"email": "runtime-role@example.com"},
            timeout=10,
        )
        assert created.status_code == 201, created.text
        pids = {
            name: int((tmp_path / "run" / f"{name}.pid").read_text())
            for name in ("gunicorn", "worker", "beat")
        }
        # gunicorn, the worker and beat LOG IN as that role: every client of the application's database
        # but ours (gunicorn's, which just served) is leadiosa_app, never the owner; the worker and beat
        # were started with DATABASE_USER naming it (tests/security/test_process_roles.py shows that is
        # the login). (gunicorn's own environment is overwritten by its process title.)
        logins = _logins_to_the_app_database(tmp_path / "postgres")
        logins_asked = {name: _environment(pids[name]).get("DATABASE_USER") for name in ("worker", "beat")}
    finally:
        os.killpg(run.pid, signal.SIGINT)
        run.wait(120)

    def alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True

    assert not [name for name, pid in pids.items() if alive(pid)]
    assert logins and set(logins) == {"leadiosa_app"}, logins
    assert logins_asked == {"worker": "leadiosa_app", "beat": "leadiosa_app"}
    assert not EmbeddedRedis(tmp_path).is_running()
    assert not (tmp_path / "postgres" / "postmaster.pid").exists()
    assert not list((tmp_path / "run").glob("*.pid"))
    status = subprocess.run(
        [sys.executable, "scripts/embedded.py", "status"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert status.stdout.split() == ["postgres", "stopped", "redis", "stopped"]
