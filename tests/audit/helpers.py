from apps.audit.models import AuditEntry


def entries(workspace_id: str):
    """A workspace's entries in chain order."""
    return list(AuditEntry.all_workspaces.filter(workspace_id=workspace_id).order_by("seq"))


def last_entry(workspace_id: str) -> AuditEntry:
    return AuditEntry.all_workspaces.filter(workspace_id=workspace_id).order_by("-seq").first()
