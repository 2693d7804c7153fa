"""A workspace's life, one module per concept — this module only gathers their public names for the
callers that think of "the lifecycle" as one thing (the lifecycle views, the support tools, the
dashboard):

- `archiving`: request, build (a task), stale builds, erasure with a contact, signed download links;
- `closure`: close (read-only, archived, purge scheduled) and restore within the grace;
- `purge`: after the grace, every row in every table, stored archives, cached tokens;
- `errors`: the refusals (LifecycleError and its kinds, DomainErrors answered with 409).
"""

from .archiving import (
    DOWNLOAD_SALT,
    STALE_BUILD_AFTER,
    archive_build,
    archive_download_token,
    archive_erase_contact,
    archive_fail_stale,
    archive_from_download_token,
    archive_latest,
    archive_request,
    archive_status_representation,
    download_url_ttl,
)
from .closure import PURGE_GRACE, workspace_close, workspace_restore
from .errors import (
    ArchiveInProgress,
    LifecycleError,
    RestorePeriodExpired,
    WorkspaceClosed,
    WorkspaceNotClosed,
)
from .purge import purge_due_workspaces, purge_plan, workspace_purge

__all__ = [
    "DOWNLOAD_SALT",
    "PURGE_GRACE",
    "STALE_BUILD_AFTER",
    "ArchiveInProgress",
    "LifecycleError",
    "RestorePeriodExpired",
    "WorkspaceClosed",
    "WorkspaceNotClosed",
    "archive_build",
    "archive_download_token",
    "archive_erase_contact",
    "archive_fail_stale",
    "archive_from_download_token",
    "archive_latest",
    "archive_request",
    "archive_status_representation",
    "download_url_ttl",
    "purge_due_workspaces",
    "purge_plan",
    "workspace_close",
    "workspace_purge",
    "workspace_restore",
]
