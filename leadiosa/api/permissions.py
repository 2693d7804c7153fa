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


def required_scope(request) -> str | None:
    return None if request.method in SAFE_METHODS else "read_write"


def missing_permission(view, request) -> str | None:
    """What the calling token lacks for this request, as the 403 message says it; None when it lacks
    nothing (its role and scope are enough)."""
    ctx = request.auth
    if required_scope(request) and ctx.scope != "read_write":
        return f"This token has the '{ctx.scope}' scope: {request.method} needs a 'read_write' token."
    needed = required_role(view, request)
    if ROLE_RANK[ctx.role] < ROLE_RANK[needed]:
        return f"This needs the '{needed}' role or above; this token's role is '{ctx.role}'."
    return None


def denial_message(view, request) -> str:
    """The message of any 403 `permission_denied` on an API view: what the token lacks or, when a check
    other than role and scope refused it (none does today), the role and scope the request requires."""
    missing = missing_permission(view, request)
    if missing:
        return missing
    scope = " with a 'read_write' token" if required_scope(request) else ""
    return (
        f"This request is not allowed for this token, although it has what {request.method} "
        f"{request.path} requires: the '{required_role(view, request)}' role or above{scope}."
    )


class RoleScopePermission(BasePermission):
    def has_permission(self, request, view):
        if request.auth is None:
            return False  # the view answers 401 missing_token
        missing = missing_permission(view, request)
        if missing:
            raise ApiError(403, "permission_denied", missing)
        return True
