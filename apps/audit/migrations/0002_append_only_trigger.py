"""The database refuses UPDATE and DELETE on audit_entry, whoever asks (the application's role too).

- UPDATE: always refused.
- DELETE: refused unless the transaction-local setting `leadiosa.audit_purge` names the row's
  workspace (services.audit_purge_workspace, the workspace purge).
- TRUNCATE: refused, except in test databases (`test_…`), which Django empties with TRUNCATE between
  transactional tests.

Only a table owner or superuser can get around this (ALTER TABLE … DISABLE TRIGGER, or
session_replication_role = replica); the hash chain is what catches that (manage.py audit_verify).
"""

from django.db import migrations

FORWARD = r"""
CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND OLD.workspace_id = current_setting('leadiosa.audit_purge', true) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_entry_append_only
    BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();

CREATE FUNCTION audit_entry_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_database() LIKE 'test\_%' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'audit_entry is append-only: TRUNCATE refused'
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_entry_no_truncate
    BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_no_truncate();
"""

BACKWARD = r"""
DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_entry;
DROP FUNCTION IF EXISTS audit_entry_no_truncate();
DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_entry;
DROP FUNCTION IF EXISTS audit_entry_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
