"""A workspace's archive: request one (one build at a time), build it (a task), fail stale builds, erase
archives with a contact, and the signed, expiring download links."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone

from leadiosa.api.serializers import format_timestamp
from leadiosa.events import emit
from leadiosa.tenancy import with_workspace

from .errors import ArchiveInProgress
from .models import Workspace, WorkspaceArchive

logger = logging.getLogger(__name__)
DOWNLOAD_SALT = "leadiosa.workspace-archive.download"


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
