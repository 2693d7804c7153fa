"""manage.py audit_verify: a valid chain passes; any tampering behind the trigger's back is named."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from apps.audit.chain import seal_pending
from apps.audit.models import AuditEntry
from leadiosa.events import emit
from tests.audit.factories import bulk_chain
from tests.audit.helpers import entries

pytestmark = pytest.mark.django_db


def _emit(workspace_id, n):
    for i in range(n):
        emit(
            "conversation.updated",
            workspace_id=workspace_id,
            resource_type="conversation",
            resource_id=f"conv_{i}",
            changes=["status"],
        )


def verify(*args) -> tuple[bool, list[str]]:
    seal_pending()  # what a commit does: the command then sees the chain a committed transaction left
    out = StringIO()
    try:
        call_command("audit_verify", *args, stdout=out)
    except CommandError:
        return False, out.getvalue().splitlines()
    return True, out.getvalue().splitlines()


def as_owner_without_trigger(sql, params=()):
    """What a table owner can do: disable the append-only triggers, change rows, enable them again."""
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only")
        cursor.execute("ALTER TABLE audit_seal DISABLE TRIGGER audit_seal_append_only")
        for statement in sql if isinstance(sql, list) else [(sql, params)]:
            cursor.execute(*statement)
        cursor.execute("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only")
        cursor.execute("ALTER TABLE audit_seal ENABLE TRIGGER audit_seal_append_only")


def rewritten(entry, prev_hash: str, **changes) -> tuple[str, str]:
    """(content_hash, hash) of `entry` with `changes` applied, chained after `prev_hash`, linked with the
    chain key: the rewrite of someone who holds both the tables and the application's key. (Without the
    key, see tests/security/test_db_roles.py: the rewritten entry itself is caught.)"""
    from apps.audit.chain import canonical_content, content_digest
    from apps.audit.keys import current_key, link_mac

    names = ("id", "workspace_id", "action", "actor_type", "actor_id", "resource_type", "resource_id")
    fields = {name: getattr(entry, name) for name in names}
    fields.update(
        request_id=entry.request_id,
        ip=entry.ip,
        changes=entry.changes,
        created_at=entry.created_at,
        source=entry.source,
        client_request_id=entry.client_request_id,
        content_version=entry.content_version,
    )
    fields.update(changes)
    content_hash = content_digest(canonical_content(**fields))
    return content_hash, link_mac(current_key(), prev_hash, content_hash)


def test_intact_chains_verify(workspace, other_workspace):
    _emit(workspace.id, 5)
    _emit(other_workspace.id, 3)
    ok, lines = verify()
    assert ok
    chain = entries(workspace.id)
    assert f"OK {workspace.id}: {len(chain)} entries, head {chain[-1].hash}" in lines
    assert lines[-1].startswith("OK: ")


def test_bulk_chain_from_the_factory_verifies(workspace):
    _emit(workspace.id, 2)
    bulk_chain(workspace.id, 50)
    _emit(workspace.id, 2)
    ok, lines = verify("--workspace", workspace.id)
    assert ok, lines


def test_altered_entry_is_named_as_first_broken_link(workspace):
    _emit(workspace.id, 6)
    target = entries(workspace.id)[3]
    as_owner_without_trigger("UPDATE audit_entry SET action = 'nothing.happened' WHERE id = %s", [target.id])
    ok, lines = verify("--workspace", workspace.id)
    assert not ok
    assert target.id in lines[-1]
    assert f"seq {target.seq}" in lines[-1]
    assert "altered" in lines[-1]


def test_altered_changes_list_is_caught(workspace):
    _emit(workspace.id, 3)
    target = entries(workspace.id)[1]
    as_owner_without_trigger("UPDATE audit_entry SET changes = '[]'::jsonb WHERE id = %s", [target.id])
    ok, lines = verify("--workspace", workspace.id)
    assert not ok and target.id in lines[-1]


def test_entry_rewritten_with_recomputed_hashes_breaks_the_next_link(workspace):
    _emit(workspace.id, 5)
    chain = entries(workspace.id)
    content_hash, digest = rewritten(chain[2], chain[1].hash, action="nothing.happened")
    as_owner_without_trigger(
        [
            (
                "UPDATE audit_entry SET action = 'nothing.happened', content_hash = %s WHERE id = %s",
                [content_hash, chain[2].id],
            ),
            ("UPDATE audit_seal SET hash = %s WHERE entry_id = %s", [digest, chain[2].id]),
        ]
    )
    ok, lines = verify("--workspace", workspace.id)
    assert not ok
    assert chain[3].id in lines[-1]  # entry 2 is consistent in itself; the link from 3 to it is not
    assert "prev_hash" in lines[-1]


def test_entry_without_a_seal_is_caught(workspace):
    _emit(workspace.id, 2)
    entries(workspace.id)  # seal those
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_seal")
        _emit(workspace.id, 1)
        cursor.execute("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_seal")
    unsealed = AuditEntry.all_workspaces.get(workspace_id=workspace.id, seal__isnull=True)
    ok, lines = verify("--workspace", workspace.id)
    assert not ok
    assert unsealed.id in lines[-1] and "no seal" in lines[-1]


def test_deleted_seal_is_caught(workspace):
    _emit(workspace.id, 4)
    chain = entries(workspace.id)
    as_owner_without_trigger("DELETE FROM audit_seal WHERE entry_id = %s", [chain[1].id])
    ok, lines = verify("--workspace", workspace.id)
    assert not ok
    assert chain[2].id in lines[-1]


def test_deleted_entry_in_the_middle_is_caught_at_the_next_one(workspace):
    _emit(workspace.id, 5)
    chain = entries(workspace.id)
    as_owner_without_trigger("DELETE FROM audit_entry WHERE id = %s", [chain[2].id])
    ok, lines = verify("--workspace", workspace.id)
    assert not ok
    assert chain[3].id in lines[-1]
    assert "removed" in lines[-1]


def test_deleted_last_entry_is_caught_by_the_chain_head(workspace):
    _emit(workspace.id, 4)
    chain = entries(workspace.id)
    as_owner_without_trigger("DELETE FROM audit_entry WHERE id = %s", [chain[-1].id])
    ok, lines = verify("--workspace", workspace.id)
    assert not ok
    assert chain[-2].id in lines[-1]
    assert "removed" in lines[-1]


def test_only_the_named_workspace_is_checked(workspace, other_workspace):
    _emit(workspace.id, 3)
    _emit(other_workspace.id, 3)
    target = entries(other_workspace.id)[0]
    as_owner_without_trigger("UPDATE audit_entry SET action = 'x' WHERE id = %s", [target.id])
    assert verify("--workspace", workspace.id)[0]
    ok, lines = verify()
    assert not ok and target.id in lines[-1] and other_workspace.id in lines[-1]


def test_a_consistent_rewrite_of_the_tail_is_caught_by_a_recorded_anchor(workspace):

    _emit(workspace.id, 4)
    chain = entries(workspace.id)
    anchor = f"{chain[1].seq}:{chain[1].hash}"
    assert verify("--workspace", workspace.id, "--anchor", anchor)[0]
    # The owner rewrites entry 2 onwards AND recomputes every hash and the head: the chain is consistent…
    prev, statements = chain[0].hash, []
    for entry in chain[1:]:
        content_hash, digest = rewritten(entry, prev, action="nothing.happened")
        statements += [
            (
                "UPDATE audit_entry SET action = 'nothing.happened', content_hash = %s WHERE id = %s",
                [content_hash, entry.id],
            ),
            ("UPDATE audit_seal SET prev_hash = %s, hash = %s WHERE entry_id = %s", [prev, digest, entry.id]),
        ]
        prev = digest
    statements.append(("UPDATE audit_chain_head SET hash = %s WHERE workspace_id = %s", [prev, workspace.id]))
    as_owner_without_trigger(statements)
    assert verify("--workspace", workspace.id)[0]  # … so only the anchor can tell
    ok, lines = verify("--workspace", workspace.id, "--anchor", anchor)
    assert not ok
    assert chain[1].id in lines[-1] and "anchor" in lines[-1]


def test_an_anchor_past_the_end_of_the_chain_is_caught(workspace):
    _emit(workspace.id, 2)
    chain = entries(workspace.id)
    ok, lines = verify("--workspace", workspace.id, "--anchor", f"{chain[-1].seq + 5}:{'a' * 64}")
    assert not ok and "past the end" in lines[-1]


def test_a_malformed_anchor_is_refused(workspace):
    with pytest.raises(CommandError, match="SEQ:HASH"):
        call_command("audit_verify", "--anchor", "3:abc", stdout=StringIO())
