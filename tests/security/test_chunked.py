"""A chunked request body (`Transfer-Encoding: chunked`) is answered 411 length_required, never ignored.

gunicorn de-chunks the body (wsgi.input_terminated) but passes no CONTENT_LENGTH, and Django reads a
body without one as empty: `POST …/notes` answered "body: This field is required." as if nothing had
been sent. Tested over a real gunicorn, as clients send it, and through the test client.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def gunicorn(tmp_path):
    port = free_port()
    log = open(tmp_path / "gunicorn.log", "w")  # noqa: SIM115 - closed below
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_NAME": connection.settings_dict["NAME"],
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError((tmp_path / "gunicorn.log").read_text())
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(10)
        log.close()


def raw_request(port: int, head: str, body: bytes = b"") -> tuple[int, dict, bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(head.replace("\n", "\r\n").encode() + b"\r\n" + body)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    header_blob, _, payload = data.partition(b"\r\n\r\n")
    lines = header_blob.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    if headers.get("transfer-encoding") == "chunked":  # de-chunk the response
        out, rest = b"", payload
        while rest:
            size_line, _, rest = rest.partition(b"\r\n")
            size = int(size_line, 16)
            if size == 0:
                break
            out, rest = out + rest[:size], rest[size + 2 :]
        payload = out
    return status, headers, payload


def chunked(data: bytes, size: int = 7) -> bytes:
    parts = [data[i : i + size] for i in range(0, len(data), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n\r\n"


def head(method: str, path: str, token: str, extra: str) -> str:
    return (
        f"{method} {path} HTTP/1.1\nHost: localhost\nAuthorization: Bearer {token}\n"
        f"Content-Type: application/json\nConnection: close\n{extra}"
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_chunked_body_over_gunicorn_is_length_required(gunicorn, agent):
    conversation = agent.api.post("conversations", {"contact": {"email": "ada@example.com"}}).json()
    path = f"/api/v1/conversations/{conversation['id']}/notes"
    body = json.dumps({"body": "called back, all good"}).encode()

    status, headers, payload = raw_request(
        gunicorn, head("POST", path, agent.plaintext, "Transfer-Encoding: chunked\n"), chunked(body)
    )
    assert status == 411, payload
    error = json.loads(payload)["error"]
    assert error["code"] == "length_required"
    assert error["request_id"] == headers["x-request-id"]
    assert agent.api.get(path).json()["data"] == []

    # The same body with a Content-Length goes through the same server.
    status, _, payload = raw_request(
        gunicorn, head("POST", path, agent.plaintext, f"Content-Length: {len(body)}\n"), body
    )
    assert status == 201, payload
    assert [note["body"] for note in agent.api.get(path).json()["data"]] == ["called back, all good"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_chunked_body_of_any_size_is_refused_before_it_is_read(gunicorn, agent):
    body = b'{"name": "' + b"x" * (2 * 1024 * 1024) + b'"}'
    status, _, payload = raw_request(
        gunicorn, head("POST", "/api/v1/contacts", agent.plaintext, "Transfer-Encoding: chunked\n"),
        chunked(body, 65536),
    )  # fmt: skip
    assert status == 411, payload
    assert json.loads(payload)["error"]["code"] == "length_required"


def test_transfer_encoding_without_length_is_refused_in_process(agent):
    response = agent.api.post(
        "contacts", {"name": "Ada"}, HTTP_TRANSFER_ENCODING="chunked", CONTENT_LENGTH=""
    )
    assert response.status_code == 411
    assert response.json()["error"]["code"] == "length_required"
    assert response.json()["error"]["request_id"] == response["X-Request-Id"]
