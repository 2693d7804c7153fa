"""Tests written for the mutants of leadiosa/api/schema.py that survived the area's tests
(tests/mutation/run.sh schema; the list and the equivalent ones: tests/mutation/RESULTS.md).

What the served OpenAPI document says about deprecation and idempotency: an operation is deprecated
exactly when its view says so, and only POSTs take an Idempotency-Key, once.
"""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.platform.urls")]

METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture
def spec():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def operations(spec):
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def test_an_operation_is_deprecated_exactly_when_its_view_says_so(spec):
    deprecated = sorted((path, method) for path, method, op in operations(spec) if op.get("deprecated"))
    # The test settings' one deprecated view; no view of the product is deprecated today.
    assert deprecated == [("/api/v1/_test/legacy", "get")]


def test_only_posts_take_an_idempotency_key_and_each_exactly_once(spec):
    posts = 0
    for path, method, operation in operations(spec):
        keys = [p for p in operation.get("parameters", []) if p["name"] == "Idempotency-Key"]
        assert len(keys) == (1 if method == "post" else 0), (path, method, keys)
        posts += method == "post"
    assert posts >= 10
