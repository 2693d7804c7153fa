"""A head made by a concurrent first seal is not a deleted head (found by CI under load).

The seal trigger (0008) updates the workspace's chain head; when no row is updated it reads the last
seal, marks the entry `head_rebuilt` if seals exist (seals without a head: the head was deleted), and
inserts the head, or on a conflict advances it. In READ COMMITTED each statement sees what committed
before it began, so when another transaction sealed the chain's *first* entry between the UPDATE and
the SELECT, the SELECT saw that seal, the INSERT met that transaction's head, and the entry was marked
`head_rebuilt` although nothing was deleted: `audit_verify` then reported the chain BROKEN.

Now the INSERT does nothing on a conflict, and the head that another transaction made is advanced by
the same UPDATE as any other: an entry is marked only when its own INSERT recreated the head while
seals existed. (An INSERT meets a committed conflicting row whatever its snapshot, and waits for an
uncommitted one.) tests/audit/test_concurrency.py opens that window deterministically.
"""

from importlib import import_module

from django.db import migrations

SEAL_0008 = import_module("apps.audit.migrations.0008_sealed_at_purge_age").SEAL_FUNCTION

ADVANCE_HEAD = """UPDATE audit_chain_head AS h SET
        seq = h.seq + 1,
        prev_hash = h.hash,
        hash = encode(sha256(v_opad || sha256(v_ipad || convert_to(h.hash || chr(10) || NEW.content_hash, 'UTF8'))), 'hex')
    WHERE h.workspace_id = NEW.workspace_id
    RETURNING h.seq, h.prev_hash, h.hash INTO head;"""

CONFLICT_0008 = """        ON CONFLICT (workspace_id) DO UPDATE SET
            seq = h.seq + 1,
            prev_hash = h.hash,
            hash = encode(sha256(v_opad || sha256(v_ipad || convert_to(h.hash || chr(10) || NEW.content_hash, 'UTF8'))), 'hex')
        RETURNING h.seq, h.prev_hash, h.hash INTO head;
        v_rebuilt := v_rebuilt AND head.seq = v_last_seq + 1;
"""

CONFLICT = """        ON CONFLICT (workspace_id) DO NOTHING
        RETURNING h.seq, h.prev_hash, h.hash INTO head;
        IF NOT FOUND THEN
            -- Another transaction made the head after the UPDATE above: nothing was deleted.
            v_rebuilt := false;
            {advance}
        END IF;
""".format(advance=ADVANCE_HEAD)


def _seal_function() -> str:
    assert SEAL_0008.count(ADVANCE_HEAD) == 1 and SEAL_0008.count(CONFLICT_0008) == 1
    return SEAL_0008.replace(CONFLICT_0008, CONFLICT)


class Migration(migrations.Migration):
    dependencies = [("audit", "0008_sealed_at_purge_age")]

    operations = [migrations.RunSQL(_seal_function(), SEAL_0008)]
