from django.db.models import F

from apps.audit.chain import seal_pending
from apps.audit.models import AuditEntry


def sealed_entries(workspace_id: str):
    """A workspace's entries with their seal's seq, prev_hash and hash as attributes (this test's own
    entries sealed first: they are sealed at commit, and a test never commits)."""
    seal_pending()
    return AuditEntry.all_workspaces.filter(workspace_id=workspace_id).annotate(
        seq=F("seal__seq"), prev_hash=F("seal__prev_hash"), hash=F("seal__hash")
    )


def entries(workspace_id: str):
    """A workspace's entries in chain order."""
    return list(sealed_entries(workspace_id).order_by("seq"))


def last_entry(workspace_id: str) -> AuditEntry:
    return sealed_entries(workspace_id).order_by("-seq").first()
