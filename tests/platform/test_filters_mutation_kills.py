"""Tests written for the mutants of leadiosa/api/filters.py that survived the area's tests
(tests/mutation/run.sh filters; the list and the equivalent ones: tests/mutation/RESULTS.md).

What a client reads when a filter value is refused (the parameter, then why, word for word), and that
one filter among other parameters still filters, on both lists that have filters.
"""

from __future__ import annotations

import pytest

from leadiosa.api.filters import TIMESTAMP_HELP, TimestampFormField

pytestmark = pytest.mark.django_db


def refusal(response) -> tuple[str, str]:
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter"
    return error["param"], error["message"]


@pytest.mark.parametrize("path", ["conversations", "contacts"])
@pytest.mark.parametrize("value", ["yesterday", "2026-05-12T07:28:25"])
def test_a_timestamp_filter_names_itself_and_says_what_is_expected(agent, path, value):
    assert refusal(agent.api.get(path, {"created_after": value})) == (
        "created_after",
        "created_after: Expected an ISO-8601 timestamp with an offset, e.g. 2026-05-12T07:28:25Z.",
    )


def test_a_choice_filter_names_the_value_it_does_not_know(agent):
    param, message = refusal(agent.api.get("conversations", {"status": "open,bogus"}))
    assert param == "status"
    assert message == "status: Select a valid choice. bogus is not one of the available choices."


def test_one_filter_among_other_parameters_still_filters(agent):
    contact = agent.api.post("contacts", {"email": "a@example.com"}).json()["id"]
    first = agent.api.post("conversations", {"contact_id": contact}).json()["id"]
    second = agent.api.post("conversations", {"contact_id": contact}).json()["id"]
    assert agent.api.patch(f"conversations/{first}", {"status": "closed"}).status_code == 200
    listed = agent.api.get("conversations", {"status": "closed", "limit": 10}).json()["data"]
    assert [c["id"] for c in listed] == [first]
    listed = agent.api.get("conversations", {"limit": 10}).json()["data"]
    assert {c["id"] for c in listed} == {first, second}


def test_an_empty_timestamp_is_no_timestamp_and_a_bad_one_says_why():
    field = TimestampFormField(required=False)
    assert field.clean("") is None
    assert field.clean(None) is None
    with pytest.raises(Exception, match="^\\['" + TIMESTAMP_HELP.replace(".", "\\.") + "'\\]$"):
        field.clean("2026-05-12")
