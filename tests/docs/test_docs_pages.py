"""The developer docs the product serves (/docs/…): every page renders from our own assets only."""

from __future__ import annotations

import re

import pytest
from django.utils.html import escape

from apps.docs.views import RESOURCES
from leadiosa.api.spec.errors import ERROR_CODES
from leadiosa.events import WEBHOOK_EVENT_TYPES

pytestmark = pytest.mark.django_db

PAGES = ["/docs/", "/docs/api/", "/docs/webhooks/", "/docs/errors/", "/docs/changelog/"] + [
    f"/docs/api/{resource}/" for resource in RESOURCES
]
ASSET = re.compile(r"""<(?:script|link|img)[^>]+(?:src|href)="([^"]+)\"""")


@pytest.mark.parametrize("path", PAGES)
def test_every_docs_page_renders_with_local_assets_only(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assets = ASSET.findall(html)
    assert assets, "a page with no stylesheet or script"
    assert [url for url in assets if not url.startswith("/")] == []
    for url in assets:  # each asset is served by us
        assert client.get(url).status_code == 200, url
    assert "cdn." not in html and "@latest" not in html
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_the_reference_loads_the_pinned_redoc_and_the_served_spec(client):
    html = client.get("/docs/api/").content.decode()
    assert '<script src="/docs/api/redoc.standalone.js">' in html
    assert "/api/v1/openapi.json" in html
    bundle = client.get("/docs/api/redoc.standalone.js").content.decode()
    assert "Redoc" in bundle and "cdn.redoc.ly" not in bundle
    assert "/static/docs/redoc-logo.svg" in bundle


def test_each_resource_page_shows_its_endpoints_fields_errors_and_examples(client):
    spec = client.get("/api/v1/openapi.json").json()
    for resource in RESOURCES:
        html = client.get(f"/docs/api/{resource}/").content.decode()
        operations = [
            (path, method, op)
            for path, item in spec["paths"].items()
            for method, op in item.items()
            if resource in op.get("tags", [])
        ]
        assert operations, resource
        for path, method, op in operations:
            assert f'id="{op["operationId"]}"' in html
            assert path in html and escape(op["summary"]) in html
            # The samples the spec publishes (x-codeSamples), printed as they are.
            for sample in op["x-codeSamples"]:
                assert escape(sample["source"]) in html, (path, method, sample["label"])
            assert f"curl -X {method.upper()}" in html
            assert "from leadiosa_sdk import Leadiosa" in html
        assert "<h3>Errors</h3>" in html and "missing_token" in html


def test_resource_page_curl_examples_carry_the_request_body(client):
    html = client.get("/docs/api/conversations/").content.decode()
    assert "-d &#x27;{&quot;contact&quot;" in html
    assert "Idempotency-Key" in html


def test_unknown_resource_is_404(client):
    assert client.get("/docs/api/widgets/").status_code == 404


def test_errors_page_lists_every_code_with_status_and_advice(client):
    html = client.get("/docs/errors/").content.decode()
    for code, error in ERROR_CODES.items():
        assert f'id="{code}"' in html
        assert f"{error.status} " in html


def test_webhooks_page_has_catalogue_payloads_verification_and_retries(client):
    html = client.get("/docs/webhooks/").content.decode()
    for event_type in WEBHOOK_EVENT_TYPES:
        assert f'id="{event_type}"' in html
    for language in ("<h3>Python</h3>", "<h3>Node.js</h3>", "<h3>Go</h3>"):
        assert language in html
    for delay in ("5 s", "5 min", "30 min", "2 h", "24 h"):
        assert delay in html
    assert "webhook-endpoint-id" in html and "GET /api/v1/events" in html
    assert '{"assignee_id": null}' in html


def test_changelog_states_the_versioning_and_deprecation_policy(client):
    html = client.get("/docs/changelog/").content.decode()
    assert "X-API-Deprecation" in html and "90 days" in html and "/api/v2" in html
