"""Every operation's code samples (the spec's `x-codeSamples`, also printed by /docs/api/<resource>/) do
what the operation documents: the Python sample runs with the SDK against a transport that answers with
the operation's own response example, and sends the documented method, path, parameters and body; the
curl sample says the same."""

from __future__ import annotations

import contextlib
import io
import json
import shlex
from copy import deepcopy
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest

from leadiosa.api.spec.samples import CURL_LABEL, PYTHON_LABEL, example_path

pytestmark = pytest.mark.django_db

METHODS = ("get", "post", "put", "patch", "delete")
BASE_URL = "https://leadiosa.example.com"


def _spec():
    from django.test import Client

    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def _operations():
    from apps.docs.views import served_spec  # the generator and hook GET /api/v1/openapi.json uses

    spec = served_spec()
    return [
        pytest.param(path, method, item[method], id=item[method]["operationId"])
        for path, item in spec["paths"].items()
        if not path.startswith("/api/v1/_test")
        for method in METHODS
        if method in item
    ]


@pytest.fixture(scope="module")
def spec(django_db_blocker):
    with django_db_blocker.unblock():
        return _spec()


def _samples(operation):
    return {sample["label"]: sample["source"] for sample in operation["x-codeSamples"]}


def _success(operation):
    return next((status, r) for status, r in operation["responses"].items() if status.startswith("2"))


def _body_example(operation):
    media = operation.get("requestBody", {}).get("content", {}).get("application/json")
    return media["example"] if media else None


def _required_query(operation):
    return {
        p["name"]: p["example"]
        for p in operation.get("parameters", [])
        if p["in"] == "query" and p.get("required")
    }


def test_every_operation_has_a_curl_and_a_python_sample(spec):
    count = 0
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                samples = item[method]["x-codeSamples"]
                assert [s["lang"] for s in samples] == ["Shell", "Python"], (method, path)
                assert set(_samples(item[method])) == {CURL_LABEL, PYTHON_LABEL}
                count += 1
    assert count >= 38


def _run_python_sample(path, method, operation, monkeypatch, tmp_path):
    status, response = _success(operation)
    media = next(iter(response.get("content", {})), None)
    seen = []

    def answer(request):
        seen.append(request)
        if media == "application/json":
            body = deepcopy(response["content"][media]["example"])
            if "pagination" in body:
                body["pagination"] = {"has_more": False}  # one page is enough here
            return httpx.Response(int(status), json=body)
        if media:
            return httpx.Response(
                int(status), content=b"PK\x05\x06" + b"\x00" * 18, headers={"Content-Type": media}
            )
        return httpx.Response(int(status))

    monkeypatch.setattr(httpx, "HTTPTransport", lambda *args, **kwargs: httpx.MockTransport(answer))
    monkeypatch.setenv("LEADIOSA_URL", BASE_URL)
    monkeypatch.setenv("LEADIOSA_TOKEN", "lds_sample")
    monkeypatch.chdir(tmp_path)
    source = _samples(operation)[PYTHON_LABEL]
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        exec(compile(source, f"<{operation['operationId']} sample>", "exec"), {"__name__": "sample"})  # noqa: S102
    return seen, printed.getvalue()


@pytest.mark.parametrize(("path", "method", "operation"), _operations())
def test_the_python_sample_runs_with_the_sdk_and_sends_what_the_operation_documents(
    path, method, operation, monkeypatch, tmp_path
):
    seen, printed = _run_python_sample(path, method, operation, monkeypatch, tmp_path)
    assert len(seen) == 1
    request = seen[0]
    assert request.method == method.upper()
    assert request.url.path == example_path(path)
    query = dict(parse_qsl(request.url.query.decode()))
    for name, value in _required_query(operation).items():
        assert query[name] == str(value)
    body = _body_example(operation)
    if body is not None:
        assert json.loads(request.content) == body
    else:
        assert request.content == b""
    assert ("Idempotency-Key" in request.headers) == (method == "post")
    if operation["security"]:
        assert request.headers["Authorization"] == "Bearer lds_sample"
    if _success(operation)[1].get("content", {}).get("application/json"):
        assert printed.strip()  # the parsed answer was printed


@pytest.mark.parametrize(("path", "method", "operation"), _operations())
def test_the_curl_sample_sends_what_the_operation_documents(path, method, operation):
    words = shlex.split(_samples(operation)[CURL_LABEL].replace("\\\n", " "))
    assert words[:3] == ["curl", "-X", method.upper()]
    url = urlsplit(words[3].replace("$LEADIOSA_URL", BASE_URL))
    assert url.path == example_path(path)
    assert dict(parse_qsl(url.query)) == {k: str(v) for k, v in _required_query(operation).items()}
    options = list(zip(words[4::2], words[5::2], strict=True))
    headers = [value for option, value in options if option == "-H"]
    assert ("Authorization: Bearer $LEADIOSA_TOKEN" in headers) == bool(operation["security"])
    assert ("Idempotency-Key: $(uuidgen)" in headers) == (method == "post")
    data = [value for option, value in options if option == "-d"]
    body = _body_example(operation)
    assert [json.loads(d) for d in data] == ([body] if body is not None else [])
