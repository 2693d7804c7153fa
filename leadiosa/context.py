"""Who is acting, and for which request: set by the request path, read by emit() and logging.

Tasks and management commands set it too (`acting_as`), so every audit entry names its actor.
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    type: str  # "token", "user" or "system"
    id: str | None = None
    user_id: str | None = None  # the member behind a token, when there is one


SYSTEM = Actor(type="system")


@dataclass
class RequestInfo:
    request_id: str | None = None
    ip: str | None = None
    actor: Actor = SYSTEM
    # The workspace the request acted in, for its log line only: recorded by tenancy.enter_workspace();
    # the scope itself lives in tenancy's ContextVar, never here.
    workspace_id: str | None = None
    token_id: str | None = None


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
    """Run a block (a task, a command, an admin action) as this actor."""
    info = RequestInfo(request_id=request_id, ip=ip, actor=actor)
    token = _current.set(info)
    try:
        yield info
    finally:
        _current.reset(token)
