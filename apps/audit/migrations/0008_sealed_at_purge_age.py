"""The purge needs a closing at least the grace period old, timed by the database (issue 15, part 2).

Before: `audit_purge_workspace(ws)` checked that the workspace row was closed with `purge_after`
passed, and that the workspace's log held a closing not followed by a restore. The application's role
writes the row, and every application connection holds the chain key, so a session of that role (an
SQL injection) could commit a forged `workspace.closed`, backdate `purge_after`, and purge an active
workspace's log at once.

- **`audit_seal.sealed_at`**: the database clock when the seal trigger sealed the entry
  (`clock_timestamp()` at COMMIT, set inside the SECURITY DEFINER trigger, never by the caller; not
  `now()`, which is the transaction's start: a transaction held open for 30 days would otherwise seal
  a closing as 30 days old). The runtime role can neither INSERT nor UPDATE seals (privileges and the
  append-only trigger), and `created_at` (the application's clock) plays no part. Seals that exist
  when this migration runs get the migration's time (they existed by then, nothing earlier is known
  to the database): a workspace closed before it is purged no earlier than 30 days after it.
- **`audit_purge_refusal(ws)`** returns why the log of `ws` may not be purged yet, or NULL when it
  may: the row is closed with `purge_after` passed, the log's latest closing/restoring entry (in
  chain order; one of this transaction, not sealed yet, counts as the latest) is a `workspace.closed`,
  and its seal's `sealed_at` is at least `PURGE_GRACE_DAYS` old by `clock_timestamp()`. The grace is
  the constant below (the application's `apps.workspaces.closure.PURGE_GRACE`; a test asserts they
  agree at the boundary): changing it takes a migration, never a row the runtime role could write.
  `audit_purge_workspace(ws)` raises that reason; the beat task asks first and skips (logs) a
  workspace that is not due by the database's reckoning, so one refused workspace does not stop the
  others' purges.
- **`search_path` ends with `pg_temp`** on the SECURITY DEFINER functions (and the append-only
  trigger): left out, a session's temporary schema is searched *first* for tables, so a session of the
  runtime role (which may create temporary tables) could shadow `audit_seal` with a table of its own
  holding an old seal for a forged closing.
"""

from django.db import migrations, models
from django.db.models.functions import Now

# apps.workspaces.closure.PURGE_GRACE, frozen here (tests/security/test_purge_age.py checks the boundary).
PURGE_GRACE_DAYS = 30

SEARCH_PATH_0006 = "pg_catalog, public"
SEARCH_PATH = "pg_catalog, public, pg_temp"

SEAL_FUNCTION = r"""
CREATE OR REPLACE FUNCTION audit_entry_seal() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {search_path} AS $$
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
    IF v_key IS NULL OR v_key !~ '^[0-9a-f]{{16}}:[0-9a-f]{{128}}:[0-9a-f]{{128}}$' THEN
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
    -- sealed_at: the database clock now (at COMMIT), not the transaction's start nor anything the
    -- caller wrote. The purge's grace is counted from the closing's sealed_at.
    INSERT INTO audit_seal (entry_id, workspace_id, seq, prev_hash, hash, key_id, head_rebuilt, sealed_at)
    VALUES (NEW.id, NEW.workspace_id, head.seq, head.prev_hash, head.hash, v_key_id, v_rebuilt, clock_timestamp());
    RETURN NULL;
END
$$;
""".format(search_path=SEARCH_PATH)

SQL = (
    SEAL_FUNCTION
    + r"""
CREATE FUNCTION audit_purge_refusal(p_workspace_id text) RETURNS text
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    v_action text;
    v_sealed_at timestamptz;
BEGIN
    PERFORM 1 FROM workspaces_workspace w
     WHERE w.id = p_workspace_id AND w.status = 'closed'
       AND w.purge_after IS NOT NULL AND w.purge_after <= clock_timestamp();
    IF NOT FOUND THEN
        RETURN format('the audit log of workspace %s is not due for purge', p_workspace_id);
    END IF;
    -- The latest closing or restoring in chain order. One of this very transaction (not sealed yet)
    -- counts as the newest, and has no sealed_at: a closing is never old enough before its commit.
    SELECT e.action, s.sealed_at INTO v_action, v_sealed_at
      FROM audit_entry e
      LEFT JOIN audit_seal s ON s.entry_id = e.id AND s.workspace_id = e.workspace_id
     WHERE e.workspace_id = p_workspace_id
       AND e.action IN ('workspace.closed', 'workspace.restored')
     ORDER BY s.seq DESC NULLS FIRST, e.created_at DESC, e.id DESC LIMIT 1;
    IF v_action IS DISTINCT FROM 'workspace.closed' THEN
        RETURN format('the audit log of workspace %s holds no closing of it', p_workspace_id);
    END IF;
    IF v_sealed_at IS NULL THEN
        RETURN format('the audit log of workspace %s is not due for purge: its closing is not sealed yet',
                      p_workspace_id);
    END IF;
    IF v_sealed_at > clock_timestamp() - interval '{grace_days} days' THEN
        RETURN format('the audit log of workspace %s is not due for purge: its closing was sealed less '
                      'than {grace_days} days ago by the database clock (at %s)', p_workspace_id, v_sealed_at);
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION audit_purge_workspace(p_workspace_id text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    v_deleted bigint;
    v_refusal text := audit_purge_refusal(p_workspace_id);
BEGIN
    IF v_refusal IS NOT NULL THEN
        RAISE EXCEPTION '%', v_refusal USING ERRCODE = 'insufficient_privilege';
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

ALTER FUNCTION audit_entry_append_only() SET search_path = pg_catalog, public, pg_temp;
""".replace("{grace_days}", str(PURGE_GRACE_DAYS))
)


def _reverse_sql() -> str:
    """0006's seal and purge functions as they were (without sealed_at), and its search_path."""
    from importlib import import_module

    sql_0006 = import_module("apps.audit.migrations.0006_keyed_chain_runtime_role").SQL
    start = sql_0006.index("CREATE OR REPLACE FUNCTION audit_entry_seal()")
    seal_and_purge = sql_0006[start:].replace(
        "CREATE FUNCTION audit_purge_workspace", "CREATE OR REPLACE FUNCTION audit_purge_workspace"
    )
    return (
        seal_and_purge
        + "DROP FUNCTION IF EXISTS audit_purge_refusal(text);\n"
        + f"ALTER FUNCTION audit_entry_append_only() SET search_path = {SEARCH_PATH_0006};\n"
    )


class Migration(migrations.Migration):
    dependencies = [("audit", "0007_source_client_request_id"), ("workspaces", "0001_initial")]

    operations = [
        # STATEMENT_TIMESTAMP() is stable: PostgreSQL evaluates it once, for the rows already there (no
        # rewrite, no row trigger), and keeps it as the default of rows written without one (an owner's
        # bulk COPY). The seal trigger always sets clock_timestamp() itself.
        migrations.AddField(
            model_name="auditseal",
            name="sealed_at",
            field=models.DateTimeField(db_default=Now(), editable=False),
        ),
        migrations.RunSQL(SQL, _reverse_sql()),
    ]
