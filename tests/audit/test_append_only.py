"""The database refuses UPDATE and DELETE on audit_entry; the workspace purge is the one way out."""

from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from apps.audit.chain import seal_pending
from apps.audit.models import AuditChainHead, AuditEntry, AuditSeal
from apps.audit.services import audit_purge_workspace
from apps.workspaces.models import Workspace
from leadiosa.events import emit
from tests.audit.helpers import backdate_seals, entries, last_entry

pytestmark = pytest.mark.django_db


def _emit(workspace_id, n=1):
    for _ in range(n):
        emit("conversation.updated", workspace_id=workspace_id, resource_type="conversation", resource_id="c")


def _make_due(workspace, *, action="workspace.closed"):
    """Closed (that entry sealed into its chain, the seal backdated past the grace by the owner) and past
    its purge date: what the purge function checks."""
    emit(action, workspace_id=workspace.id, resource_type="workspace", resource_id=workspace.id)
    backdate_seals(workspace.id)
    Workspace.objects.filter(id=workspace.id).update(
        status=Workspace.Status.CLOSED, purge_after=timezone.now() - timedelta(seconds=1)
    )


def _execute(sql, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_raw_sql_update_is_refused(workspace):
    _emit(workspace.id)
    entry = last_entry(workspace.id)
    with pytest.raises(DatabaseError, match="append-only"):
        _execute("UPDATE audit_entry SET action = 'nothing.happened' WHERE id = %s", [entry.id])
    entry.refresh_from_db()
    assert entry.action == "conversation.updated"


def test_raw_sql_delete_is_refused(workspace):
    _emit(workspace.id)
    with pytest.raises(DatabaseError, match="append-only"):
        _execute("DELETE FROM audit_entry WHERE workspace_id = %s", [workspace.id])
    assert AuditEntry.all_workspaces.filter(workspace_id=workspace.id).exists()


def test_orm_update_and_delete_are_refused(workspace):
    _emit(workspace.id)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.all_workspaces.filter(workspace_id=workspace.id).update(action="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.all_workspaces.filter(workspace_id=workspace.id).delete()


def test_purge_setting_for_another_workspace_does_not_unlock_delete(workspace, other_workspace):
    _emit(workspace.id)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SELECT set_config('leadiosa.audit_purge', %s, true)", [other_workspace.id])
        cursor.execute("DELETE FROM audit_entry WHERE workspace_id = %s", [workspace.id])


def test_purge_removes_only_that_workspaces_entries_and_chain_head(workspace, other_workspace):
    _emit(workspace.id, 3)
    _emit(other_workspace.id, 2)
    _make_due(workspace)
    others_before = len(entries(other_workspace.id))
    deleted = audit_purge_workspace(workspace_id=workspace.id)
    assert deleted >= 3
    assert entries(workspace.id) == []
    assert not AuditSeal.objects.filter(workspace_id=workspace.id).exists()
    assert not AuditChainHead.objects.filter(workspace_id=workspace.id).exists()
    assert len(entries(other_workspace.id)) == others_before


def test_purge_setting_does_not_outlive_the_purge(workspace):
    _emit(workspace.id)
    _make_due(workspace)
    with transaction.atomic():
        audit_purge_workspace(workspace_id=workspace.id)
        _emit(workspace.id)
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            AuditEntry.all_workspaces.filter(workspace_id=workspace.id).delete()


def test_deleting_a_workspace_neither_cascades_into_nor_is_blocked_by_its_audit_log(workspace):
    _emit(workspace.id)
    _make_due(workspace)
    audit_purge_workspace(workspace_id=workspace.id)
    _emit(workspace.id)  # e.g. the purge recording itself before the workspace goes
    Workspace.objects.filter(id=workspace.id).delete()
    assert not Workspace.objects.filter(id=workspace.id).exists()
    assert len(entries(workspace.id)) == 1  # left for the purge to remove: nothing cascades into the log


def test_seals_can_be_neither_updated_nor_deleted(workspace):
    _emit(workspace.id)
    entry = last_entry(workspace.id)  # sealed
    with pytest.raises(DatabaseError, match="audit_seal is append-only"):
        _execute("UPDATE audit_seal SET hash = repeat('0', 64) WHERE entry_id = %s", [entry.id])
    with pytest.raises(DatabaseError, match="audit_seal is append-only"):
        _execute("DELETE FROM audit_seal WHERE entry_id = %s", [entry.id])
    assert AuditSeal.objects.filter(entry_id=entry.id, hash=entry.hash).exists()


def test_entries_purged_before_commit_are_not_sealed_into_a_new_chain(workspace):
    _make_due(workspace)
    _emit(workspace.id, 2)
    audit_purge_workspace(workspace_id=workspace.id)
    seal_pending()  # what the commit would do
    assert not AuditChainHead.objects.filter(workspace_id=workspace.id).exists()
    assert entries(workspace.id) == []


def _purge_refused(workspace, match):
    with pytest.raises(DatabaseError, match=match), transaction.atomic():
        audit_purge_workspace(workspace_id=workspace.id)
    assert entries(workspace.id)


def test_purge_of_an_active_workspace_is_refused_by_the_database(workspace):
    _emit(workspace.id)
    seal_pending()
    _purge_refused(workspace, "not due for purge")


def test_purge_before_the_grace_ends_is_refused_by_the_database(workspace):
    _make_due(workspace)
    Workspace.objects.filter(id=workspace.id).update(purge_after=timezone.now() + timedelta(days=29))
    _purge_refused(workspace, "not due for purge")


def test_purge_of_a_workspace_whose_chain_never_closed_it_is_refused(workspace):
    # Whoever can UPDATE the workspace row (the application's role) cannot make its log purgeable:
    # the closing must be in the chain, which only a holder of the chain key can seal.
    _emit(workspace.id)
    seal_pending()
    Workspace.objects.filter(id=workspace.id).update(
        status=Workspace.Status.CLOSED, purge_after=timezone.now() - timedelta(days=1)
    )
    _purge_refused(workspace, "holds no closing")


def test_purge_after_a_restore_is_refused(workspace):
    _make_due(workspace)
    _make_due(workspace, action="workspace.restored")
    _purge_refused(workspace, "holds no closing")
