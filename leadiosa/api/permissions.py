"""Role × scope: each view declares the least role per action; a `read` token may only read.

A refusal says what is missing (the scope, or the least role), so an integrator knows which token to use;
it names nothing about the resource, so it reveals nothing a 404 would hide.
"""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from leadiosa.api.errors import ApiError
from leadiosa.roles import ROLE_RANK


def required_role(view, request) -> str:
    action = getattr(view, "action", None)
    roles = getattr(view, "action_roles", {}) or {}
    if action in roles:
        return roles[action]
    if request.method in SAFE_METHODS:
        return getattr(view, "read_role", "agent")
    return getattr(view, "write_role", "agent")


class RoleScopePermission(BasePermission):
    def has_permission(self, request, view):
        ctx = request.auth
        if ctx is None:
            return False  # the view answers 401 missing_token
        if request.method not in SAFE_METHODS and ctx.scope != "read_write":
            raise ApiError(
                403,
                "permission_denied",
                f"This token has the '{ctx.scope}' scope: {request.method} needs a 'read_write' token.",
            )
        needed = required_role(view, request)
        if ROLE_RANK[ctx.role] < ROLE_RANK[needed]:
            raise ApiError(
                403,
                "permission_denied",
                f"This needs the '{needed}' role or above; this token's role is '{ctx.role}'.",
            )
        return True
