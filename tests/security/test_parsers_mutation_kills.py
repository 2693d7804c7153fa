"""Tests written for the mutants of leadiosa/api/parsers.py that survived the area's tests
(tests/mutation/run.sh parsers; the list and the equivalent ones: tests/mutation/RESULTS.md).

What a client sees: the exact message of each refusal of text or numbers no column can store (a NUL
and a lone surrogate are told apart, in a value and in a key), and a body of exactly 1 MiB (the most
the API takes) read whole, to its last byte.
"""

from __future__ import annotations

import pytest
from django.conf import settings

from apps.contacts.models import Contact

pytestmark = pytest.mark.django_db


def _error(response, param):
    assert response.status_code == 400, response.content[:300]
    error = response.json()["error"]
    assert error["code"] == "validation_error" and error.get("param") == param, error
    return error["message"]


@pytest.mark.parametrize(
    ("raw", "param", "message"),
    [
        ('{"name": "Ada \\u0000"}', "name", "This text contains a NUL character."),
        (
            '{"name": "Ada \\ud800"}',
            "name",
            "This text contains an unpaired UTF-16 surrogate (not a Unicode character).",
        ),
        ('{"attributes": {"k\\u0000": "v"}}', "attributes", "A key of this object contains a NUL character."),
        (
            '{"attributes": {"k\\udfff": "v"}}',
            "attributes",
            "A key of this object contains an unpaired UTF-16 surrogate (not a Unicode character).",
        ),
        ('{"attributes": {"k": 1e400}}', "attributes.k", "This number is out of range."),
    ],
)
def test_each_unstorable_value_is_refused_with_its_own_message(agent, raw, param, message):
    assert _error(agent.api.post("contacts", raw=raw), param) == message
    assert Contact.all_workspaces.count() == 0


def test_a_body_of_exactly_one_mebibyte_is_read_to_its_last_byte(agent):
    # The closing brace is the 1 048 576th byte: the body is taken (not 413), and read whole (a parser
    # reading one byte less would find no closing brace).
    head = '{"email": "big@example.com"'
    raw = head + " " * (settings.API_MAX_BODY_BYTES - len(head) - 1) + "}"
    assert len(raw.encode()) == settings.API_MAX_BODY_BYTES
    response = agent.api.post("contacts", raw=raw)
    assert response.status_code == 201, response.content[:300]
    assert response.json()["email"] == "big@example.com"


# --- nesting: the limit is 32 levels of objects or arrays, counted exactly -----------------------------


def _code(response):
    assert response.status_code == 400, response.content[:300]
    return response.json()["error"]


def test_objects_nested_past_the_limit_are_refused_like_arrays(agent):
    raw = '{"a": ' * 33 + "1" + "}" * 33
    error = _code(agent.api.post("contacts", raw=raw))
    assert error["code"] == "invalid_json"
    assert error["message"] == "The request body nests deeper than 32 levels."


def test_exactly_thirty_two_levels_reach_validation_even_with_more_brackets_around(agent):
    # 32 levels deep (the object, then 31 arrays), 33 brackets in all: scanned, and taken.
    raw = '{"attributes": ' + "[" * 31 + "]" * 31 + ', "tags": []}'
    assert _code(agent.api.post("contacts", raw=raw))["code"] == "validation_error"


def test_many_shallow_brackets_are_not_depth(agent):
    siblings = ", ".join(f'"a{i}": [], "b{i}": {{}}' for i in range(40))
    raw = '{"attributes": {' + siblings + "}}"
    assert _code(agent.api.post("contacts", raw=raw))["code"] == "validation_error"


def test_a_closed_sibling_lowers_the_depth_by_exactly_one(agent):
    # After `"a": []` the depth is back to 2; the 31 arrays of "b" then reach 33.
    raw = '{"attributes": {"a": [], "b": ' + "[" * 31 + "]" * 31 + "}}"
    error = _code(agent.api.post("contacts", raw=raw))
    assert error["code"] == "invalid_json" and "deeper than 32" in error["message"]
