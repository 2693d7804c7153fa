"""Tests written for the mutants of leadiosa/api/permissions.py that survived the area's tests
(tests/mutation/run.sh permissions; the list and the equivalent ones: tests/mutation/RESULTS.md).

What a client sees: each refusal's exact message (scope, least role), the per-action role of a view
(`action_roles`: deleting a contact needs an admin), a request without a token never reaching a view,
and a refusal by some other check (a view's own, or DRF's PermissionDenied raised in it) naming the role
and scope the request requires (`denial_message`, the exception handler's `_permission_message`).
"""

from __future__ import annotations

import pytest
from django.urls import path
from rest_framework import exceptions
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from leadiosa.api.views import WorkspaceAPIView
from tests.platform import urls as platform_urls

pytestmark = pytest.mark.django_db


def test_a_read_token_writing_hears_its_scope_and_the_method_exactly(reader):
    response = reader.api.post("contacts", {"email": "a@example.com"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert response.json()["error"]["message"] == (
        "This token has the 'read' scope: POST needs a 'read_write' token."
    )


def test_a_read_token_deleting_names_delete(reader, admin):
    contact = admin.api.post("contacts", {"email": "gone@example.com"}).json()
    response = reader.api.delete(f"contacts/{contact['id']}")
    assert response.status_code == 403
    assert response.json()["error"]["message"] == (
        "This token has the 'read' scope: DELETE needs a 'read_write' token."
    )


def test_a_role_refusal_is_exactly_the_least_role_and_the_tokens(agent):
    response = agent.api.get("webhooks")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert response.json()["error"]["message"] == (
        "This needs the 'admin' role or above; this token's role is 'agent'."
    )


def test_deleting_a_contact_needs_an_admin_though_writing_one_needs_an_agent(agent, admin):
    contact = agent.api.post("contacts", {"email": "keep@example.com"})
    assert contact.status_code == 201
    contact_id = contact.json()["id"]
    assert agent.api.patch(f"contacts/{contact_id}", {"name": "Kept"}).status_code == 200
    refused = agent.api.delete(f"contacts/{contact_id}")
    assert refused.status_code == 403
    assert refused.json()["error"]["message"] == (
        "This needs the 'admin' role or above; this token's role is 'agent'."
    )
    assert agent.api.get(f"contacts/{contact_id}").status_code == 200
    assert admin.api.delete(f"contacts/{contact_id}").status_code == 204


def test_an_owner_only_write_refuses_an_admin_and_lets_the_owner_through(admin, owner):
    refused = admin.api.post("workspace/close", {})
    assert refused.status_code == 403
    assert refused.json()["error"]["message"] == (
        "This needs the 'owner' role or above; this token's role is 'admin'."
    )
    # The least role itself is enough (rank equal, not only above).
    assert owner.api.get("members").status_code == 200


def test_a_request_without_a_token_never_reaches_a_view(anonymous):
    for resource in ("contacts", "conversations", "members"):
        response = anonymous.get(resource)
        assert response.status_code == 401, resource
        assert response.json()["error"]["code"] == "missing_token"


def test_endpoints_without_actions_take_the_views_read_and_write_roles(reader, agent):
    # /me and /workspace are plain API views (no viewset action): their read role applies.
    assert reader.api.get("me").status_code == 200
    assert reader.api.get("workspace").status_code == 200
    refused = agent.api.get("audit/export")
    assert refused.status_code == 403
    assert refused.json()["error"]["message"] == (
        "This needs the 'admin' role or above; this token's role is 'agent'."
    )
    refused = agent.api.patch("widget", {})
    assert refused.status_code == 403
    assert "'admin' role" in refused.json()["error"]["message"]


# --- a refusal by a check other than role and scope (none today): what the request requires ----------


class _RefusedByAnotherCheck(WorkspaceAPIView):
    read_role = "agent"
    write_role = "admin"

    def get(self, request):
        raise exceptions.PermissionDenied()

    def post(self, request):
        raise exceptions.PermissionDenied()


class _RefusedBeforeAuthentication(APIView):
    authentication_classes = ()
    permission_classes = (AllowAny,)

    def get(self, request):
        raise exceptions.PermissionDenied()


class _ObjectRefusal(WorkspaceAPIView):
    def get(self, request):
        self.permission_denied(request)
        return Response({})


urlpatterns = [
    path("api/v1/_test/refused", _RefusedByAnotherCheck.as_view()),
    path("api/v1/_test/refused-early", _RefusedBeforeAuthentication.as_view()),
    path("api/v1/_test/object-refusal", _ObjectRefusal.as_view()),
    *platform_urls.urlpatterns,
]
handler404 = platform_urls.handler404
handler500 = platform_urls.handler500


@pytest.mark.urls(__name__)
def test_a_refusal_by_another_check_names_what_the_request_requires(agent, admin):
    read = agent.api.get("_test/refused")
    assert read.status_code == 403
    assert read.json()["error"]["code"] == "permission_denied"
    assert read.json()["error"]["message"] == (
        "This request is not allowed for this token, although it has what GET /api/v1/_test/refused "
        "requires: the 'agent' role or above."
    )
    write = admin.api.post("_test/refused", {})
    assert write.json()["error"]["message"] == (
        "This request is not allowed for this token, although it has what POST /api/v1/_test/refused "
        "requires: the 'admin' role or above with a 'read_write' token."
    )
    # What the token lacks comes first, when it lacks something.
    lacking = agent.api.post("_test/refused", {})
    assert lacking.json()["error"]["message"] == (
        "This needs the 'admin' role or above; this token's role is 'agent'."
    )


@pytest.mark.urls(__name__)
def test_a_view_refusing_the_object_names_what_the_request_requires(agent):
    response = agent.api.get("_test/object-refusal")
    assert response.status_code == 403
    assert response.json()["error"]["message"] == (
        "This request is not allowed for this token, although it has what GET "
        "/api/v1/_test/object-refusal requires: the 'agent' role or above."
    )


@pytest.mark.urls(__name__)
def test_a_refusal_without_a_token_keeps_the_generic_message(anonymous):
    response = anonymous.get("/api/v1/_test/refused-early")
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "This token is not allowed to do this."
