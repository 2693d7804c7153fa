"""A duplicate e-mail or external_id is found by asking first, never by provoking a unique violation:
PostgreSQL logs a failing statement's error with the row's values (an e-mail, a name, a phone number),
and that log would outlive the contact's erasure. Each test watches every statement the request sends
to PostgreSQL and asserts that none failed, while the API still answers 409 contact_exists."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from django.db import connection

from apps.contacts.models import Contact


@contextmanager
def database_errors():
    """Every error PostgreSQL answered a statement with, while the block runs."""
    failed: list[Exception] = []

    def watch(execute, sql, params, many, context):
        try:
            return execute(sql, params, many, context)
        except Exception as exc:
            failed.append(exc)
            raise

    with connection.execute_wrapper(watch):
        yield failed


@pytest.mark.parametrize(("field", "value"), [("email", "Dup@Example.org"), ("external_id", "crm-42")])
def test_creating_a_duplicate_is_409_without_a_database_error(agent, field, value):
    assert agent.api.post("contacts", {field: value, "name": "Ada Lovelace"}).status_code == 201
    with database_errors() as failed:
        again = agent.api.post(
            "contacts", {field: value, "name": "Ada Lovelace", "phone": "+44 20 7946 0000"}
        )
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "contact_exists"
    assert failed == []
    assert Contact.all_workspaces.count() == 1


def test_changing_to_a_taken_email_or_external_id_is_409_without_a_database_error(agent):
    agent.api.post("contacts", {"email": "taken@example.org", "external_id": "crm-1"})
    other = agent.api.post("contacts", {"email": "free@example.org"}).json()
    for change in ({"email": "TAKEN@example.org"}, {"external_id": "crm-1"}):
        with database_errors() as failed:
            response = agent.api.patch(f"contacts/{other['id']}", change)
        assert response.status_code == 409, change
        assert response.json()["error"]["code"] == "contact_exists"
        assert failed == []
    # Keeping one's own e-mail (in another case) is no conflict.
    assert agent.api.patch(f"contacts/{other['id']}", {"email": "FREE@example.org"}).status_code == 200


def test_a_conversation_for_a_new_email_whose_external_id_is_taken_is_409_without_a_database_error(agent):
    agent.api.post("contacts", {"email": "first@example.org", "external_id": "crm-7"})
    with database_errors() as failed:
        response = agent.api.post(
            "conversations", {"contact": {"email": "second@example.org", "external_id": "crm-7"}}
        )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "contact_exists"
    assert failed == []


def test_a_conversation_for_a_known_email_reuses_the_contact(agent):
    first = agent.api.post("contacts", {"email": "known@example.org"}).json()
    with database_errors() as failed:
        response = agent.api.post("conversations", {"contact": {"email": "Known@example.org"}})
    assert response.status_code == 201
    assert response.json()["contact_id"] == first["id"]
    assert failed == []


def test_the_same_email_in_two_workspaces_is_no_conflict(agent, stranger):
    assert agent.api.post("contacts", {"email": "same@example.org"}).status_code == 201
    with database_errors() as failed:
        assert stranger.api.post("contacts", {"email": "same@example.org"}).status_code == 201
    assert failed == []
