"""The current workspace, and managers that fail closed without one.

Every tenant-owned model inherits `TenantModel`: its default manager (`objects`) only ever returns rows
of the workspace in scope and raises when none is. Code that legitimately crosses workspaces (admin,
purge, migrations, operator commands) says so by using `all_workspaces`.
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar

from django.db import models


class NoWorkspaceInScope(RuntimeError):
    pass


_workspace_id: ContextVar[str | None] = ContextVar("leadiosa_workspace_id", default=None)
# Set only by code that crosses workspaces on purpose (the support admin): the scoped manager then
# returns every workspace's rows instead of raising, so Django's forms and widgets work there.
ALL_WORKSPACES = "*"


def current_workspace_id() -> str:
    workspace_id = _workspace_id.get()
    if workspace_id is None:
        raise NoWorkspaceInScope("No workspace in scope: use with_workspace() or the all_workspaces manager.")
    return workspace_id


def current_workspace_id_or_none() -> str | None:
    return _workspace_id.get()


def enter_workspace(workspace_id: str):
    return _workspace_id.set(workspace_id)


def leave_workspace(token) -> None:
    _workspace_id.reset(token)


@contextlib.contextmanager
def with_workspace(workspace_id: str):
    """Scope a block (a task, a command) to one workspace."""
    token = _workspace_id.set(workspace_id)
    try:
        yield workspace_id
    finally:
        _workspace_id.reset(token)


@contextlib.contextmanager
def across_workspaces():
    """Explicitly lift the scope for a block (the admin site). Never used on an API request."""
    token = _workspace_id.set(ALL_WORKSPACES)
    try:
        yield
    finally:
        _workspace_id.reset(token)


class WorkspaceScopedManager(models.Manager):
    def get_queryset(self):
        workspace_id = current_workspace_id()
        if workspace_id == ALL_WORKSPACES:
            return super().get_queryset()
        return super().get_queryset().filter(workspace_id=workspace_id)

    def create(self, **kwargs):
        if "workspace" not in kwargs:
            kwargs.setdefault("workspace_id", current_workspace_id())
        return super().create(**kwargs)


class TenantModel(models.Model):
    workspace = models.ForeignKey("workspaces.Workspace", on_delete=models.CASCADE, related_name="+")

    objects = WorkspaceScopedManager()
    all_workspaces = models.Manager()  # noqa: DJ012 - a manager, not a field

    class Meta:
        abstract = True
