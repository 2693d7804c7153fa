"""Seals move to their own append-only table: neither audit table is ever updated.

The seal trigger (still deferred to COMMIT) now INSERTs an `audit_seal` row instead of updating the
entry, so the append-only trigger needs no exception for UPDATE any more, and an entry's row is written
once (no dead tuple, no second round of index entries). `audit_seal` gets the same guards as
`audit_entry`: UPDATE refused, DELETE only by the workspace purge, TRUNCATE only in test databases.
"""

import django.db.models.deletion
from django.db import migrations, models

MOVE_SEALS = """
INSERT INTO audit_seal (entry_id, workspace_id, seq, prev_hash, hash)
SELECT id, workspace_id, seq, prev_hash, hash FROM audit_entry WHERE hash IS NOT NULL;
"""

TRIGGERS = r"""
CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND OLD.workspace_id = current_setting('leadiosa.audit_purge', true) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_seal_append_only
    BEFORE UPDATE OR DELETE ON audit_seal
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();

CREATE TRIGGER audit_seal_no_truncate
    BEFORE TRUNCATE ON audit_seal
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_no_truncate();

CREATE OR REPLACE FUNCTION audit_entry_seal() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    head record;
BEGIN
    PERFORM 1 FROM audit_seal WHERE entry_id = NEW.id;
    IF FOUND THEN
        RETURN NULL;  -- written already sealed (bulk import); its writer maintains the head
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
    INSERT INTO audit_seal (entry_id, workspace_id, seq, prev_hash, hash)
    VALUES (NEW.id, NEW.workspace_id, head.seq, head.prev_hash, head.hash);
    RETURN NULL;
END
$$;
"""

UNTRIGGERS = r"""
DROP TRIGGER IF EXISTS audit_seal_no_truncate ON audit_seal;
DROP TRIGGER IF EXISTS audit_seal_append_only ON audit_seal;
"""


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_seal_at_commit")]

    operations = [
        migrations.CreateModel(
            name="AuditSeal",
            fields=[
                (
                    "entry",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="seal",
                        serialize=False,
                        to="audit.auditentry",
                    ),
                ),
                ("workspace_id", models.CharField(max_length=40)),
                ("seq", models.BigIntegerField()),
                ("prev_hash", models.CharField(max_length=64)),
                ("hash", models.CharField(max_length=64)),
            ],
            options={
                "db_table": "audit_seal",
                "constraints": [
                    models.UniqueConstraint(fields=("workspace_id", "seq"), name="audit_seal_ws_seq")
                ],
            },
        ),
        migrations.RunSQL(MOVE_SEALS, migrations.RunSQL.noop),
        migrations.RemoveConstraint(model_name="auditentry", name="audit_entry_ws_seq"),
        migrations.RemoveField(model_name="auditentry", name="seq"),
        migrations.RemoveField(model_name="auditentry", name="prev_hash"),
        migrations.RemoveField(model_name="auditentry", name="hash"),
        migrations.RunSQL(TRIGGERS, UNTRIGGERS),
    ]
