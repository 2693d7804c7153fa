"""GET /audit/export: the whole filtered range, JSON lines or CSV, streamed, audited, admin only."""

import csv
import io
import json
import tracemalloc
from datetime import UTC, datetime, timedelta

import pytest
from django.http import StreamingHttpResponse

from apps.audit.models import AuditEntry
from leadiosa.events import emit
from tests.audit.factories import bulk_chain
from tests.audit.helpers import last_entry

pytestmark = pytest.mark.django_db


def body_of(response) -> str:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode()


def jsonl(response) -> list[dict]:
    return [json.loads(line) for line in body_of(response).splitlines()]


@pytest.mark.parametrize(
    ("persona", "status"), [("owner", 200), ("admin", 200), ("agent", 403), ("reader", 403)]
)
def test_export_needs_admin_role(personas, persona, status):
    response = personas[persona].api.get("audit/export", {"format": "jsonl"})
    assert response.status_code == status
    if status == 403:
        assert response.json()["error"]["code"] == "permission_denied"


def test_export_needs_a_token(anonymous):
    assert anonymous.get("audit/export").status_code == 401


def test_jsonl_export_lists_every_entry_oldest_first_as_the_api_shows_them(admin):
    bulk_chain(admin.workspace.id, 130)  # more than one page of the list, more than one chunk of output
    response = admin.api.get("audit/export", {"format": "jsonl"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-ndjson")
    assert "attachment" in response["Content-Disposition"]
    assert response["X-Request-Id"].startswith("req_")
    rows = jsonl(response)
    stored = AuditEntry.all_workspaces.filter(workspace_id=admin.workspace.id)
    assert [row["id"] for row in rows] == list(
        stored.order_by("created_at", "id").values_list("id", flat=True)
    )
    listed = admin.api.get("audit", {"limit": 1, "resource_type": "conversation"}).json()["data"][0]
    assert [row for row in rows if row["id"] == listed["id"]] == [listed]


def test_export_is_itself_audited(admin):
    response = admin.api.get("audit/export", {"format": "csv"})
    entry = last_entry(admin.workspace.id)
    assert entry.action == "audit.exported"
    assert (entry.actor_type, entry.actor_id) == ("token", admin.token.id)
    assert entry.request_id == response["X-Request-Id"]
    assert entry.resource_type == "audit_log"


def test_csv_export_has_a_header_and_one_line_per_entry(admin):
    emit(
        "conversation.updated",
        workspace_id=admin.workspace.id,
        resource_type="conversation",
        resource_id="conv_csv",
        changes=["status", "priority"],
    )
    response = admin.api.get("audit/export", {"format": "csv", "resource_id": "conv_csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(body_of(response))))
    assert len(rows) == 1
    assert rows[0]["resource_id"] == "conv_csv"
    assert rows[0]["changes"] == "priority status"
    assert rows[0]["created_at"].endswith("Z")


def test_export_covers_exactly_the_requested_range(admin):
    bulk_chain(admin.workspace.id, 10, start=datetime(2026, 3, 1, tzinfo=UTC), step=timedelta(hours=1))
    response = admin.api.get(
        "audit/export",
        {
            "format": "jsonl",
            "created_after": "2026-03-01T01:30:00Z",
            "created_before": "2026-03-01T04:00:00Z",
        },
    )
    assert [row["created_at"] for row in jsonl(response)] == [
        "2026-03-01T02:00:00.000Z",
        "2026-03-01T03:00:00.000Z",
    ]


@pytest.mark.parametrize(
    ("params", "param"),
    [({"format": "xml"}, "format"), ({"format": "csv", "created_after": "last week"}, "created_after")],
)
def test_export_rejects_bad_parameters_as_json_errors(admin, params, param):
    response = admin.api.get("audit/export", params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]["code"] == "invalid_parameter"
    assert response.json()["error"]["param"] == param
    assert not AuditEntry.all_workspaces.filter(action="audit.exported").exists()


def test_export_never_includes_another_workspace(admin, stranger):
    bulk_chain(stranger.workspace.id, 20)
    rows = jsonl(admin.api.get("audit/export"))
    foreign = set(
        AuditEntry.all_workspaces.filter(workspace_id=stranger.workspace.id).values_list("id", flat=True)
    )
    assert rows and not foreign & {row["id"] for row in rows}


def _peak_traced_memory_of_export(persona) -> tuple[int, int]:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        response = persona.api.get("audit/export", {"format": "jsonl"})
        lines = sum(chunk.count(b"\n") for chunk in response.streaming_content)
        return lines, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_export_memory_does_not_grow_with_the_number_of_entries(admin):
    """10x the entries, about the same peak: rows are streamed, never collected (see bench/audit)."""
    bulk_chain(admin.workspace.id, 2_500)
    small_lines, small_peak = _peak_traced_memory_of_export(admin)
    bulk_chain(admin.workspace.id, 22_500)
    large_lines, large_peak = _peak_traced_memory_of_export(admin)
    assert large_lines > 9 * small_lines
    assert large_peak < 2 * small_peak, (small_peak, large_peak)


def test_client_ip_comes_from_the_proxy_header_only_when_proxies_are_trusted(admin, settings):
    forwarded = {"X-Forwarded-For": "198.51.100.7, 10.0.0.1"}
    admin.api.get("audit/export", headers=forwarded)
    assert last_entry(admin.workspace.id).ip == "127.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 2  # the proxy at 10.0.0.1, then ours at REMOTE_ADDR
    admin.api.get("audit/export", headers=forwarded)
    assert last_entry(admin.workspace.id).ip == "198.51.100.7"
