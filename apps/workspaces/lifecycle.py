"""A workspace's life: archive, close, restore and, after the grace period, purge.

Closing makes the workspace read-only (the API answers writes with 409 workspace_closed from the
`workspace_status` in the cached token, so the cached tokens are dropped on every status change), builds
an archive, and schedules the purge for 30 days later. Restoring within the grace reopens it. The purge
deletes every row of the workspace in every table, its stored archives and its cached tokens.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.apps import apps as django_apps
from django.conf import settings
from django.core import signing
from django.db import connection, models, transaction
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.utils import timezone

from leadiosa.api.auth import forget_token
from leadiosa.api.serializers import format_timestamp
from leadiosa.errors import Conflict
from leadiosa.events import emit
from leadiosa.tenancy import with_workspace

from .models import ApiToken, Member, User, Workspace, WorkspaceArchive
from .serializers import WorkspaceSerializer
from .services import workspace_forget_tokens

logger = logging.getLogger(__name__)

PURGE_GRACE = timedelta(days=30)
DOWNLOAD_SALT = "leadiosa.workspace-archive.download"


class LifecycleError(Conflict):
    """A lifecycle step that the workspace's current state does not allow (the API answers 409)."""

    code = "conflict"

    def __init__(self, message: str):
        super().__init__(type(self).code, message)


class ArchiveInProgress(LifecycleError):
    code = "archive_in_progress"


class WorkspaceNotClosed(LifecycleError):
    code = "workspace_not_closed"


class WorkspaceClosed(LifecycleError):
    code = "workspace_closed"


class RestorePeriodExpired(LifecycleError):
    code = "restore_period_expired"


def _forget_tokens_now_and_after_commit(workspace_id: str) -> None:
    # Now, so nothing re-caches the old status before commit; after commit, for a request that did.
    workspace_forget_tokens(workspace_id=workspace_id)
    transaction.on_commit(lambda: workspace_forget_tokens(workspace_id=workspace_id))


# -- archive ----------------------------------------------------------------------------------------


def archive_latest(*, workspace_id: str) -> WorkspaceArchive | None:
    return WorkspaceArchive.objects.for_workspace(workspace_id).order_by("-requested_at").first()


@transaction.atomic
def archive_request(*, workspace_id: str, reason: str = "requested") -> WorkspaceArchive:
    """Queue a full export. One at a time per workspace (409 archive_in_progress otherwise)."""
    Workspace.objects.select_for_update().only("id").get(id=workspace_id)  # serialises requests
    if (
        WorkspaceArchive.objects.for_workspace(workspace_id)
        .filter(status=WorkspaceArchive.Status.BUILDING)
        .exists()
    ):
        raise ArchiveInProgress("An archive of this workspace is already being built.")
    archive = WorkspaceArchive.objects.create(workspace_id=workspace_id, reason=reason)
    emit(
        "workspace.archive.requested",
        workspace_id=workspace_id,
        resource_type="workspace",
        resource_id=workspace_id,
        changes=["archive"],
    )
    from .tasks import build_workspace_archive

    archive_id = archive.pk
    transaction.on_commit(lambda: build_workspace_archive.delay(workspace_id, archive_id))
    return archive


def archive_build(*, workspace_id: str, archive_id: int) -> WorkspaceArchive:
    """Build the archive (in a task), mark it ready (or failed) and announce it."""
    from .archive import build_archive_file, delete_stored

    archive = WorkspaceArchive.objects.for_workspace(workspace_id).get(pk=archive_id)
    if archive.status != WorkspaceArchive.Status.BUILDING:
        return archive  # a redelivered task: already done
    try:
        name, size, counts = build_archive_file(workspace_id, archive_id)
    except Exception as exc:
        logger.exception("archive %s of %s failed", archive_id, workspace_id)
        with transaction.atomic():
            archive.status = WorkspaceArchive.Status.FAILED
            archive.completed_at = timezone.now()
            archive.error = f"{type(exc).__name__}"[:500]
            updated = (
                WorkspaceArchive.objects.for_workspace(workspace_id)
                .filter(pk=archive_id, status=WorkspaceArchive.Status.BUILDING)
                .update(status=archive.status, completed_at=archive.completed_at, error=archive.error)
            )
            if not updated:  # abandoned by an erasure (already failed) or purged meanwhile
                return archive
            emit(
                "workspace.archive.failed",
                workspace_id=workspace_id,
                resource_type="workspace",
                resource_id=workspace_id,
                changes=["archive"],
            )
        return archive
    with transaction.atomic():
        locked = (
            WorkspaceArchive.objects.for_workspace(workspace_id)
            .select_for_update()
            .filter(pk=archive_id)
            .first()
        )
        if locked is None or locked.status != WorkspaceArchive.Status.BUILDING:
            # Purged, or abandoned by a contact's erasure, meanwhile: do not leave the file behind.
            transaction.on_commit(lambda: delete_stored(name))
            return locked or archive
        archive = locked
        archive.status = WorkspaceArchive.Status.READY
        archive.completed_at = timezone.now()
        archive.size_bytes = size
        archive.file_name = name
        archive.counts = counts
        archive.save(update_fields=["status", "completed_at", "size_bytes", "file_name", "counts"])
        # Only the newest archive is kept: older files go once this one is safely recorded.
        older = list(
            WorkspaceArchive.objects.for_workspace(workspace_id)
            .filter(requested_at__lt=archive.requested_at)
            .exclude(status=WorkspaceArchive.Status.BUILDING)
        )
        old_names = [a.file_name for a in older if a.file_name]
        WorkspaceArchive.objects.for_workspace(workspace_id).filter(pk__in=[a.pk for a in older]).delete()
        transaction.on_commit(lambda: [delete_stored(n) for n in old_names])
        emit(
            "workspace.archive.ready",
            workspace_id=workspace_id,
            resource_type="workspace",
            resource_id=workspace_id,
            data=archive_status_representation(archive),
            changes=["archive"],
        )
    return archive


def archive_erase_contact(workspace_id: str, contact_id: str) -> None:
    """GDPR eraser: a workspace's archives hold the contact's data, so they go with it.

    Finished archives are deleted (row and stored file: `archive-status` says `none`, their links
    answer 404); a build under way is marked failed so that it discards its file when it ends (its
    snapshot may predate the erasure). Files go after commit, so a rolled-back erasure loses nothing.
    """
    from .archive import delete_stored

    archives = list(WorkspaceArchive.objects.for_workspace(workspace_id).select_for_update())
    finished = [a for a in archives if a.status != WorkspaceArchive.Status.BUILDING]
    names = [a.file_name for a in finished if a.file_name]
    WorkspaceArchive.objects.for_workspace(workspace_id).filter(pk__in=[a.pk for a in finished]).delete()
    building = [a.pk for a in archives if a.status == WorkspaceArchive.Status.BUILDING]
    if building:
        WorkspaceArchive.objects.for_workspace(workspace_id).filter(pk__in=building).update(
            status=WorkspaceArchive.Status.FAILED, completed_at=timezone.now(), error="contact erased"
        )
        emit(
            "workspace.archive.failed",
            workspace_id=workspace_id,
            resource_type="workspace",
            resource_id=workspace_id,
            changes=["archive"],
        )
    if names:
        transaction.on_commit(lambda: [delete_stored(n) for n in names])


STALE_BUILD_AFTER = timedelta(hours=6)


def archive_fail_stale(*, now=None) -> int:
    """Mark builds that have run far too long as failed, so a new archive can be requested."""
    cutoff = (now or timezone.now()) - STALE_BUILD_AFTER
    count = 0
    for archive in WorkspaceArchive.all_workspaces.filter(
        status=WorkspaceArchive.Status.BUILDING, requested_at__lt=cutoff
    ):
        with transaction.atomic(), with_workspace(archive.workspace_id):
            updated = (
                WorkspaceArchive.objects.for_workspace(archive.workspace_id)
                .filter(pk=archive.pk, status=WorkspaceArchive.Status.BUILDING)
                .update(status=WorkspaceArchive.Status.FAILED, completed_at=timezone.now(), error="timed out")
            )
            if updated:
                emit(
                    "workspace.archive.failed",
                    workspace_id=archive.workspace_id,
                    resource_type="workspace",
                    resource_id=archive.workspace_id,
                    changes=["archive"],
                )
                count += 1
    return count


def download_url_ttl() -> int:
    return int(getattr(settings, "WORKSPACE_ARCHIVE_URL_TTL_SECONDS", 3600))


def archive_download_token(archive: WorkspaceArchive) -> str:
    return signing.TimestampSigner(salt=DOWNLOAD_SALT).sign_object(
        {"w": archive.workspace_id, "a": archive.pk, "f": archive.file_name}
    )


def archive_from_download_token(token: str) -> WorkspaceArchive | None:
    """The ready archive a signed token names; raises signing.SignatureExpired / BadSignature."""
    payload = signing.TimestampSigner(salt=DOWNLOAD_SALT).unsign_object(token, max_age=download_url_ttl())
    return (
        WorkspaceArchive.objects.for_workspace(payload["w"])
        .filter(
            pk=payload["a"],
            file_name=payload["f"],
            status=WorkspaceArchive.Status.READY,
        )
        .first()
    )


def archive_status_representation(archive: WorkspaceArchive | None, *, download_url_for=None) -> dict:
    """{status, requested_at?, completed_at?, size_bytes?, download_url?, expires_at?}.

    `download_url_for(token) -> absolute url` adds a freshly signed link (only for those allowed to
    download); events never carry one.
    """
    if archive is None:
        return {"status": "none"}
    data = {"status": archive.status, "requested_at": format_timestamp(archive.requested_at)}
    if archive.completed_at:
        data["completed_at"] = format_timestamp(archive.completed_at)
    if archive.size_bytes is not None:
        data["size_bytes"] = archive.size_bytes
    if download_url_for is not None and archive.status == WorkspaceArchive.Status.READY:
        data["download_url"] = download_url_for(archive_download_token(archive))
        data["expires_at"] = format_timestamp(timezone.now() + timedelta(seconds=download_url_ttl()))
    return data


# -- close / restore --------------------------------------------------------------------------------


@transaction.atomic
def workspace_close(*, workspace_id: str) -> Workspace:
    """Close: read-only from the next request on, an archive is built, the purge is due in 30 days."""
    workspace = Workspace.objects.select_for_update().get(id=workspace_id)
    if workspace.status == Workspace.Status.CLOSED:
        raise WorkspaceClosed("This workspace is already closed.")
    now = timezone.now()
    workspace.status = Workspace.Status.CLOSED
    workspace.closed_at = now
    workspace.purge_after = now + PURGE_GRACE
    workspace.save(update_fields=["status", "closed_at", "purge_after", "updated_at"])
    emit(
        "workspace.closed",
        workspace_id=workspace_id,
        resource_type="workspace",
        resource_id=workspace_id,
        data=WorkspaceSerializer(workspace).data,
        previous_attributes={"status": Workspace.Status.ACTIVE},
        changes=["status", "closed_at", "purge_after"],
    )
    _forget_tokens_now_and_after_commit(workspace_id)
    if (
        not WorkspaceArchive.objects.for_workspace(workspace_id)
        .filter(status=WorkspaceArchive.Status.BUILDING)
        .exists()
    ):
        archive_request(workspace_id=workspace_id, reason="close")
    return workspace


@transaction.atomic
def workspace_restore(*, workspace_id: str) -> Workspace:
    """Reopen a closed workspace within its grace period."""
    workspace = Workspace.objects.select_for_update().get(id=workspace_id)
    if workspace.status != Workspace.Status.CLOSED:
        raise WorkspaceNotClosed("This workspace is not closed.")
    if workspace.purge_after is not None and workspace.purge_after <= timezone.now():
        raise RestorePeriodExpired("The grace period has ended: this workspace is being purged.")
    previous = {
        "status": workspace.status,
        "closed_at": format_timestamp(workspace.closed_at),
        "purge_after": format_timestamp(workspace.purge_after),
    }
    workspace.status = Workspace.Status.ACTIVE
    workspace.closed_at = None
    workspace.purge_after = None
    workspace.save(update_fields=["status", "closed_at", "purge_after", "updated_at"])
    emit(
        "workspace.restored",
        workspace_id=workspace_id,
        resource_type="workspace",
        resource_id=workspace_id,
        data=WorkspaceSerializer(workspace).data,
        previous_attributes={k: v for k, v in previous.items() if v is not None},
        changes=["status", "closed_at", "purge_after"],
    )
    _forget_tokens_now_and_after_commit(workspace_id)
    return workspace


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


def _forget(token_hashes: list[str]) -> None:
    for token_hash in token_hashes:
        forget_token(token_hash)


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
        _forget(token_hashes)
        transaction.on_commit(lambda: _forget(token_hashes))
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
    """Purge every closed workspace whose grace period has ended (the beat task)."""
    now = now or timezone.now()
    due = list(
        Workspace.objects.filter(status=Workspace.Status.CLOSED, purge_after__lte=now).values_list(
            "id", flat=True
        )
    )
    purged = []
    for workspace_id in due:
        with with_workspace(workspace_id):
            workspace_purge(workspace_id=workspace_id)
        purged.append(workspace_id)
    return purged
