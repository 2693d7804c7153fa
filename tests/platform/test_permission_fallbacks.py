"""Every 403 `permission_denied` of the API names what is required (issue 16): RoleScopePermission's own
refusals name the missing scope or role; the two fallbacks (a permission that returns False, reaching
ApiViewMixin.permission_denied, and a PermissionDenied raised inside a view, reaching the exception
handler) name the role and scope the request requires."""

import pytest
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.urls import path
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from config.urls import urlpatterns as real_urlpatterns
from leadiosa.api.errors import _permission_message
from leadiosa.api.permissions import RoleScopePermission
from leadiosa.api.views import WorkspaceAPIView

pytestmark = pytest.mark.urls(__name__)


class Refusing(BasePermission):
    def has_permission(self, request, view):
        return False


class RefusedByAnotherPermission(WorkspaceAPIView):
    write_role = "admin"

    def get_permissions(self):
        return (RoleScopePermission(), Refusing())

    def post(self, request):
        return Response({})  # pragma: no cover - refused before


class RaisesPermissionDenied(WorkspaceAPIView):
    read_role = "agent"

    def get(self, request):
        raise DjangoPermissionDenied


urlpatterns = [
    path("api/v1/_test/refused", RefusedByAnotherPermission.as_view()),
    path("api/v1/_test/denied", RaisesPermissionDenied.as_view()),
    *real_urlpatterns,
]


def _error(response):
    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "permission_denied"
    return error["message"]


def test_a_permission_returning_false_names_the_role_and_scope_the_request_requires(personas):
    message = _error(personas["owner"].api.post("_test/refused", {}))
    assert "'admin' role or above" in message and "'read_write' token" in message
    assert "POST /api/v1/_test/refused" in message


def test_the_fallback_names_what_the_token_lacks_first(personas):
    # RoleScopePermission runs first: an agent hears about the role, a read token about its scope.
    assert _error(personas["agent"].api.post("_test/refused", {})) == (
        "This needs the 'admin' role or above; this token's role is 'agent'."
    )
    assert "'read' scope" in _error(personas["reader"].api.post("_test/refused", {}))


def test_a_permission_denied_raised_in_a_view_names_the_requirement(personas):
    message = _error(personas["agent"].api.get("_test/denied"))
    assert "the 'agent' role or above" in message and "GET /api/v1/_test/denied" in message
    assert "read_write" not in message  # a read needs no write scope


def test_without_a_view_or_a_token_what_is_required_cannot_be_known():
    assert _permission_message({}, "generic") == "generic"
    assert _permission_message({"view": object(), "request": None}, "generic") == "generic"
