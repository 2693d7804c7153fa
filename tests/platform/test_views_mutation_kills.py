"""Tests written for the mutants of leadiosa/api/views.py that survived the area's tests
(tests/mutation/run.sh views; the list and the equivalent ones: tests/mutation/RESULTS.md).

The OpenAPI document builds with no warning and no error, as `make check` requires (`spectacular
--fail-on-warn`): the generator learns each list's model from an empty queryset built in a placeholder
workspace, path parameters defaulted. A view set may not override get_queryset or get_object, and says
which. A refusal that reaches the view without a token says how to send one.
"""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.settings import spectacular_settings
from rest_framework.request import Request

from apps.audit.models import AuditEntry
from apps.workspaces.closure import workspace_close
from leadiosa.api.errors import ApiError
from leadiosa.api.views import WorkspaceAPIView, WorkspaceViewSet

pytestmark = pytest.mark.django_db


def test_the_spec_builds_without_a_warning_or_an_error():
    GENERATOR_STATS.reset()
    spec = spectacular_settings.DEFAULT_GENERATOR_CLASS().get_schema(request=None, public=True)
    assert spec["paths"]
    assert dict(GENERATOR_STATS._warn_cache) == {}
    assert dict(GENERATOR_STATS._error_cache) == {}


@pytest.mark.parametrize("forbidden", ["get_queryset", "get_object"])
def test_a_view_set_that_overrides_the_scoped_lookups_is_refused_by_name(forbidden):
    with pytest.raises(TypeError) as refused:
        type("LeakyViewSet", (WorkspaceViewSet,), {forbidden: lambda self: None})
    assert str(refused.value) == f"LeakyViewSet must not override {forbidden}; implement scoped_queryset()."


def test_a_view_set_that_implements_scoped_queryset_is_accepted():
    view_set = type("TidyViewSet", (WorkspaceViewSet,), {"scoped_queryset": lambda self: None})
    assert issubclass(view_set, WorkspaceViewSet)
    with pytest.raises(NotImplementedError):
        WorkspaceViewSet().scoped_queryset()


def test_a_refusal_without_a_token_says_how_to_send_one():
    request = Request(RequestFactory().get("/api/v1/workspace"))  # no authenticator: no token at all
    with pytest.raises(ApiError) as refused:
        WorkspaceAPIView().permission_denied(request)
    error = refused.value
    assert (error.status_hint, error.code) == (401, "missing_token")
    assert error.message == "Send your API token as 'Authorization: Bearer <token>'."


def test_a_parameter_sent_empty_is_absent_even_one_the_route_does_not_know(agent):
    """CONTRACT §1: `name=` is treated as absent, before anything reads the query (so it is not an
    unknown parameter either); the same name with a value is one."""
    assert agent.api.get("contacts?no_such_parameter=").status_code == 200
    assert agent.api.get("contacts?no_such_parameter=&limit=").status_code == 200
    refused = agent.api.get("contacts?no_such_parameter=1")
    assert refused.status_code == 400
    error = refused.json()["error"]
    assert (error["code"], error["param"]) == ("invalid_parameter", "no_such_parameter")
    assert error["message"].startswith("Unknown query parameter 'no_such_parameter'. This operation takes: ")
    assert "limit" in error["message"]


def test_a_write_to_a_closed_workspace_is_refused_on_a_plain_view_too(owner):
    """Views that are not view sets have no `action`: the closed workspace still answers its 409."""
    workspace_close(workspace_id=owner.workspace.id)
    response = owner.api.patch("widget", {"greeting": "Hi"})
    assert response.status_code == 409
    error = response.json()["error"]
    assert (error["code"], error["message"]) == (
        "workspace_closed",
        "This workspace is closed: it can be read but not changed.",
    )
    assert owner.api.get("widget").status_code == 200


def test_a_nul_is_refused_beside_a_parameter_sent_empty(agent):
    refused = agent.api.get("contacts?limit=&external_id=a%00b")
    assert refused.status_code == 400
    error = refused.json()["error"]
    assert (error["code"], error["param"], error["message"]) == (
        "invalid_parameter",
        "external_id",
        "external_id contains a NUL character.",
    )


def test_a_nul_in_a_path_id_is_that_resources_404_naming_the_id_without_it(admin):
    response = admin.api.get("contacts/ct_abc%00def")
    assert response.status_code == 404
    error = response.json()["error"]
    assert (error["code"], error["message"]) == ("contact_not_found", "Contact ct_abcdef not found.")


def test_a_nul_in_a_path_id_of_a_view_with_no_resource_of_its_own_is_no_route(admin):
    response = admin.api.post("webhooks/wh_x%00/deliveries/dl_y/retry")
    assert response.status_code == 404
    error = response.json()["error"]
    assert (error["code"], error["message"]) == ("route_not_found", "No route matches this path.")


def test_a_method_the_route_does_not_have_is_named_in_the_405(agent, anonymous):
    for client in (agent.api, anonymous):  # said before authentication
        response = client.put("contacts", {})
        assert response.status_code == 405
        error = response.json()["error"]
        assert (error["code"], error["message"]) == ("method_not_allowed", 'Method "PUT" not allowed.')


def test_a_change_through_the_api_is_audited_as_the_token_that_made_it(owner):
    response = owner.api.post("contacts", {"email": "ada@example.com"})
    assert response.status_code == 201
    entry = AuditEntry.all_workspaces.get(action="contact.created", resource_id=response.json()["id"])
    assert (entry.actor_type, entry.actor_id) == ("token", owner.token.id)
