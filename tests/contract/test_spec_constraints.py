"""The served spec's input patterns say exactly what the production server enforces (issue 19): for
each rule the fuzz run found the server holding alone, a value the served pattern admits is accepted
over HTTP and one it refuses is refused, by the real server under production settings."""

from __future__ import annotations

import re

import pytest

from apps.billing.models import Plan
from tests.conftest import make_persona
from tests.factories import WorkspaceFactory


def _admits(pattern: str, value: str) -> bool:
    """The pattern as a JSON Schema validator reads it: `$` ends the text (no trailing newline)."""
    return re.fullmatch(pattern.removeprefix("^").removesuffix("$"), value) is not None


@pytest.fixture
def world(server):
    plan = Plan.objects.create(id="constraints-live", name="Constraints", rate_limit_per_minute=10**6)
    owner = make_persona(WorkspaceFactory(plan=plan), "owner")
    spec = server.client.get("/api/v1/openapi.json").json()
    return server, {"Authorization": f"Bearer {owner.plaintext}"}, spec


def _schema(spec, name):
    return spec["components"]["schemas"][name]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_each_pattern_admits_what_the_server_accepts_and_refuses_what_it_refuses(world):
    server, auth, spec = world
    client = server.client

    url = _schema(spec, "WebhookCreateRequest")["properties"]["url"]["pattern"]
    for value, admitted in (
        ("https://hooks.example.com/in?token=a1", True),
        ("https://hooks.example*", False),
    ):
        assert _admits(url, value) is admitted, value
        answer = client.post("/api/v1/webhooks", json={"url": value, "events": ["*"]}, headers=auth)
        assert answer.status_code == (201 if admitted else 400), (value, answer.text)

    origin = _schema(spec, "PatchedWidgetUpdateRequest")["properties"]["allowed_origins"]["items"]["pattern"]
    for value, admitted in (
        ("https://shop.example.com:8443", True),
        ("https://shop*", False),
        (" https://a.com", False),
    ):
        assert _admits(origin, value) is admitted, value
        answer = client.patch("/api/v1/widget", json={"allowed_origins": [value]}, headers=auth)
        assert answer.status_code == (200 if admitted else 400), (value, answer.text)

    locale = _schema(spec, "ArticleCreateRequest")["properties"]["locale"]["pattern"]
    for value, admitted in (("pt-BR", True), ("en\n", False)):
        assert _admits(locale, value) is admitted, repr(value)
        body = {"title": "Shipping", "body": "Orders ship in two days.", "locale": value}
        answer = client.post("/api/v1/knowledge/articles", json=body, headers=auth)
        assert answer.status_code == (201 if admitted else 400), (value, answer.text)

    # The fuzz run's case: a host over 253 characters (Django's URLValidator refused it, the spec's
    # `format: uri` admitted it); both now read the one pattern.
    source = _schema(spec, "ArticleCreateRequest")["properties"]["source_url"]["pattern"]
    long_host = "https://" + "0" * 63 + "." + "a" * 300 + ".example/x"
    for value, admitted in ((long_host, True), ("https://help.example.com/a b", False), ("ftp://h/x", False)):
        assert _admits(source, value) is admitted, value
        body = {"title": "Shipping", "body": "Orders ship in two days.", "source_url": value}
        answer = client.post("/api/v1/knowledge/articles", json=body, headers=auth)
        assert answer.status_code == (201 if admitted else 400), (value, answer.text)

    key = next(
        p["schema"]["pattern"]
        for p in spec["paths"]["/api/v1/contacts"]["post"]["parameters"]
        if p["name"] == "Idempotency-Key"
    )
    # A client's UTF-8 or Latin-1 bytes are visible obs-text; a C1 control (here NEL) is not.
    for value, admitted in (("order-1042", True), ("clé-1042", True), ("clé\x85-1042", False)):
        assert _admits(key, value) is admitted, value
        headers = {**auth, "Idempotency-Key": value.encode("latin-1")}
        answer = client.post("/api/v1/contacts", json={"name": value}, headers=headers)
        assert answer.status_code == (201 if admitted else 400), (value, answer.text)

    events = _schema(spec, "PatchedWebhookUpdateRequest")["properties"]["events"]
    assert events["minItems"] == 1 and events["then"] == {"items": {"const": "*"}}
    hook = client.post(
        "/api/v1/webhooks", json={"url": "https://hooks.example.com/b", "events": ["*"]}, headers=auth
    ).json()
    name = events["items"]["pattern"]
    assert _admits(name, "contact.created") and not _admits(name, " contact.created")
    for value, status in (
        (["*", "*"], 200),
        (["*", "contact.created"], 400),
        ([], 400),
        (["contact.created"], 200),
        ([" contact.created"], 400),
    ):
        answer = client.patch(f"/api/v1/webhooks/{hook['id']}", json={"events": value}, headers=auth)
        assert answer.status_code == status, (value, answer.text)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_body_with_nothing_to_index_is_accepted_as_the_spec_allows(world):
    server, auth, spec = world
    body = _schema(spec, "ArticleCreateRequest")["properties"]["body"]
    assert _admits(body["pattern"], "###\n\n---") and not _admits(body["pattern"], " \n\t")
    accepted = server.client.post(
        "/api/v1/knowledge/articles", json={"title": "Rules", "body": "###\n\n---"}, headers=auth
    )
    assert accepted.status_code == 201, accepted.text
    blank = server.client.post(
        "/api/v1/knowledge/articles", json={"title": "Blank", "body": " \n\t"}, headers=auth
    )
    assert blank.status_code == 400 and blank.json()["error"]["param"] == "body"
