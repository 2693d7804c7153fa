"""Tests written for the mutants of leadiosa/api/serializers.py that survived the area's tests
(tests/mutation/run.sh serializers; the list and the equivalent ones: tests/mutation/RESULTS.md).

What a client is told, word for word, when a body is refused: not an object, a field it may not write
(the first one alphabetically), a number where text is expected, a timestamp without an offset or not a
timestamp at all; and what it reads back: a timestamp in UTC, no null and no empty optional field.
Through the test settings' own `_test/members` endpoint, whose input serializer is strict.
"""

from __future__ import annotations

import pytest
from rest_framework import serializers

from leadiosa.api.serializers import ApiSerializer, TimestampField

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.platform.urls")]


def refusal(response) -> tuple[str | None, str]:
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    return error.get("param"), error["message"]


def test_a_body_that_is_not_an_object_is_told_so(admin):
    for raw in ("[1, 2]", '"text"', "12"):
        assert refusal(admin.api.post("_test/members", raw=raw)) == (None, "The body must be a JSON object.")


def test_the_first_unknown_field_alphabetically_is_named(admin):
    body = {"email": "a@b.co", "zeta": 1, "alpha": 2, "mu": 3}
    assert refusal(admin.api.post("_test/members", body)) == ("alpha", "'alpha' is not a writable field.")


@pytest.mark.parametrize("value", [12, 1.5, True, ["a@b.co"], {"email": "a@b.co"}])
def test_anything_but_text_for_a_text_field_is_refused(admin, value):
    assert refusal(admin.api.post("_test/members", {"email": value})) == ("email", "Must be a string.")


def test_a_nested_text_field_is_checked_too(admin):
    body = {"email": "a@b.co", "address": {"city": 7}}
    assert refusal(admin.api.post("_test/members", body)) == ("address.city", "Must be a string.")


def test_null_for_a_text_field_is_drfs_own_refusal_not_a_type_error(admin):
    param, message = refusal(admin.api.post("_test/members", {"email": None}))
    assert (param, message) == ("email", "This field may not be null.")


def test_a_field_that_is_not_text_takes_its_own_type(admin):
    response = admin.api.post("_test/members", {"email": "typed@example.com", "slow": False, "role": "agent"})
    assert response.status_code == 201, response.content


@pytest.mark.parametrize(
    ("since", "message"),
    [
        (
            "yesterday",
            "Expected an ISO-8601 timestamp with a time zone offset, e.g. 2026-05-12T07:28:25.901Z.",
        ),
        ("2026-05-12T07:28:25", "The timestamp needs a time zone offset, e.g. 2026-05-12T07:28:25Z."),
    ],
)
def test_a_timestamp_without_an_offset_or_not_one_at_all_is_refused_with_why(admin, since, message):
    body = {"email": "a@b.co", "since": since}
    assert refusal(admin.api.post("_test/members", body)) == ("since", message)


def test_a_timestamp_with_an_offset_is_read_as_that_instant(admin):
    response = admin.api.post(
        "_test/members", {"email": "when@example.com", "since": "2026-05-12T09:28:25+02:00"}
    )
    assert response.status_code == 201, response.content
    assert response.json()["since"] == "2026-05-12T07:28:25+00:00"
    assert response.json()["created_at"].endswith("Z")


class _Shape(ApiSerializer):
    name = serializers.CharField(required=False, allow_null=True)
    tags = serializers.ListField(child=serializers.CharField(), required=False)
    note = serializers.CharField(required=False, allow_blank=True)
    count = serializers.IntegerField(required=False, allow_null=True)
    at = TimestampField(required=False)

    class Meta:
        optional_fields = ("tags", "note")


def test_no_null_and_no_empty_optional_field_is_written():
    assert _Shape({"name": None, "tags": [], "note": "", "count": 0}).data == {"count": 0}
    assert _Shape({"name": "", "tags": ["a"], "note": "n", "count": None}).data == {
        "name": "",
        "tags": ["a"],
        "note": "n",
    }


class _NoMeta(ApiSerializer):
    name = serializers.CharField(required=False, allow_null=True, allow_blank=True)


class _MetaWithoutOptionals(ApiSerializer):
    name = serializers.CharField(required=False, allow_null=True, allow_blank=True)

    class Meta:
        ref_name = "Plain"


@pytest.mark.parametrize("shape", [_NoMeta, _MetaWithoutOptionals])
def test_without_optional_fields_only_null_is_left_out(shape):
    assert shape({"name": None}).data == {}
    assert shape({"name": ""}).data == {"name": ""}
