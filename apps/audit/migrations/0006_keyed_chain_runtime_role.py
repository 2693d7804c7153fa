"""The audit log holds against the application's own database role (issue 15).

Before: the purge exception was a session setting anyone could set, the seal and head tables could be
rewritten by the application's role, the chain was plain SHA-256 (recomputable by anyone), and a
deleted head made every later write of that workspace fail.

- **Privileges** (leadiosa.db_roles, after every migrate): the runtime role keeps SELECT and INSERT on
  `audit_entry` and SELECT only on `audit_seal`, `audit_chain_head` and `audit_chain_switch`.
- **Sealing** (`audit_entry_seal()`) is SECURITY DEFINER (runs as the owner, which alone writes seals
  and heads) and keyed: `hash` = HMAC-SHA256(chain key, prev_hash + "\\n" + content_hash) with the key
  the session got at connect (apps.audit.keys; never stored in the database), and the seal records the
  key's id. A session without a key cannot seal, so its transaction cannot commit an entry. A missing
  head is rebuilt from the last seal instead of restarting at seq 1 (which collided: a 500 forever);
  that seal says so (`head_rebuilt`), and audit_verify reports it.
- **Guards**: UPDATE, DELETE, TRUNCATE refused on all four tables as on `audit_entry`. DELETE only when
  the purge setting names the row's workspace *and* the deleting role owns the table (inside the purge
  function, which runs as the owner); the head moves only from inside the seal trigger (or an owner's
  bulk load). TRUNCATE still only in `test_…` databases (Django empties them so between tests).
- **Purge** only through `audit_purge_workspace(ws)`: SECURITY DEFINER, not executable by PUBLIC,
  and it checks in the database that the workspace is closed, its purge_after has passed, and its own
  chain's last closing/restoring entry is a `workspace.closed` (which only the application can seal).
- **The switch point.** Seals written before this migration were plain SHA-256 and cannot be re-keyed
  (append-only). Each existing chain gets one `audit_chain_switch` row: its head (seq, hash) at this
  moment, MACed with the chain key. `audit_verify` accepts an unkeyed seal only up to a switch row whose
  MAC checks out and whose hash is on the chain, so rewriting the old part, or passing new seals off as
  old ones, is detected.
"""

import re
from importlib import import_module

from django.db import migrations, models

SQL = r"""
CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE
    table_owner oid;
BEGIN
    SELECT relowner INTO table_owner FROM pg_class WHERE oid = TG_RELID;
    IF TG_OP = 'DELETE' AND OLD.workspace_id = current_setting('leadiosa.audit_purge', true)
        AND pg_has_role(current_user, table_owner, 'MEMBER')
    THEN
        RETURN OLD;  -- inside audit_purge_workspace(), which runs as the owner and checked the purge is due
    END IF;
    IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'audit_chain_head'
        AND (pg_trigger_depth() > 1 OR pg_has_role(current_user, table_owner, 'MEMBER'))
    THEN
        RETURN NEW;  -- the seal trigger moving the head (or the owner's bulk load)
    END IF;
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_chain_head_append_only
    BEFORE UPDATE OR DELETE ON audit_chain_head
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_chain_head_no_truncate
    BEFORE TRUNCATE ON audit_chain_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_no_truncate();
CREATE TRIGGER audit_chain_switch_append_only
    BEFORE UPDATE OR DELETE ON audit_chain_switch
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_chain_switch_no_truncate
    BEFORE TRUNCATE ON audit_chain_switch
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_no_truncate();

CREATE OR REPLACE FUNCTION audit_entry_seal() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    head record;
    v_key text := current_setting('leadiosa.audit_chain_key', true);
    v_key_id text;
    v_ipad bytea;
    v_opad bytea;
    v_last_seq bigint;
    v_last_hash text;
    v_rebuilt boolean := false;
BEGIN
    PERFORM 1 FROM audit_seal WHERE entry_id = NEW.id;
    IF FOUND THEN
        RETURN NULL;  -- written already sealed (bulk load by the owner); its writer maintains the head
    END IF;
    -- Before the purged-entry case below: an entry that only a purge in the same transaction made
    -- "disappear" still needs a session with the key (see audit_purge_workspace).
    IF v_key IS NULL OR v_key !~ '^[0-9a-f]{16}:[0-9a-f]{128}:[0-9a-f]{128}$' THEN
        RAISE EXCEPTION 'audit_entry % cannot be sealed: this session has no audit chain key', NEW.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM 1 FROM audit_entry WHERE id = NEW.id;
    IF NOT FOUND THEN
        RETURN NULL;  -- purged in the same transaction
    END IF;
    v_key_id := split_part(v_key, ':', 1);
    v_ipad := decode(split_part(v_key, ':', 2), 'hex');
    v_opad := decode(split_part(v_key, ':', 3), 'hex');
    -- HMAC-SHA256(key, prev || "\n" || content_hash) = H((K^opad) || H((K^ipad) || m)).
    UPDATE audit_chain_head AS h SET
        seq = h.seq + 1,
        prev_hash = h.hash,
        hash = encode(sha256(v_opad || sha256(v_ipad || convert_to(h.hash || chr(10) || NEW.content_hash, 'UTF8'))), 'hex')
    WHERE h.workspace_id = NEW.workspace_id
    RETURNING h.seq, h.prev_hash, h.hash INTO head;
    IF NOT FOUND THEN
        -- A new chain, or a head that was removed: go on from the last seal, never restart at seq 1.
        SELECT s.seq, s.hash INTO v_last_seq, v_last_hash
          FROM audit_seal s WHERE s.workspace_id = NEW.workspace_id ORDER BY s.seq DESC LIMIT 1;
        v_rebuilt := v_last_seq IS NOT NULL;  -- seals but no head: it was deleted
        v_last_seq := coalesce(v_last_seq, 0);
        v_last_hash := coalesce(v_last_hash, repeat('0', 64));
        INSERT INTO audit_chain_head AS h (workspace_id, seq, prev_hash, hash)
        VALUES (
            NEW.workspace_id, v_last_seq + 1, v_last_hash,
            encode(sha256(v_opad || sha256(v_ipad || convert_to(v_last_hash || chr(10) || NEW.content_hash, 'UTF8'))), 'hex')
        )
        ON CONFLICT (workspace_id) DO UPDATE SET
            seq = h.seq + 1,
            prev_hash = h.hash,
            hash = encode(sha256(v_opad || sha256(v_ipad || convert_to(h.hash || chr(10) || NEW.content_hash, 'UTF8'))), 'hex')
        RETURNING h.seq, h.prev_hash, h.hash INTO head;
        v_rebuilt := v_rebuilt AND head.seq = v_last_seq + 1;
    END IF;
    INSERT INTO audit_seal (entry_id, workspace_id, seq, prev_hash, hash, key_id, head_rebuilt)
    VALUES (NEW.id, NEW.workspace_id, head.seq, head.prev_hash, head.hash, v_key_id, v_rebuilt);
    RETURN NULL;
END
$$;

CREATE FUNCTION audit_purge_workspace(p_workspace_id text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_deleted bigint;
    v_last_action text;
BEGIN
    PERFORM 1 FROM workspaces_workspace w
     WHERE w.id = p_workspace_id AND w.status = 'closed'
       AND w.purge_after IS NOT NULL AND w.purge_after <= clock_timestamp();
    IF NOT FOUND THEN
        RAISE EXCEPTION 'the audit log of workspace % is not due for purge', p_workspace_id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- The log itself must say the workspace was closed (and not restored since): only a session that
    -- holds the chain key can commit that entry. An entry of this very transaction (not sealed yet)
    -- counts, as the newest: it is sealed at commit, and the seal trigger refuses a session without the
    -- key even for an entry this purge deleted, so a forged closing rolls the purge back with it.
    SELECT e.action INTO v_last_action
      FROM audit_entry e LEFT JOIN audit_seal s ON s.entry_id = e.id
     WHERE e.workspace_id = p_workspace_id
       AND e.action IN ('workspace.closed', 'workspace.restored')
     ORDER BY s.seq DESC NULLS FIRST, e.created_at DESC, e.id DESC LIMIT 1;
    IF v_last_action IS DISTINCT FROM 'workspace.closed' THEN
        RAISE EXCEPTION 'the audit log of workspace % holds no closing of it', p_workspace_id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM set_config('leadiosa.audit_purge', p_workspace_id, true);
    DELETE FROM audit_seal WHERE workspace_id = p_workspace_id;
    DELETE FROM audit_entry WHERE workspace_id = p_workspace_id;
    GET DIAGNOSTICS v_deleted = ROW_COUNT;
    DELETE FROM audit_chain_head WHERE workspace_id = p_workspace_id;
    DELETE FROM audit_chain_switch WHERE workspace_id = p_workspace_id;
    PERFORM set_config('leadiosa.audit_purge', '', true);
    RETURN v_deleted;
END
$$;
REVOKE ALL ON FUNCTION audit_purge_workspace(text) FROM PUBLIC;
"""

# Backwards: the triggers go, and 0005's two functions come back as they were.
_FUNCTIONS_0005 = re.findall(
    r"CREATE OR REPLACE FUNCTION .*?\n\$\$;\n",
    import_module("apps.audit.migrations.0005_seal_table").TRIGGERS,
    flags=re.DOTALL,
)
REVERSE_SQL = r"""
DROP FUNCTION IF EXISTS audit_purge_workspace(text);
DROP TRIGGER IF EXISTS audit_chain_switch_no_truncate ON audit_chain_switch;
DROP TRIGGER IF EXISTS audit_chain_switch_append_only ON audit_chain_switch;
DROP TRIGGER IF EXISTS audit_chain_head_no_truncate ON audit_chain_head;
DROP TRIGGER IF EXISTS audit_chain_head_append_only ON audit_chain_head;
""" + "".join(_FUNCTIONS_0005)


def record_switch_points(apps, schema_editor):
    """One keyed switch row per existing chain: its head now. Later seals are all keyed."""
    from apps.audit.keys import current_key, key_id, switch_mac

    key = current_key()
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT workspace_id, seq, hash FROM audit_chain_head")
        for workspace_id, seq, digest in cursor.fetchall():
            cursor.execute(
                "INSERT INTO audit_chain_switch (workspace_id, seq, hash, key_id, mac) VALUES (%s, %s, %s, %s, %s)",
                [workspace_id, seq, digest, key_id(key), switch_mac(key, workspace_id, seq, digest)],
            )


def refuse_to_unkey(apps, schema_editor):
    """Going back would drop every seal's key_id, and keyed links would then read as broken unkeyed
    ones: refuse while any keyed seal exists (a database without audit entries may go back)."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM audit_seal WHERE key_id <> '' LIMIT 1")
        if cursor.fetchone() is not None:
            raise RuntimeError("audit 0006 cannot be reversed: keyed seals exist and would become unverifiable")


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_seal_table"), ("workspaces", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="auditseal",
            name="key_id",
            field=models.CharField(blank=True, default="", max_length=16),
        ),
        migrations.AddField(
            model_name="auditseal",
            name="head_rebuilt",
            field=models.BooleanField(db_default=False, default=False),
        ),
        migrations.CreateModel(
            name="AuditChainSwitch",
            fields=[
                ("workspace_id", models.CharField(max_length=40, primary_key=True, serialize=False)),
                ("seq", models.BigIntegerField()),
                ("hash", models.CharField(max_length=64)),
                ("key_id", models.CharField(max_length=16)),
                ("mac", models.CharField(max_length=64)),
            ],
            options={"db_table": "audit_chain_switch"},
        ),
        migrations.RunPython(record_switch_points, refuse_to_unkey),
        migrations.RunSQL(SQL, REVERSE_SQL),
    ]
