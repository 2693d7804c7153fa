"""Every write endpoint of the API writes its audit entries: exactly the expected ones, in one request.

The cases are keyed by route and method, and the parametrisation comes from the URL resolver (the same
enumeration the OpenAPI schema is built from): a write endpoint added without a case here fails
`test_write_endpoint_is_audited[... no case ...]`. A case describes how to reach the endpoint through the
public API only (prerequisites are created with API calls too) and the exact actions it must record.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from drf_spectacular.generators import EndpointEnumerator

from apps.audit.models import AuditEntry
from tests.audit.helpers import last_entry, sealed_entries
from tests.conftest import Persona

pytestmark = pytest.mark.django_db

API_PREFIX = "/api/v1/"
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def write_endpoints() -> list[tuple[str, str]]:
    """(METHOD, route) of every write operation under /api/v1/, path parameters written `{}`."""
    found = set()
    for path, _regex, method, _view in EndpointEnumerator().get_api_endpoints():
        if path.startswith(API_PREFIX) and method in WRITE_METHODS:
            found.add((method, re.sub(r"\{[^}]+\}", "{}", path)))
    return sorted(found)


# --- prerequisites, made through the API ------------------------------------------------------------


def _created(response) -> dict:
    assert response.status_code == 201, response.content
    return response.json()


def contact(p: Persona) -> str:
    return _created(p.api.post("contacts", {"email": "audit-case@example.com", "name": "Case"}))["id"]


def conversation(p: Persona) -> str:
    return _created(p.api.post("conversations", {"contact_id": contact(p), "handled_by": "human"}))["id"]


def webhook(p: Persona) -> str:
    return _created(p.api.post("webhooks", {"url": "https://hooks.example.com/in", "events": ["*"]}))["id"]


def _delivered_webhook(p: Persona) -> str:
    """`{webhook_id}/deliveries/{delivery_id}` of a test event's delivery."""
    hook = webhook(p)
    delivery = _created(p.api.post(f"webhooks/{hook}/test", {}))["id"]
    return f"{hook}/deliveries/{delivery}"


def article(p: Persona) -> str:
    return _created(p.api.post("knowledge/articles", {"title": "Returns", "body": "# Returns\n\n30 days."}))[
        "id"
    ]


def closed_workspace(p: Persona) -> None:
    assert p.api.post("workspace/close", {}).status_code == 200


@dataclass(frozen=True)
class Case:
    # Given the acting persona: create what the call needs, return (path under /api/v1/, JSON body).
    prepare: Callable[[Persona], tuple[str, dict | None]]
    actions: tuple[str, ...]  # the entries the call writes, exactly (one per change)
    status: int | None = None  # when not the method's usual one (DEFAULT_STATUS)


DEFAULT_STATUS = {"POST": 201, "PATCH": 200, "PUT": 200, "DELETE": 204}


CASES: dict[tuple[str, str], Case] = {
    # contacts
    ("POST", "/api/v1/contacts"): Case(
        lambda p: ("contacts", {"email": "new@example.com"}), ("contact.created",)
    ),
    ("PATCH", "/api/v1/contacts/{}"): Case(
        lambda p: (f"contacts/{contact(p)}", {"name": "Renamed"}), ("contact.updated",)
    ),
    ("DELETE", "/api/v1/contacts/{}"): Case(lambda p: (f"contacts/{contact(p)}", None), ("contact.erased",)),
    # conversations, messages, notes
    ("POST", "/api/v1/conversations"): Case(
        lambda p: ("conversations", {"contact_id": contact(p), "handled_by": "human"}),
        ("conversation.created",),
    ),
    ("PATCH", "/api/v1/conversations/{}"): Case(
        lambda p: (f"conversations/{conversation(p)}", {"priority": "high"}), ("conversation.updated",)
    ),
    ("POST", "/api/v1/conversations/{}/messages"): Case(
        lambda p: (f"conversations/{conversation(p)}/messages", {"body": "Hello"}), ("message.created",)
    ),
    ("POST", "/api/v1/conversations/{}/notes"): Case(
        lambda p: (f"conversations/{conversation(p)}/notes", {"body": "Internal"}), ("note.created",)
    ),
    # webhooks
    ("POST", "/api/v1/webhooks"): Case(
        lambda p: ("webhooks", {"url": "https://hooks.example.com/in", "events": ["*"]}), ("webhook.created",)
    ),
    ("DELETE", "/api/v1/webhooks/{}"): Case(lambda p: (f"webhooks/{webhook(p)}", None), ("webhook.deleted",)),
    ("POST", "/api/v1/webhooks/{}/rotate-secret"): Case(
        lambda p: (f"webhooks/{webhook(p)}/rotate-secret", {}), ("webhook.secret_rotated",), 200
    ),
    ("POST", "/api/v1/webhooks/{}/test"): Case(
        lambda p: (f"webhooks/{webhook(p)}/test", {}), ("webhook.test",)
    ),
    ("PATCH", "/api/v1/webhooks/{}"): Case(
        lambda p: (f"webhooks/{webhook(p)}", {"description": "CRM"}), ("webhook.updated",)
    ),
    ("POST", "/api/v1/webhooks/{}/deliveries/{}/retry"): Case(
        lambda p: (f"webhooks/{_delivered_webhook(p)}/retry", {}), ("webhook.delivery_retried",), 202
    ),
    # knowledge
    ("POST", "/api/v1/knowledge/articles"): Case(
        lambda p: ("knowledge/articles", {"title": "Refunds", "body": "Within 30 days."}),
        ("knowledge.article.created",),
    ),
    ("PATCH", "/api/v1/knowledge/articles/{}"): Case(
        lambda p: (f"knowledge/articles/{article(p)}", {"status": "draft"}),
        ("knowledge.article.updated",),
    ),
    ("POST", "/api/v1/knowledge/articles/{}/ingest"): Case(
        lambda p: (f"knowledge/articles/{article(p)}/ingest", {}), ("knowledge.article.updated",), 202
    ),
    ("DELETE", "/api/v1/knowledge/articles/{}"): Case(
        lambda p: (f"knowledge/articles/{article(p)}", None), ("knowledge.article.deleted",)
    ),
    # workspace lifecycle
    ("POST", "/api/v1/workspace/archive"): Case(
        lambda p: ("workspace/archive", {}), ("workspace.archive.requested",), 202
    ),
    # Closing is two changes: the workspace closes and its archive is requested.
    ("POST", "/api/v1/workspace/close"): Case(
        lambda p: ("workspace/close", {}), ("workspace.closed", "workspace.archive.requested"), 200
    ),
    ("POST", "/api/v1/workspace/restore"): Case(
        lambda p: (closed_workspace(p), ("workspace/restore", {}))[1], ("workspace.restored",), 200
    ),
    # channels
    ("PATCH", "/api/v1/widget"): Case(
        lambda p: ("widget", {"allowed_origins": ["https://shop.example.com"]}), ("widget.updated",)
    ),
    ("POST", "/api/v1/widget/rotate-secret"): Case(
        lambda p: ("widget/rotate-secret", {}), ("widget.secret_rotated",), 200
    ),
}


def _send(persona: Persona, method: str, path: str, body, headers=None):
    if method == "DELETE":
        return persona.api.delete(path, headers=headers)
    return getattr(persona.api, method.lower())(path, body or {}, headers=headers)


def _entries_after(workspace_id: str, seq: int) -> list[AuditEntry]:
    return list(sealed_entries(workspace_id).filter(seq__gt=seq).order_by("seq"))


def _head(workspace_id: str) -> int:
    last = last_entry(workspace_id)
    return last.seq if last else 0


@pytest.fixture
def resolvable_webhook_hosts(monkeypatch):
    """hooks.example.com resolves to a public address, without the network (webhook URL validation)."""
    import ipaddress

    from apps.webhooks import network

    monkeypatch.setattr(network, "resolve", lambda host, port: [ipaddress.ip_address("93.184.216.34")])


@pytest.mark.parametrize(("method", "route"), write_endpoints(), ids=lambda v: v)
def test_write_endpoint_is_audited(method, route, owner, stranger, resolvable_webhook_hosts):
    case = CASES.get((method, route))
    assert case is not None, f"no audit case for {method} {route}: add one to CASES in {__name__}"
    workspace_id = owner.workspace.id
    path, body = case.prepare(owner)
    before, strangers_before = _head(workspace_id), _head(stranger.workspace.id)
    headers = {"Idempotency-Key": f"audit-{method}-{route}"} if method == "POST" else None

    response = _send(owner, method, path, body, headers)

    assert response.status_code == (case.status or DEFAULT_STATUS[method]), response.content
    written = _entries_after(workspace_id, before)
    assert Counter(entry.action for entry in written) == Counter(case.actions)
    for entry in written:
        assert (entry.actor_type, entry.actor_id) == ("token", owner.token.id)
        assert entry.request_id == response["X-Request-Id"]
        assert entry.ip == "127.0.0.1"
    assert _head(stranger.workspace.id) == strangers_before

    if method == "POST":  # a replayed (or refused) request changes nothing, so it records nothing
        replay = _send(owner, method, path, body, headers)
        if replay.status_code != 409:  # a closed workspace refuses writes before any replay
            assert replay["Idempotent-Replayed"] == "true"
        assert _entries_after(workspace_id, written[-1].seq) == []


def test_cases_name_real_routes_or_routes_still_to_come():
    """Keeps the table honest: every enumerated write endpoint has a case (the test above), and cases
    for endpoints that do not exist (yet) are only the contract's ones listed here."""
    pending = set(CASES) - set(write_endpoints())
    contract_routes = {
        ("POST", "/api/v1/knowledge/articles"),
        ("PATCH", "/api/v1/knowledge/articles/{}"),
        ("DELETE", "/api/v1/knowledge/articles/{}"),
        ("POST", "/api/v1/knowledge/articles/{}/ingest"),
        ("POST", "/api/v1/workspace/archive"),
        ("POST", "/api/v1/workspace/close"),
        ("POST", "/api/v1/workspace/restore"),
    }
    assert pending <= contract_routes


def test_reads_write_no_entry(owner, resolvable_webhook_hosts):
    conversation(owner)
    before = _head(owner.workspace.id)
    for path in ("contacts", "conversations", "webhooks", "workspace", "audit", "openapi.json"):
        owner.api.get(path)
    assert _head(owner.workspace.id) == before


def test_refused_write_writes_no_entry(owner, agent):
    before = _head(owner.workspace.id)
    assert owner.api.post("contacts", {"email": "x@example.com", "id": "ct_forged"}).status_code == 400
    contact_id = contact(owner)
    after_contact = _head(owner.workspace.id)
    assert agent.api.delete(f"contacts/{contact_id}").status_code == 403
    assert _head(owner.workspace.id) == after_contact == before + 1
