"""Workspace lifecycle tasks: archive builds and the purge of expired closed workspaces."""

from celery import shared_task

from leadiosa.context import SYSTEM, acting_as
from leadiosa.tenancy import with_workspace


@shared_task(acks_late=True)
def build_workspace_archive(workspace_id: str, archive_id: int) -> str:
    from .archiving import archive_build

    with acting_as(SYSTEM), with_workspace(workspace_id):
        return archive_build(workspace_id=workspace_id, archive_id=archive_id).status


@shared_task
def purge_closed_workspaces() -> list[str]:
    """Beat: delete every closed workspace whose 30-day grace has ended."""
    from .purge import purge_due_workspaces

    with acting_as(SYSTEM):
        return purge_due_workspaces()


@shared_task
def fail_stale_archive_builds() -> int:
    """Beat: an archive still `building` long after its request belongs to a worker that died."""
    from .archiving import archive_fail_stale

    with acting_as(SYSTEM):
        return archive_fail_stale()
