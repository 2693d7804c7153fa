"""manage.py audit_verify: a valid chain passes; any tampering behind the trigger's back is named."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from apps.audit.chain import seal_pending
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
    """What a table owner can do: disable the trigger, change rows, enable it again."""
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only")
        cursor.execute(sql, params)
        cursor.execute("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only")


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


def test_entry_rewritten_with_a_recomputed_hash_breaks_the_next_link(workspace):
    _emit(workspace.id, 5)
    chain = entries(workspace.id)
    as_owner_without_trigger(
        "UPDATE audit_entry SET hash = repeat('a', 64), action = 'x' WHERE id = %s", [chain[2].id]
    )
    ok, lines = verify("--workspace", workspace.id)
    assert not ok
    assert chain[2].id in lines[-1]  # its own hash no longer matches its content


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
    from apps.audit.chain import canonical_content, content_digest, link_hash

    _emit(workspace.id, 4)
    chain = entries(workspace.id)
    anchor = f"{chain[1].seq}:{chain[1].hash}"
    assert verify("--workspace", workspace.id, "--anchor", anchor)[0]
    # The owner rewrites entry 2 onwards AND recomputes every hash and the head: the chain is consistent…
    prev = chain[0].hash
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only")
        for entry in chain[1:]:
            fields = {
                name: getattr(entry, name)
                for name in (
                    "id",
                    "workspace_id",
                    "actor_type",
                    "actor_id",
                    "resource_type",
                    "resource_id",
                    "request_id",
                    "ip",
                    "changes",
                    "created_at",
                )
            }
            fields["action"] = "nothing.happened"
            content_hash = content_digest(canonical_content(**fields))
            digest = link_hash(prev, content_hash)
            cursor.execute(
                "UPDATE audit_entry SET action = %s, content_hash = %s, prev_hash = %s, hash = %s WHERE id = %s",
                ["nothing.happened", content_hash, prev, digest, entry.id],
            )
            prev = digest
        cursor.execute("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only")
        cursor.execute("UPDATE audit_chain_head SET hash = %s WHERE workspace_id = %s", [prev, workspace.id])
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
