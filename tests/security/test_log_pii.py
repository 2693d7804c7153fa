"""Personal data does not reach the application's logs (issue 15, part 3: the cases this issue found).

The assessment saw contact data in the error log: the crafted bodies of part 1 crashed with 500, and
the log line of a 500 carries the exception, whose PostgreSQL message quotes the refused values
(`DETAIL: Key (email)=(…) already exists`, `Failing row contains (…)`). The server logs (PostgreSQL,
gunicorn, the whole erase-then-grep run) are covered by tests/platform/test_shape.py; these cover the
application's own log records, in process, for each input that used to crash, and the formatter, and
gunicorn's access log: never switched on, and query strings sent to a real gunicorn stay out of its output.
"""

from __future__ import annotations

import json
import logging
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote, quote_plus

import psycopg
import pytest
from django.db import connection

from leadiosa.logging import JsonFormatter
from tests.platform.servers import Gunicorn

EMAIL, NAME, PHONE = "zelda.quill@example.com", "Zelda Quill", "+49301234567"


def _everything_logged(caplog) -> str:
    formatter = JsonFormatter()
    return "\n".join(formatter.format(record) for record in caplog.records)


@pytest.mark.parametrize(
    "raw",
    [
        '{"email": "%s", "name": "%s", "phone": "%s", "attributes": {"k": "\\ud800"}}',
        '{"email": "%s", "name": "%s", "phone": "%s", "attributes": {"k": 1e400}}',
        '{"email": "%s", "name": "%s \\u0000", "phone": "%s"}',
        '{"email": "%s", "name": "%s", "phone": "%s", "attributes": ' + "[" * 1500 + "]" * 1500 + "}",
    ],
)
def test_inputs_that_used_to_crash_log_no_error_and_no_contact_data(agent, caplog, raw):
    body = raw.replace("%s", EMAIL, 1).replace("%s", NAME, 1).replace("%s", PHONE, 1)
    with caplog.at_level(logging.DEBUG):
        response = agent.api.post("contacts", raw=body)
    assert response.status_code == 400
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    logged = _everything_logged(caplog)
    for value in (EMAIL, NAME, PHONE):
        assert value not in logged


def test_request_log_lines_hold_the_path_never_the_query_string(agent, caplog):
    agent.api.post("contacts", {"email": EMAIL, "name": NAME})
    with caplog.at_level(logging.DEBUG), caplog.at_level(logging.DEBUG, logger="leadiosa.request"):
        agent.api.get("contacts", {"email": EMAIL})
        agent.api.get("contacts", {"q": NAME})
        agent.api.get("workspace/archive/download", {"signature": "s3cr3t-signature"})
    logged = _everything_logged(caplog)
    assert "/api/v1/contacts" in logged
    for value in (EMAIL, NAME, "s3cr3t-signature", "zelda.quill%40example.com", "Zelda+Quill"):
        assert value not in logged


@pytest.mark.django_db
def test_a_database_error_is_logged_without_the_values_it_quotes():
    """Should anything still crash on a constraint, the log keeps the error, not the refused row."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE pii_probe (email text UNIQUE, name text NOT NULL)")
        cursor.execute("INSERT INTO pii_probe VALUES (%s, %s)", [EMAIL, NAME])
    raw = connection.connection
    failures = []
    for sql, params in (
        ("INSERT INTO pii_probe VALUES (%s, %s)", [EMAIL, NAME]),  # DETAIL: Key (email)=(…)
        ("INSERT INTO pii_probe VALUES (%s, NULL)", [PHONE]),  # DETAIL: Failing row contains (…)
    ):
        try:
            with raw.transaction():
                raw.execute(sql, params)
        except psycopg.Error:
            failures.append(sys.exc_info())
    assert len(failures) == 2
    assert EMAIL in str(failures[0][1]) and PHONE in str(failures[1][1])  # what psycopg says
    for exc_info in failures:
        record = logging.makeLogRecord(
            {"msg": "unhandled error", "levelname": "ERROR", "name": "leadiosa.errors", "exc_info": exc_info}
        )
        line = JsonFormatter().format(record)
        parsed = json.loads(line)
        assert parsed["exception"]  # the error and its traceback are still there...
        assert "violates" in parsed["exception"]
        for value in (EMAIL, NAME, PHONE):  # ...without the row's values
            assert value not in line


# -- gunicorn's access log (issue 15, part 3) ------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
ACCESS_LOG_SWITCHES = ("accesslog", "access-logfile", "access-log", "access_log", "gunicorn_cmd_args")


@pytest.mark.parametrize(
    "path",
    ["scripts/run.sh", "docker/entrypoint.sh", "gunicorn.conf.py", "docker/compose.yml", "docker/Dockerfile"],
)
def test_no_way_the_product_starts_gunicorn_turns_an_access_log_on(path):
    """gunicorn logs no access line unless told to (`accesslog`, `--access-logfile`, GUNICORN_CMD_ARGS);
    an access line carries the query string: `?email=`, `?q=<a name>`, the archive link's `?signature=`."""
    text = (ROOT / path).read_text().lower()
    assert [switch for switch in ACCESS_LOG_SWITCHES if switch in text] == []


def test_gunicorn_without_an_access_log_is_its_default():
    from gunicorn.config import Config

    assert Config().accesslog is None


def _query_string_values_reach_the_output(server: Gunicorn, token: str, marker: str) -> list[str]:
    """Sends a contact's e-mail, name and an archive signature in query strings; the values found in
    the server's output afterwards (its stdout/stderr: gunicorn's logs and the app's JSON request log)."""
    email, name, signature = f"log-{marker}@example.com", f"Quill {marker}", f"sig-{marker}"
    auth = {"Authorization": f"Bearer {token}"}
    created = server.client.post("/api/v1/contacts", json={"email": email, "name": name}, headers=auth)
    assert created.status_code == 201, created.text
    by_email = server.client.get("/api/v1/contacts", params={"email": email}, headers=auth)
    assert by_email.status_code == 200 and by_email.json()["data"], by_email.text
    by_name = server.client.get("/api/v1/contacts", params={"q": name}, headers=auth)
    assert by_name.status_code == 200, by_name.text
    download = server.client.get("/api/v1/workspace/archive/download", params={"signature": signature})
    assert download.status_code == 403, download.text
    time.sleep(0.5)  # let the workers' log lines reach the file
    output = server.output()
    assert '"path": "/api/v1/contacts"' in output  # the app's request log is in this output
    values = (email, quote(email), name, quote_plus(name), quote(name), signature)
    return [value for value in values if value in output]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_query_strings_sent_to_the_real_gunicorn_are_in_none_of_its_output(owner, tmp_path):
    server = Gunicorn(tmp_path)
    try:
        found = _query_string_values_reach_the_output(server, owner.plaintext, uuid.uuid4().hex[:10])
    finally:
        server.stop()
    assert found == []
    # The check would see them: the same requests with an access log switched on leave them in the output.
    (tmp_path / "with-access-log").mkdir()
    control = Gunicorn(tmp_path / "with-access-log", GUNICORN_CMD_ARGS="--access-logfile -")
    try:
        assert _query_string_values_reach_the_output(control, owner.plaintext, uuid.uuid4().hex[:10])
    finally:
        control.stop()
