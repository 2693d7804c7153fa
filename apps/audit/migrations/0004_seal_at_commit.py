"""Chain entries at COMMIT instead of at emit(): the chain head is then locked only while committing.

- `content_hash` (SHA-256 of the canonical content) is stored with the entry; `seq`, `prev_hash` and
  `hash` stay NULL until a deferred constraint trigger seals the entry at commit.
- The append-only trigger lets exactly one UPDATE through: the sealing one, made from inside the seal
  trigger (`pg_trigger_depth() > 1`), on a row not sealed yet, that changes nothing but the seal columns.
- Existing entries (development databases) are re-chained in the new form.
"""

import hashlib
import json
from datetime import UTC

from django.db import migrations, models

SEAL_SQL = r"""
CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND OLD.workspace_id = current_setting('leadiosa.audit_purge', true) THEN
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 AND OLD.hash IS NULL AND NEW.hash IS NOT NULL
        AND (NEW.id, NEW.workspace_id, NEW.action, NEW.actor_type, NEW.actor_id, NEW.resource_type,
             NEW.resource_id, NEW.request_id, NEW.ip, NEW.changes, NEW.created_at, NEW.content_hash)
            IS NOT DISTINCT FROM
            (OLD.id, OLD.workspace_id, OLD.action, OLD.actor_type, OLD.actor_id, OLD.resource_type,
             OLD.resource_id, OLD.request_id, OLD.ip, OLD.changes, OLD.created_at, OLD.content_hash)
    THEN
        RETURN NEW;  -- the seal, from audit_entry_seal()
    END IF;
    RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE FUNCTION audit_entry_seal() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    head record;
BEGIN
    IF NEW.hash IS NOT NULL THEN
        RETURN NULL;  -- written already chained (bulk import); its writer maintains the head
    END IF;
    PERFORM 1 FROM audit_entry WHERE id = NEW.id;
    IF NOT FOUND THEN
        RETURN NULL;  -- purged in the same transaction
    END IF;
    INSERT INTO audit_chain_head AS h (workspace_id, seq, prev_hash, hash)
    VALUES (
        NEW.workspace_id, 1, repeat('0', 64),
        encode(sha256(convert_to(repeat('0', 64) || chr(10) || NEW.content_hash, 'UTF8')), 'hex')
    )
    ON CONFLICT (workspace_id) DO UPDATE SET
        seq = h.seq + 1,
        prev_hash = h.hash,
        hash = encode(sha256(convert_to(h.hash || chr(10) || NEW.content_hash, 'UTF8')), 'hex')
    RETURNING seq, prev_hash, hash INTO head;
    UPDATE audit_entry SET seq = head.seq, prev_hash = head.prev_hash, hash = head.hash WHERE id = NEW.id;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER audit_entry_seal
    AFTER INSERT ON audit_entry
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION audit_entry_seal();
"""

UNSEAL_SQL = r"""
DROP TRIGGER IF EXISTS audit_entry_seal ON audit_entry;
DROP FUNCTION IF EXISTS audit_entry_seal();
CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND OLD.workspace_id = current_setting('leadiosa.audit_purge', true) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
"""

GENESIS = "0" * 64
COLUMNS = ("id", "workspace_id", "action", "actor_type", "actor_id", "resource_type", "resource_id",
           "request_id", "ip", "changes", "created_at")


def rechain_existing(apps, schema_editor):
    """Existing entries get their content_hash and are chained again, per workspace, in seq order."""
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM audit_entry")
        if cursor.fetchone()[0] == 0:
            return
        cursor.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only")
        cursor.execute("SELECT DISTINCT workspace_id FROM audit_entry")
        for (workspace_id,) in cursor.fetchall():
            cursor.execute(
                f"SELECT {', '.join(COLUMNS)}, seq FROM audit_entry WHERE workspace_id = %s ORDER BY seq",
                [workspace_id],
            )
            prev, seq = GENESIS, 0
            for row in cursor.fetchall():
                values = dict(zip(COLUMNS, row, strict=False))
                values["created_at"] = values["created_at"].astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
                changes = values["changes"]
                values["changes"] = list(json.loads(changes) if isinstance(changes, str) else changes)
                content = json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
                content_hash = hashlib.sha256(content.encode("ascii")).hexdigest()
                digest = hashlib.sha256(f"{prev}\n{content_hash}".encode("ascii")).hexdigest()
                seq = row[-1]
                with connection.cursor() as update:
                    update.execute(
                        "UPDATE audit_entry SET content_hash = %s, prev_hash = %s, hash = %s WHERE id = %s",
                        [content_hash, prev, digest, values["id"]],
                    )
                prev_of_last, prev = prev, digest
            cursor.execute(
                "UPDATE audit_chain_head SET seq = %s, prev_hash = %s, hash = %s WHERE workspace_id = %s",
                [seq, prev_of_last, prev, workspace_id],
            )
        cursor.execute("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only")


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_filter_indexes")]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="content_hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="auditentry", name="seq", field=models.BigIntegerField(editable=False, null=True)
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="prev_hash",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.AlterField(
            model_name="auditentry", name="hash", field=models.CharField(editable=False, max_length=64, null=True)
        ),
        migrations.RunPython(rechain_existing, migrations.RunPython.noop),
        migrations.RunSQL(SEAL_SQL, UNSEAL_SQL),
    ]
