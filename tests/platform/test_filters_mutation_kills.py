"""Tests written for the mutants of leadiosa/api/filters.py that survived the area's tests
(tests/mutation/run.sh filters; the list and the equivalent ones: tests/mutation/RESULTS.md).

What a client reads when a filter value is refused (the parameter, then why, word for word), and that
one filter among other parameters still filters, on both lists that have filters, and so does every
filter at once. A value with two problems (no filter of the API has one yet) is told both.
"""

from __future__ import annotations

from types import SimpleNamespace

import django_filters
import pytest
from django.core.validators import RegexValidator
from django.test import RequestFactory
from rest_framework.request import Request

from apps.contacts.filters import ContactFilter
from apps.contacts.models import Contact
from leadiosa.api.errors import ApiError
from leadiosa.api.filters import TIMESTAMP_HELP, StrictFilterBackend, TimestampFormField

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


def test_every_contact_filter_at_once_still_filters(agent):
    """Each filter name present: the check for "any filter asked for" must not read "any filter absent"."""
    wanted = agent.api.post("contacts", {"email": "ada@example.com", "name": "Ada", "external_id": "ext-1"})
    other = agent.api.post(
        "contacts", {"email": "grace@example.com", "name": "Grace", "external_id": "ext-2"}
    )
    assert (wanted.status_code, other.status_code) == (201, 201)
    params = {
        "email": "ada@example.com",
        "external_id": "ext-1",
        "q": "Ada",
        "created_after": "2000-01-01T00:00:00Z",
        "updated_after": "2000-01-01T00:00:00Z",
        "updated_before": "2999-01-01T00:00:00Z",
    }
    assert set(params) == set(ContactFilter.base_filters)
    listed = agent.api.get("contacts", params).json()["data"]
    assert [c["id"] for c in listed] == [wanted.json()["id"]]


class _TwoProblems(django_filters.FilterSet):
    code = django_filters.CharFilter(max_length=3, validators=[RegexValidator(r"^\d+$", "Digits only.")])


def test_every_problem_of_a_value_is_told_one_after_the_other():
    request = Request(RequestFactory().get("/", {"code": "abcd"}))
    view = SimpleNamespace(filterset_class=_TwoProblems)
    with pytest.raises(ApiError) as refused:
        StrictFilterBackend().filter_queryset(request, Contact.all_workspaces.none(), view)
    assert (refused.value.status_hint, refused.value.code, refused.value.param) == (
        400,
        "invalid_parameter",
        "code",
    )
    assert (
        refused.value.message == "code: Digits only. Ensure this value has at most 3 characters (it has 4)."
    )


class _Counted(django_filters.FilterSet):
    """Counts how often a filter set (and its form) is built."""

    built = 0
    email = django_filters.CharFilter()

    def __init__(self, *args, **kwargs):
        type(self).built += 1
        super().__init__(*args, **kwargs)


def test_no_filter_asked_for_builds_no_filter_set_and_leaves_the_queryset_as_it_is(monkeypatch):
    """The module's promise for the hot path: a list with no filter parameter (`sort` alone, or none)
    gets its queryset back untouched, without a form being built."""
    monkeypatch.setattr(_Counted, "built", 0)
    queryset = Contact.all_workspaces.none()
    view = SimpleNamespace(filterset_class=_Counted)
    for query in ({}, {"sort": "created_at"}, {"limit": "5"}):
        request = Request(RequestFactory().get("/", query))
        assert StrictFilterBackend().filter_queryset(request, queryset, view) is queryset
    assert _Counted.built == 0
    request = Request(RequestFactory().get("/", {"email": "x"}))
    assert StrictFilterBackend().filter_queryset(request, queryset, view) is not queryset
    assert _Counted.built == 1


def test_a_view_with_no_filter_set_gets_its_queryset_back():
    queryset = Contact.all_workspaces.none()
    request = Request(RequestFactory().get("/", {"email": "x"}))
    assert StrictFilterBackend().filter_queryset(request, queryset, SimpleNamespace()) is queryset
