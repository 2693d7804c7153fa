"""Who is acting, for which request, and through which door: set by the request path, read by emit()
and logging.

Tasks and management commands set it too (`acting_as`), so every audit entry names its actor. The
door (`source`: api, dashboard, admin, widget, email or system) is decided once per request from the
URL's first segment (`RequestSourceMiddleware`, right after the request's id is given), never passed
through services: whatever the request changes is audited as coming from there.
"""

from __future__ import annotations

import contextlib
import re
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    type: str  # "token", "user" or "system"
    id: str | None = None
    user_id: str | None = None  # the member behind a token, when there is one


SYSTEM = Actor(type="system")

# Where a change came from (the audit entry's `source`). "system": no request at all (a Celery worker
# or beat, an operator's manage.py command).
SOURCES = ("api", "dashboard", "admin", "widget", "email", "system")
# The URL's first segment -> its door (config/urls.py). Everything else is mounted by the dashboard
# (/app/…, /login/, /password-reset/, invitations).
_PATH_SOURCES = {"api": "api", "admin": "admin", "widget": "widget", "inbound": "email"}


def source_for_path(path: str) -> str:
    first = path.lstrip("/").split("/", 1)[0]
    return _PATH_SOURCES.get(first, "dashboard")


# A client's own X-Request-Id, kept as `client_request_id` (logs, audit entries) when it is well formed;
# anything else (too long, spaces, control characters, quotes…) is ignored, never echoed or logged.
_CLIENT_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def client_request_id(value: str | None) -> str | None:
    return value if value and _CLIENT_REQUEST_ID.fullmatch(value) else None


@dataclass
class RequestInfo:
    request_id: str | None = None
    ip: str | None = None
    actor: Actor = SYSTEM
    # The workspace the request acted in, for its log line only: recorded by tenancy.enter_workspace();
    # the scope itself lives in tenancy's ContextVar, never here.
    workspace_id: str | None = None
    token_id: str | None = None
    source: str = "system"
    client_request_id: str | None = None


_current: ContextVar[RequestInfo | None] = ContextVar("leadiosa_request_info", default=None)


def current() -> RequestInfo:
    info = _current.get()
    return info if info is not None else RequestInfo()


def record_workspace(workspace_id: str) -> None:
    info = _current.get()
    if info is not None:
        info.workspace_id = workspace_id


def begin(info: RequestInfo):
    return _current.set(info)


def end(token) -> None:
    _current.reset(token)


@contextlib.contextmanager
def acting_as(actor: Actor, *, request_id: str | None = None, ip: str | None = None):
    """Run a block (a task, a command, an admin action) as this actor.

    Inside a request (the admin's staff actions) the block keeps the request's door and client
    request id; outside any request it is the system's."""
    outer = _current.get()
    info = RequestInfo(
        request_id=request_id,
        ip=ip,
        actor=actor,
        source=outer.source if outer is not None else "system",
        client_request_id=outer.client_request_id if outer is not None else None,
    )
    token = _current.set(info)
    try:
        yield info
    finally:
        _current.reset(token)


class RequestSourceMiddleware:
    """Records the request's door in its context (just inside RequestContextMiddleware, which made it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        info = _current.get()
        if info is not None:
            info.source = source_for_path(request.path_info)  # without SCRIPT_NAME (a proxy prefix)
        return self.get_response(request)
