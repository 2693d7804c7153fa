"""The purge: after the grace, every row of a closed workspace in every table, its stored archives and
its cached tokens go (a beat task; cross-workspace by nature, allow-listed)."""

from __future__ import annotations

import logging

from django.apps import apps as django_apps
from django.db import connection, models, transaction
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.utils import timezone

from leadiosa.api.auth import forget_tokens_now_and_after_commit
from leadiosa.tenancy import with_workspace

from .models import ApiToken, Member, User, Workspace, WorkspaceArchive

logger = logging.getLogger(__name__)

# -- purge ------------------------------------------------------------------------------------------


def _workspace_column(model) -> str | None:
    """The column holding a model's workspace id, if it has one (a `workspace_id` column or any foreign
    key to Workspace)."""
    for field in model._meta.concrete_fields:
        if field.attname == "workspace_id" or (field.is_relation and field.related_model is Workspace):
            return field.column
    return None


def _qn(name: str) -> str:
    return connection.ops.quote_name(name)


def purge_plan() -> list[tuple[type[models.Model], str]]:
    """(model, SQL condition with one %s for the workspace id) for every table holding workspace rows,
    children first.

    A model holds workspace rows when it has a workspace column, or a foreign key to a model that holds
    them (e.g. an auto-created many-to-many table). Proxy and unmanaged models are skipped.
    """
    tables: dict[str, tuple[type[models.Model], str, int]] = {}
    candidates = [
        m
        for m in django_apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy and m is not Workspace
    ]
    for model in candidates:
        column = _workspace_column(model)
        if column:
            tables[model._meta.db_table] = (model, f"{_qn(column)} = %s", 1)
    changed = True
    while changed:  # follow foreign keys to tables already known to hold workspace rows
        changed = False
        for model in candidates:
            table = model._meta.db_table
            if table in tables:
                continue
            for field in model._meta.concrete_fields:
                target = getattr(field, "related_model", None)
                if field.is_relation and target is not None and target._meta.db_table in tables:
                    parent, condition, depth = tables[target._meta.db_table]
                    # Only quoted identifiers and our own conditions: no value is ever interpolated.
                    sub = "{} IN (SELECT {} FROM {} WHERE {})".format(  # noqa: S608, UP032
                        _qn(field.column),
                        _qn(field.target_field.column),
                        _qn(target._meta.db_table),
                        condition,
                    )
                    tables[table] = (model, sub, depth + 1)
                    changed = True
                    break
    ordered = sorted(tables.values(), key=lambda item: -item[2])
    return [(model, condition) for model, condition, _depth in ordered]


def _has_rows(objs) -> bool:
    return objs.exists() if hasattr(objs, "exists") else bool(objs)


def _delete_users_left_without_workspace(user_ids: set[str]) -> int:
    """Users whose only membership was the purged workspace go too (their e-mail is personal data).

    Staff and superusers stay, and so does anyone still referenced by a row elsewhere (kept, not
    cascaded: a purge never touches another workspace's data).
    """
    deleted = 0
    for user in User.objects.filter(id__in=user_ids, is_staff=False, is_superuser=False):
        if Member.all_workspaces.filter(user_id=user.id).exists():
            continue
        collector = Collector(using=connection.alias)
        try:
            collector.collect([user])
        except (ProtectedError, RestrictedError):
            continue
        referenced = (
            any(model is not User and instances for model, instances in collector.data.items())
            or any(not qs.model._meta.auto_created and qs.exists() for qs in collector.fast_deletes)
            or any(_has_rows(objs) for updates in collector.field_updates.values() for objs in updates)
        )
        if referenced:
            continue
        user.delete()
        deleted += 1
    return deleted


def workspace_purge(*, workspace_id: str) -> dict[str, int]:
    """Delete every row of a workspace in every table, its stored archives and cached tokens.

    Runs in one transaction (the foreign keys are deferred, so the order only matters for the
    sub-selects). The audit log goes first through its own sanctioned door. The purge itself leaves
    no audit entry in the workspace (there is none left); it is logged instead.
    """
    from apps.audit.services import audit_purge_workspace
    from leadiosa.db_roles import restricted_tables

    from .archive import delete_stored

    deleted: dict[str, int] = {}
    with transaction.atomic():
        workspace = Workspace.objects.select_for_update().filter(id=workspace_id).first()
        if workspace is None:
            return deleted
        user_ids = set(Member.objects.for_workspace(workspace_id).values_list("user_id", flat=True))
        archive_names = list(
            WorkspaceArchive.objects.for_workspace(workspace_id)
            .exclude(file_name="")
            .values_list("file_name", flat=True)
        )
        token_hashes = list(ApiToken.objects.for_workspace(workspace_id).values_list("token_hash", flat=True))
        forget_tokens_now_and_after_commit(token_hashes)
        deleted["audit"] = audit_purge_workspace(workspace_id=workspace_id)
        # The audit tables went through their own door above; the application's role may not DELETE
        # from them at all (leadiosa.db_roles), not even zero rows.
        append_only = set(restricted_tables())
        with connection.cursor() as cursor:
            for model, condition in purge_plan():
                if model._meta.db_table in append_only:
                    continue
                params = [workspace_id] * condition.count("%s")
                cursor.execute(f"DELETE FROM {_qn(model._meta.db_table)} WHERE {condition}", params)  # noqa: S608
                if cursor.rowcount:
                    deleted[model._meta.label] = deleted.get(model._meta.label, 0) + cursor.rowcount
            cursor.execute(f"DELETE FROM {_qn(Workspace._meta.db_table)} WHERE id = %s", [workspace_id])  # noqa: S608
        deleted["users"] = _delete_users_left_without_workspace(user_ids)
        transaction.on_commit(lambda: [delete_stored(name) for name in archive_names])
    # The token rows are gone, so the loader finds nothing: tokens are invalid on the next request.
    logger.info("workspace purged", extra={"workspace_id": workspace_id, "deleted": deleted})
    return deleted


def purge_due_workspaces(*, now=None) -> list[str]:
    """Purge every closed workspace whose grace period has ended (the beat task).

    The workspace row's purge_after picks the candidates; the database decides (its clock, the closing's
    seal time: `audit_purge_refusal`). A candidate it does not consider due yet (a closing sealed a
    moment after the application computed purge_after, clocks apart, or a row closed without a real
    closing) is skipped and logged, so it neither fails the run nor stops the other purges.
    """
    from apps.audit.services import audit_purge_refusal

    now = now or timezone.now()
    due = list(
        Workspace.objects.filter(status=Workspace.Status.CLOSED, purge_after__lte=now).values_list(
            "id", flat=True
        )
    )
    purged = []
    for workspace_id in due:
        refusal = audit_purge_refusal(workspace_id=workspace_id)
        if refusal is not None:
            logger.warning("workspace purge skipped", extra={"workspace_id": workspace_id, "reason": refusal})
            continue
        with with_workspace(workspace_id):
            workspace_purge(workspace_id=workspace_id)
        purged.append(workspace_id)
    return purged
