"""Role × scope: each view declares the least role per action; a `read` token may only read."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

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
            return False
        if request.method not in SAFE_METHODS and ctx.scope != "read_write":
            return False
        return ROLE_RANK[ctx.role] >= ROLE_RANK[required_role(view, request)]
