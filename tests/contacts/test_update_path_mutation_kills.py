"""Tests written for the mutants of `contact_update`, `_insert` and `_create` (9afcf00) that survived
tests/mutation/run.sh contacts (the list and the equivalent ones: tests/mutation/RESULTS.md, "Fifth batch").

- Since 9afcf00 the view no longer reads a contact before a valid PATCH: the service answers 404 for one
  it cannot find under its row lock, and names it as every endpoint does.
- What a write costs: the savepoints, key locks and columns of a contact's INSERT and UPDATE.
- contact_find_or_create's savepoint around the INSERT, which its IntegrityError backstop needs.
"""

from __future__ import annotations

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from apps.contacts import services
from tests.contacts.factories import ContactFactory

pytestmark = pytest.mark.django_db


def test_a_valid_patch_of_another_workspaces_contact_is_a_404_naming_it(agent, other_workspace):
    foreign = ContactFactory(workspace=other_workspace)
    response = agent.api.patch(f"contacts/{foreign.id}", {"name": "Mallory"})
    assert response.status_code == 404, response.json()
    assert response.json()["error"]["code"] == "contact_not_found"
    assert response.json()["error"]["message"] == f"Contact {foreign.id} not found."
    foreign.refresh_from_db()
    assert foreign.name != "Mallory"


def _sql(call) -> tuple[object, list[str]]:
    with CaptureQueriesContext(connections["default"]) as queries:
        response = call()
    return response, [q["sql"] for q in queries.captured_queries]


def _locks(sql: list[str]) -> int:
    return sum("pg_advisory_xact_lock" in s for s in sql)


def test_a_new_contact_is_one_insert_in_one_savepoint(agent):
    """contact_create's own atomic() is the only savepoint (the test's transaction makes it one): the
    INSERT takes none of its own (9afcf00) and is not tried as an UPDATE first."""
    assert agent.api.get("me").status_code == 200  # the token is cached from here on
    response, sql = _sql(lambda: agent.api.post("contacts", {"email": "ada@example.com", "name": "Ada"}))
    assert response.status_code == 201, response.json()
    assert sum(s.startswith("SAVEPOINT") for s in sql) == 1, sql
    writes = [s for s in sql if '"contacts_contact"' in s and s.startswith(("INSERT", "UPDATE"))]
    assert len(writes) == 1 and writes[0].startswith("INSERT"), writes


def test_a_patch_locks_only_the_keys_it_changes_and_writes_only_the_changed_columns(agent):
    contact = agent.api.post("contacts", {"email": "ada@example.com", "external_id": "crm-1"}).json()
    assert agent.api.get("me").status_code == 200
    response, sql = _sql(lambda: agent.api.patch(f"contacts/{contact['id']}", {"external_id": "crm-2"}))
    assert response.status_code == 200, response.json()
    assert _locks(sql) == 1, sql  # external_id's key; the e-mail it keeps is not locked or asked
    response, sql = _sql(lambda: agent.api.patch(f"contacts/{contact['id']}", {"email": "ada@example.org"}))
    assert response.status_code == 200, response.json()
    assert _locks(sql) == 1, sql
    assert sum(s.startswith("SAVEPOINT") for s in sql) == 1, sql  # contact_update's atomic() only
    response, sql = _sql(lambda: agent.api.patch(f"contacts/{contact['id']}", {"name": "Ada"}))
    assert response.status_code == 200 and response.json()["name"] == "Ada"
    assert _locks(sql) == 0, sql
    [update] = [s for s in sql if s.startswith('UPDATE "contacts_contact"')]
    assert '"name" =' in update and '"email" =' not in update and '"external_id" =' not in update, update


def test_a_contact_found_by_the_unique_constraint_alone_is_returned(agent, monkeypatch):
    """contact_find_or_create's backstop: when a writer that took no lock inserted the e-mail first (here:
    the key check is made to miss it), the INSERT's unique violation rolls back to its savepoint and the
    existing contact is used; the conversation is still created."""
    existing = agent.api.post("contacts", {"email": "ada@example.com"}).json()
    monkeypatch.setattr(services, "_key_taken", lambda **_: False)
    response = agent.api.post("conversations", {"contact": {"email": "ada@example.com"}})
    assert response.status_code == 201, response.json()
    assert response.json()["contact_id"] == existing["id"]
