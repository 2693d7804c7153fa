"""Erasing a contact removes their e-mail headers and records: the database dump no longer holds
their address (runs on committed data, so pg_dump, a separate client, sees the rows)."""

from __future__ import annotations

import pytest

from apps.channels_email.models import EmailRecord
from tests.channels.conftest import deliver, sample
from tests.conftest import make_persona
from tests.database_dump import dump_database
from tests.factories import WorkspaceFactory

ADDRESS = "zed.erasure-mail-7731@example.org"
OTHER = "keeper.mail-4410@example.org"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_erasure_leaves_no_trace_of_the_address(smtp_server, eager_tasks):
    workspace = WorkspaceFactory()
    admin = make_persona(workspace, "admin")
    raw = (
        sample("multipart_attachment.eml")
        .replace(b"linus@kernel.example", ADDRESS.encode())
        .replace(b"Linus T", b"Zed Erasure-Mail")
    )
    assert deliver(workspace.id, raw).status_code == 202
    assert (
        deliver(
            workspace.id, sample("plain.eml").replace(b"Ada.Lovelace@Example.com", OTHER.encode())
        ).status_code
        == 202
    )
    conversations = admin.api.get("conversations").json()["data"]
    mine = next(
        c
        for c in conversations
        if admin.api.get(f"contacts/{c['contact_id']}").json().get("email") == ADDRESS
    )
    admin.api.patch(f"conversations/{mine['id']}", {"handled_by": "human"})
    response = admin.api.post(f"conversations/{mine['id']}/messages", {"body": "We are on it."})
    assert response.status_code == 201
    assert len(smtp_server.messages) == 1
    assert EmailRecord.objects.for_workspace(workspace.id).filter(contact_id=mine["contact_id"]).count() == 2

    before = dump_database()
    assert ADDRESS in before
    assert "error-report.pdf" in before
    assert "<20261201060000.GA1234@kernel.example>" in before

    assert admin.api.delete(f"contacts/{mine['contact_id']}").status_code == 204

    after = dump_database()
    assert ADDRESS not in after
    assert "Zed Erasure-Mail" not in after
    assert "error-report.pdf" not in after
    assert "<20261201060000.GA1234@kernel.example>" not in after
    assert not EmailRecord.all_workspaces.filter(contact_id=mine["contact_id"]).exists()
    assert OTHER in after  # only this contact's records are gone
