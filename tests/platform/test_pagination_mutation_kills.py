"""Tests written for the mutants of leadiosa/api/pagination.py that survived the area's tests
(tests/mutation/run.sh pagination; the list and the equivalent ones: tests/mutation/RESULTS.md).

What a client sees: the served spec's description of every list (the page object and the limit and
after parameters, which generated SDKs are built from), and the refusals of bad limit, sort and cursor
values with their messages.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema

from apps.workspaces.models import Member
from leadiosa.api.pagination import KeysetPagination
from leadiosa.api.views import WorkspaceAPIView
from tests.platform import urls as platform_urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


LISTS = ["/api/v1/contacts", "/api/v1/conversations", "/api/v1/webhooks", "/api/v1/events"]


@pytest.mark.parametrize("path", LISTS)
def test_the_spec_describes_each_lists_page_and_its_limit_and_after(spec, path):
    operation = spec["paths"][path]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert parameters["limit"]["in"] == "query" and parameters["limit"]["required"] is False
    assert parameters["limit"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 100, "default": 25}
    assert parameters["after"]["in"] == "query" and parameters["after"]["required"] is False
    assert parameters["after"]["schema"]["type"] == "string"
    reference = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    page = spec["components"]["schemas"][reference.rsplit("/", 1)[1]]
    assert page["type"] == "object"
    assert page["required"] == ["data", "pagination"]
    assert page["properties"]["data"]["type"] == "array"
    assert page["properties"]["pagination"]["$ref"] == "#/components/schemas/Pagination"
    assert page["properties"]["pagination"]["description"]


@pytest.mark.parametrize("limit", ["0", "101", "-1", "1.5", "ten", " 5", "+5", "1_0", "٥"])
def test_a_limit_out_of_range_or_not_ascii_digits_is_refused_with_its_range(agent, limit):
    response = agent.api.get("contacts", {"limit": limit})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter"
    assert error["param"] == "limit"
    assert error["message"] == "limit must be an integer from 1 to 100."


@pytest.mark.parametrize("limit", ["1", "100"])
def test_the_limits_at_both_ends_are_taken(agent, limit):
    for n in range(2):
        agent.api.post("contacts", {"name": f"c{n}"})
    body = agent.api.get("contacts", {"limit": limit}).json()
    assert len(body["data"]) == min(int(limit), 2)
    assert body["pagination"]["has_more"] is (limit == "1")


def test_an_unknown_sort_is_refused_with_the_orders_there_are(agent):
    response = agent.api.get("contacts", {"sort": "name"})
    assert response.status_code == 400
    assert response.json()["error"] == {
        "code": "invalid_parameter",
        "message": "sort must be one of created_at, -created_at, updated_at, -updated_at.",
        "param": "sort",
        "request_id": response["X-Request-Id"],
    }


@pytest.mark.parametrize("sort", ["created_at", "-created_at", "updated_at", "-updated_at"])
def test_a_cursor_is_bound_to_its_order(agent, sort):
    for n in range(3):
        agent.api.post("contacts", {"name": f"c{n}"})
    first = agent.api.get("contacts", {"limit": 1, "sort": sort}).json()
    cursor = first["pagination"]["next_cursor"]
    assert agent.api.get("contacts", {"limit": 1, "sort": sort, "after": cursor}).status_code == 200
    for other in {"created_at", "-created_at", "updated_at", "-updated_at"} - {sort}:
        refused = agent.api.get("contacts", {"limit": 1, "sort": other, "after": cursor})
        assert refused.status_code == 400, other
        assert refused.json()["error"]["code"] == "invalid_cursor"


class AscendingMembers(WorkspaceAPIView):
    """A list through `paginate_queryset` that reads oldest first (`page_ascending`), as a thread does."""

    page_ascending = True

    @extend_schema(parameters=[OpenApiParameter("limit", int), OpenApiParameter("after", str)])
    def get(self, request):
        paginator = KeysetPagination()
        page = paginator.paginate_queryset(Member.objects.all(), request, view=self)
        return paginator.get_paginated_response([{"id": member.id} for member in page])


urlpatterns = [path("api/v1/_test/members-ascending", AscendingMembers.as_view()), *platform_urls.urlpatterns]
handler404 = platform_urls.handler404
handler500 = platform_urls.handler500


@pytest.mark.urls(__name__)
def test_a_list_that_reads_oldest_first_pages_oldest_first(workspace, admin):
    """`sort_order` keeps a view's `page_ascending` (and offers no ?sort= to a view that is not
    sortable): every page is oldest first and the cursor goes on forwards."""
    for n in range(4):
        admin.api.post("_test/members", {"email": f"m{n}@example.com"})
    expected = list(Member.all_workspaces.filter(workspace=workspace).order_by("created_at", "id"))
    seen, params = [], {"limit": 2}
    while True:
        body = admin.api.get("_test/members-ascending", params).json()
        seen += [member["id"] for member in body["data"]]
        if not body["pagination"]["has_more"]:
            break
        params = {"limit": 2, "after": body["pagination"]["next_cursor"]}
    assert seen == [member.id for member in expected]
    assert len(seen) >= 5


def test_a_cursor_of_one_list_is_refused_on_another(agent):
    """`list_key` names the list (its view): a cursor from the contacts is refused on the conversations
    (same order, same workspace), and one from a thread's messages on the same thread's notes."""
    conversation = agent.api.post("conversations", {"contact": {"email": "lists@example.com"}}).json()
    agent.api.post("conversations", {"contact": {"email": "lists-2@example.com"}})
    agent.api.post("contacts", {"name": "third"})
    for n in range(2):
        agent.api.post(f"conversations/{conversation['id']}/messages", {"body": f"message {n}"})
        agent.api.post(f"conversations/{conversation['id']}/notes", {"body": f"note {n}"})
    contacts_cursor = agent.api.get("contacts", {"limit": 1}).json()["pagination"]["next_cursor"]
    refused = agent.api.get("conversations", {"limit": 1, "after": contacts_cursor})
    assert refused.status_code == 400
    assert refused.json()["error"]["code"] == "invalid_cursor"
    thread = f"conversations/{conversation['id']}"
    messages_cursor = agent.api.get(f"{thread}/messages", {"limit": 1}).json()["pagination"]["next_cursor"]
    assert agent.api.get(f"{thread}/messages", {"after": messages_cursor}).status_code == 200
    refused = agent.api.get(f"{thread}/notes", {"after": messages_cursor})
    assert refused.status_code == 400
    assert refused.json()["error"]["code"] == "invalid_cursor"
