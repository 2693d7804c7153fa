"""The current workspace, and managers that fail closed without one.

Every tenant-owned model inherits `TenantModel`. Its default manager (`objects`) has two doors:

- `Model.objects.filter(...)` (the ambient scope): rows of the workspace in scope, raises when none is.
  The API's base view enters the scope around DRF's dispatch; the dashboard around its views.
- `Model.objects.for_workspace(workspace_id)`: for code that *holds* an id (a task, an event sink, a
  service handed an object). Explicit, and it needs no ambient scope.

Code that legitimately crosses workspaces (admin, purge, migrations, operator commands, beat sweepers,
authentication by token hash) says so with `Model.all_workspaces`; a test
(`tests/architecture/test_tenancy_allow_list.py`) keeps that name inside an allow-list of modules. There
is no scope meaning "every workspace": the admin's lists read through `all_workspaces` and a row's page
runs in that row's workspace (`leadiosa.admin`), so anything there that forgets fails closed like
everywhere else.

This module's ContextVar is the only place the scope lives. `RequestInfo.workspace_id`
(`leadiosa.context`) is a copy for the request's log line, written here and never read for scoping.
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar

from django.db import models


class NoWorkspaceInScope(RuntimeError):
    pass


_workspace_id: ContextVar[str | None] = ContextVar("leadiosa_workspace_id", default=None)


def current_workspace_id() -> str:
    workspace_id = _workspace_id.get()
    if workspace_id is None:
        raise NoWorkspaceInScope("No workspace in scope: use with_workspace() or the all_workspaces manager.")
    return workspace_id


def current_workspace_id_or_none() -> str | None:
    return _workspace_id.get()


def enter_workspace(workspace_id: str):
    """Enter the scope (the caller resets it in `finally` with leave_workspace)."""
    from leadiosa import context  # the log line names the workspace the request acted in

    context.record_workspace(workspace_id)
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


class WorkspaceScopedManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(workspace_id=current_workspace_id())

    def for_workspace(self, workspace_id: str) -> models.QuerySet:
        """This workspace's rows, for code that holds the id; no ambient scope needed or used."""
        if not workspace_id or workspace_id == "*":  # a wildcard is no id (nor a way round the filter)
            raise NoWorkspaceInScope("for_workspace() needs a workspace id.")
        return super().get_queryset().filter(workspace_id=workspace_id)

    def create(self, **kwargs):
        """Create in the workspace named by `workspace`/`workspace_id`, else in the one in scope."""
        if "workspace" not in kwargs and "workspace_id" not in kwargs:
            kwargs["workspace_id"] = current_workspace_id()
        return super().get_queryset().create(**kwargs)


class TenantModel(models.Model):
    workspace = models.ForeignKey("workspaces.Workspace", on_delete=models.CASCADE, related_name="+")

    objects = WorkspaceScopedManager()
    all_workspaces = models.Manager()  # noqa: DJ012 - a manager, not a field

    class Meta:
        abstract = True
