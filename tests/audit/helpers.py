from datetime import timedelta

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

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


def backdate_seals(workspace_id: str, *, age: timedelta | None = None) -> None:
    """As the tables' owner (an operator or a fixture; never the runtime role, which cannot write seals):
    every seal of this workspace says it was sealed `age` ago by the database clock (default: just over
    the purge grace), so its closing is old enough for `audit_purge_workspace()`. This test's pending
    entries are sealed first. The owner switches the seal table's append-only trigger off for it, in
    one transaction (a transactional test's DISABLE must not outlive the UPDATE)."""
    from apps.workspaces.closure import PURGE_GRACE

    age = PURGE_GRACE + timedelta(minutes=1) if age is None else age
    seal_pending()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("ALTER TABLE audit_seal DISABLE TRIGGER audit_seal_append_only")
        cursor.execute(
            "UPDATE audit_seal SET sealed_at = clock_timestamp() - %s WHERE workspace_id = %s",
            [age, workspace_id],
        )
        cursor.execute("ALTER TABLE audit_seal ENABLE TRIGGER audit_seal_append_only")


def close_and_expire(owner, capture, *, age: timedelta | None = None) -> None:
    """The owner closes the workspace (its on-commit work run by `capture`, the
    django_capture_on_commit_callbacks fixture); its purge date has just passed and its seals are `age`
    old (backdate_seals' default: just over the grace), since the database times the grace from the
    closing's seal."""
    from apps.workspaces.models import Workspace

    with capture(execute=True):
        assert owner.api.post("workspace/close").status_code == 200
    Workspace.objects.filter(id=owner.workspace.id).update(purge_after=timezone.now() - timedelta(seconds=1))
    backdate_seals(owner.workspace.id, age=age)
