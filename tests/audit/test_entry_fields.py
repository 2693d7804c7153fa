"""The audit entry's fields are listed once (apps.audit.models.ENTRY_FIELDS); what is derived from them
must stay exactly what it was: the chain's canonical content (or sealed chains stop verifying), the
CSV's columns and the API's shape. The references here are written out by hand, not derived."""

import hashlib
import json
from datetime import UTC, datetime

import pytest
from django.db import connection

from apps.audit.chain import canonical_content, content_digest
from apps.audit.export import CSV_HEADER, csv_stream, jsonl_stream
from apps.audit.models import ENTRY_FIELDS
from apps.audit.serializers import entry_representation
from tests.audit.test_verify import verify

FIELDS = {
    "id": "aud_1",
    "workspace_id": "ws_1",
    "action": "conversation.updated",
    "actor_type": "token",
    "actor_id": "tok_1",
    "resource_type": "conversation",
    "resource_id": "cnv_1",
    "request_id": "req_1",
    "ip": "203.0.113.9",
    "changes": ["status", "tags"],
    "created_at": datetime(2026, 5, 12, 7, 28, 25, 901234, tzinfo=UTC),
}
# The canonical content as the chain wrote it before the field list was shared (version 1: before
# migration 0007; version 2: since), with its SHA-256.
V1 = (
    '{"action":"conversation.updated","actor_id":"tok_1","actor_type":"token","changes":["status","tags"],'
    '"created_at":"2026-05-12T07:28:25.901234Z","id":"aud_1","ip":"203.0.113.9","request_id":"req_1",'
    '"resource_id":"cnv_1","resource_type":"conversation","workspace_id":"ws_1"}'
)
V2 = (
    '{"action":"conversation.updated","actor_id":"tok_1","actor_type":"token","changes":["status","tags"],'
    '"client_request_id":"crm-1","created_at":"2026-05-12T07:28:25.901234Z","id":"aud_1","ip":"203.0.113.9",'
    '"request_id":"req_1","resource_id":"cnv_1","resource_type":"conversation","source":"api","v":2,'
    '"workspace_id":"ws_1"}'
)


def test_the_canonical_content_of_both_versions_is_unchanged():
    assert canonical_content(**FIELDS) == V1
    assert content_digest(V1) == "e5e06dfb6e35924b6d8e2d2f82cd0deb69877160eb5301e11b5e4dc39d2a2e3e"
    assert canonical_content(**FIELDS, source="api", client_request_id="crm-1", content_version=2) == V2
    assert content_digest(V2) == "7ee89e1a65d88ced95b3952983650edc2381e786467a3fcb1b458d5015c54c5f"
    # A version-1 entry's hash never covers the fields version 2 added.
    assert canonical_content(**FIELDS, source="api", client_request_id="crm-1", content_version=1) == V1


def test_a_field_that_is_not_recorded_is_refused():
    with pytest.raises(TypeError, match="colour"):
        canonical_content(**FIELDS, colour="red")


@pytest.mark.django_db
def test_entries_sealed_with_the_hand_written_content_still_verify(workspace):
    """Rows as the previous code inserted them (its column list, its canonical text), one of each
    version, sealed by the trigger: `manage.py audit_verify` passes the chain."""
    rows = []
    for n, (template, extra) in enumerate(((V1, {}), (V2, {"source": "api", "client_request_id": "crm-1"}))):
        entry_id = f"aud_legacyentry{n:010d}"
        text = template.replace('"ws_1"', json.dumps(workspace.id)).replace('"aud_1"', json.dumps(entry_id))
        rows.append(
            {
                **FIELDS,
                "id": entry_id,
                "workspace_id": workspace.id,
                "changes": json.dumps(FIELDS["changes"]),
                "source": extra.get("source", ""),
                "client_request_id": extra.get("client_request_id", ""),
                "content_version": 2 if extra else 1,
                "content_hash": hashlib.sha256(text.encode("ascii")).hexdigest(),
            }
        )
    with connection.cursor() as cursor:
        for row in rows:
            cursor.execute(
                "INSERT INTO audit_entry (id, workspace_id, action, actor_type, actor_id, resource_type, "
                "resource_id, request_id, ip, changes, created_at, source, client_request_id, "
                "content_version, content_hash) VALUES (%(id)s, %(workspace_id)s, %(action)s, "
                "%(actor_type)s, %(actor_id)s, %(resource_type)s, %(resource_id)s, %(request_id)s, %(ip)s, "
                "%(changes)s::jsonb, %(created_at)s, %(source)s, %(client_request_id)s, "
                "%(content_version)s, %(content_hash)s)",
                row,
            )
    ok, lines = verify("--workspace", workspace.id)
    assert ok, lines
    assert any(line.startswith(f"OK {workspace.id}: 2 entries") for line in lines)


def _row(**changes):
    values = {**FIELDS, "source": "api", "client_request_id": "crm-1", **changes}
    return tuple(values[name] for name in ENTRY_FIELDS)


def test_the_api_shape_keeps_its_keys_and_their_order():
    shown = entry_representation(_row())
    assert list(shown) == [
        "id",
        "action",
        "actor",
        "resource",
        "source",
        "request_id",
        "client_request_id",
        "ip",
        "changes",
        "created_at",
    ]
    assert shown["actor"] == {"type": "token", "id": "tok_1"}
    assert shown["created_at"] == "2026-05-12T07:28:25.901Z"
    empty = entry_representation(
        _row(actor_id="", source="", request_id="", client_request_id="", ip="", changes=[])
    )
    assert list(empty) == ["id", "action", "actor", "resource", "created_at"]


def test_the_exports_keep_their_columns():
    assert CSV_HEADER == (
        "id",
        "created_at",
        "action",
        "actor_type",
        "actor_id",
        "resource_type",
        "resource_id",
        "request_id",
        "ip",
        "changes",
        "source",
        "client_request_id",
    )
    csv_text = b"".join(csv_stream([_row()])).decode()
    assert csv_text.splitlines()[1] == (
        "aud_1,2026-05-12T07:28:25.901Z,conversation.updated,token,tok_1,conversation,cnv_1,req_1,"
        "203.0.113.9,status tags,api,crm-1"
    )
    assert json.loads(b"".join(jsonl_stream([_row()]))) == entry_representation(_row())
