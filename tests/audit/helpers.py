from apps.audit.chain import seal_pending
from apps.audit.models import AuditEntry


def entries(workspace_id: str):
    """A workspace's entries in chain order (this test's own entries sealed first: tests never commit)."""
    seal_pending()
    return list(AuditEntry.all_workspaces.filter(workspace_id=workspace_id).order_by("seq"))


def last_entry(workspace_id: str) -> AuditEntry:
    seal_pending()
    return AuditEntry.all_workspaces.filter(workspace_id=workspace_id).order_by("-seq").first()
