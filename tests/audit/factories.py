"""Audit entries in bulk, with a valid chain (COPY, hashes computed here): for export and verify tests
and the benchmark. Single entries are made the real way, through emit()."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from django.db import connection, transaction

from apps.audit.chain import GENESIS, canonical_content, content_digest, seal_pending
from apps.audit.keys import current_key, key_id, link_mac
from apps.audit.models import AuditChainHead
from leadiosa.ids import new_id

_COLUMNS = (
    "id",
    "workspace_id",
    "action",
    "actor_type",
    "actor_id",
    "resource_type",
    "resource_id",
    "request_id",
    "ip",
    "changes",
    "created_at",
    "content_hash",
)


@transaction.atomic
def bulk_chain(
    workspace_id: str,
    count: int,
    *,
    start: datetime | None = None,
    step: timedelta = timedelta(milliseconds=1),
    action: str = "conversation.updated",
    resource_type: str = "conversation",
) -> None:
    """Append `count` chained entries to a workspace's chain, `step` apart from `start`.

    Written already sealed (the seal trigger leaves such rows alone), so this maintains the head itself.
    """
    seal_pending()
    head = AuditChainHead.objects.select_for_update().filter(workspace_id=workspace_id).first()
    seq, prev = (head.seq, head.hash) if head else (0, GENESIS)
    created_at = start or datetime.now(UTC) - count * step
    last_prev = prev
    seals = []
    key = current_key()
    kid = key_id(key)
    entry_sql = f"COPY audit_entry ({', '.join(_COLUMNS)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(entry_sql) as copy:
        for n in range(count):
            seq += 1
            fields = {
                "id": new_id("aud"),
                "workspace_id": workspace_id,
                "action": action,
                "actor_type": "system",
                "actor_id": "",
                "resource_type": resource_type,
                "resource_id": f"conv_bulk{n:017d}",
                "request_id": "",
                "ip": "",
                "changes": ["priority", "status"],
                "created_at": created_at,
            }
            content_hash = content_digest(canonical_content(**fields))
            digest = link_mac(key, prev, content_hash)
            copy.write_row(
                (*(fields[c] for c in _COLUMNS[:9]), json.dumps(fields["changes"]), created_at, content_hash)
            )
            seals.append((fields["id"], workspace_id, seq, prev, digest, kid))
            last_prev, prev = prev, digest
            created_at += step
    seal_sql = "COPY audit_seal (entry_id, workspace_id, seq, prev_hash, hash, key_id) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(seal_sql) as copy:
        for seal in seals:
            copy.write_row(seal)
    AuditChainHead.objects.update_or_create(
        workspace_id=workspace_id, defaults={"seq": seq, "hash": prev, "prev_hash": last_prev}
    )
