"""GET/POST /contacts, GET/PATCH/DELETE /contacts/{id}."""

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connections

from apps.contacts.models import Contact
from tests.conftest import make_persona
from tests.contacts.factories import ContactFactory
from tests.factories import WorkspaceFactory


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


# ---- create ----------------------------------------------------------------------------------------


def test_create_a_contact(agent, captured_events):
    response = agent.api.post(
        "contacts",
        {
            "email": " Grace@Example.ORG ",
            "name": "Grace",
            "phone": "+44 20 1234",
            "external_id": "crm-7",
            "attributes": {"plan": "pro", "seats": 4, "trial": False, "score": 1.5},
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["id"].startswith("ct_")
    assert body["email"] == "grace@example.org"
    assert body["attributes"] == {"plan": "pro", "seats": 4, "trial": False, "score": 1.5}
    assert "last_seen_at" not in body
    assert [e.type for e in captured_events] == ["contact.created"]
    assert captured_events[0].contact_id == body["id"]
    assert captured_events[0].data == body


def test_an_empty_contact_omits_every_optional_field(agent):
    body = agent.api.post("contacts", {}).json()
    assert set(body) == {"id", "created_at", "updated_at"}


@pytest.mark.parametrize("field", ["email", "external_id"])
def test_duplicate_email_or_external_id_is_contact_exists(agent, field):
    value = "dup@example.org" if field == "email" else "ext-1"
    assert agent.api.post("contacts", {field: value}).status_code == 201
    again = agent.api.post("contacts", {field: value.upper() if field == "email" else value})
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "contact_exists"
    assert Contact.all_workspaces.filter(**{field: value}).count() == 1


def test_the_same_email_in_another_workspace_is_a_different_contact(agent, stranger):
    assert agent.api.post("contacts", {"email": "same@example.org"}).status_code == 201
    assert stranger.api.post("contacts", {"email": "same@example.org"}).status_code == 201


@pytest.mark.parametrize(
    ("body", "param"),
    [
        ({"email": "nope"}, "email"),
        ({"name": "x" * 201}, "name"),
        ({"id": "ct_x"}, "id"),
        ({"created_at": "2026-01-01T00:00:00Z"}, "created_at"),
        ({"workspace_id": "ws_x"}, "workspace_id"),
        ({"attributes": ["a"]}, "attributes"),
        ({"attributes": {"nested": {"a": 1}}}, "attributes.nested"),
        ({"attributes": {"list": [1]}}, "attributes.list"),
        ({"attributes": {"long": "x" * 1001}}, "attributes.long"),
        ({"attributes": {"": "x"}}, "attributes"),
        ({"attributes": {"k" * 101: "x"}}, "attributes"),
        ({"attributes": {f"k{i}": i for i in range(101)}}, "attributes"),
    ],
)
def test_create_validation_names_the_field(agent, body, param):
    response = agent.api.post("contacts", body)
    assert response.status_code == 400, response.json()
    assert response.json()["error"]["code"] == "validation_error"
    assert response.json()["error"]["param"] == param


def test_a_hundred_attributes_are_allowed(agent):
    response = agent.api.post("contacts", {"attributes": {f"k{i}": i for i in range(100)}})
    assert response.status_code == 201


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_creates_of_one_email_make_one_contact():
    persona = make_persona(WorkspaceFactory(), "agent")

    def create(_):
        try:
            response = persona.api.post("contacts", {"email": "race@example.org"})
            return response.status_code, response.json().get("error", {}).get("code")
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(create, range(16)))
    assert results.count((201, None)) == 1
    assert results.count((409, "contact_exists")) == 15
    assert Contact.all_workspaces.filter(email="race@example.org").count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize(("field", "value"), [("email", "race2@example.org"), ("external_id", "race-ext")])
def test_concurrent_conversations_for_one_new_contact_share_one_contact(field, value):
    """`contact_find_or_create` waits on the e-mail's or external_id's lock before looking: concurrent
    first conversations of one new contact all get 201 and the one contact, none a 409."""
    persona = make_persona(WorkspaceFactory(), "agent")

    def start(_):
        try:
            response = persona.api.post("conversations", {"contact": {field: value}})
            return response.status_code, response.json().get("contact_id")
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(start, range(12)))
    assert {status for status, _ in results} == {201}
    assert len({contact_id for _, contact_id in results}) == 1
    assert Contact.all_workspaces.filter(**{field: value}).count() == 1


# ---- retrieve and list -----------------------------------------------------------------------------


def test_retrieve_and_foreign_contact_is_not_found(agent, workspace, other_workspace):
    mine, theirs = ContactFactory(workspace=workspace), ContactFactory(workspace=other_workspace)
    assert agent.api.get(f"contacts/{mine.id}").json()["email"] == mine.email
    for contact_id in (theirs.id, "ct_missing"):
        response = agent.api.get(f"contacts/{contact_id}")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "contact_not_found"


def test_list_newest_first_isolated_and_paginated(agent, workspace, other_workspace):
    made = [ContactFactory(workspace=workspace).id for _ in range(3)]
    ContactFactory(workspace=other_workspace, email="foreign@example.org", name="Foreign")
    first = agent.api.get("contacts", {"limit": 2}).json()
    rest = agent.api.get("contacts", {"limit": 2, "after": first["pagination"]["next_cursor"]}).json()
    assert [c["id"] for c in first["data"] + rest["data"]] == made[::-1]
    for params in ({"email": "foreign@example.org"}, {"q": "Foreign"}, {"q": "foreign@"}):
        assert agent.api.get("contacts", params).json()["data"] == []


def test_list_query_count_does_not_grow(agent, workspace, count_queries):
    ContactFactory(workspace=workspace, attributes={"a": 1})
    agent.api.get("contacts")
    _, queries_for_one = count_queries(lambda: agent.api.get("contacts", {"limit": 100}))
    for _ in range(40):
        ContactFactory(workspace=workspace, attributes={"a": 1})
    response, queries_for_many = count_queries(
        lambda: agent.api.get("contacts", {"limit": 100, "q": "contact"})
    )
    assert len(response.json()["data"]) == 41
    assert queries_for_one == queries_for_many <= 2


def test_filters(agent, workspace):
    now = datetime.now(UTC)
    ada = ContactFactory(
        workspace=workspace,
        email="ada@lovelace.org",
        name="Ada Lovelace",
        external_id="e-1",
        created_at=now - timedelta(days=5),
        updated_at=now - timedelta(days=5),
    )
    bob = ContactFactory(workspace=workspace, email="bob@example.org", name="Bob", updated_at=now)

    def ids(**params):
        return {c["id"] for c in agent.api.get("contacts", params).json()["data"]}

    assert ids(email="ADA@lovelace.org") == {ada.id}
    assert ids(external_id="e-1") == {ada.id}
    assert ids(q="lovelace") == {ada.id}
    assert ids(q="LOVE") == {ada.id}
    assert ids(q="example.org") == {bob.id}
    assert ids(created_after=iso(now - timedelta(days=1))) == {bob.id}
    assert ids(updated_after=iso(now - timedelta(days=1))) == {bob.id}
    assert ids(q="nobody") == set()


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"created_after": "soon"}, "created_after"),
        ({"updated_after": "2026-01-01"}, "updated_after"),
        ({"q": "x" * 201}, "q"),
        ({"limit": "ten"}, "limit"),
    ],
)
def test_invalid_filter_values_are_invalid_parameter(agent, params, param):
    response = agent.api.get("contacts", params)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_parameter"
    assert response.json()["error"]["param"] == param


# ---- update ----------------------------------------------------------------------------------------


def test_patch_merges_attributes_and_null_removes_a_key(agent, workspace, captured_events):
    contact = ContactFactory(workspace=workspace, attributes={"plan": "free", "seats": 1, "old": "x"})
    response = agent.api.patch(
        f"contacts/{contact.id}", {"attributes": {"plan": "pro", "old": None, "new": True}}
    )
    assert response.status_code == 200
    assert response.json()["attributes"] == {"plan": "pro", "seats": 1, "new": True}
    [event] = captured_events
    assert event.type == "contact.updated"
    assert event.previous_attributes == {"attributes": {"plan": "free", "seats": 1, "old": "x"}}
    assert event.changes == ("attributes",)


def test_patch_clears_fields_with_null_or_empty(agent, workspace):
    contact = ContactFactory(workspace=workspace, phone="123", external_id="x")
    body = agent.api.patch(f"contacts/{contact.id}", {"phone": None, "external_id": "", "name": "New"}).json()
    assert "phone" not in body and "external_id" not in body
    assert body["name"] == "New"


def test_patch_may_not_exceed_a_hundred_attributes(agent, workspace):
    contact = ContactFactory(workspace=workspace, attributes={f"k{i}": i for i in range(99)})
    response = agent.api.patch(f"contacts/{contact.id}", {"attributes": {"a": 1, "b": 2}})
    assert response.status_code == 400
    assert response.json()["error"]["param"] == "attributes"
    assert (
        agent.api.patch(f"contacts/{contact.id}", {"attributes": {"a": 1, "k0": None, "b": 2}}).status_code
        == 200
    )


def test_patch_to_a_taken_email_is_contact_exists(agent, workspace):
    ContactFactory(workspace=workspace, email="taken@example.org")
    contact = ContactFactory(workspace=workspace)
    response = agent.api.patch(f"contacts/{contact.id}", {"email": "TAKEN@example.org"})
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "contact_exists"


def test_patch_without_changes_keeps_updated_at(agent, workspace, captured_events):
    contact = ContactFactory(workspace=workspace, name="Same")
    before = agent.api.get(f"contacts/{contact.id}").json()
    after = agent.api.patch(f"contacts/{contact.id}", {"name": "Same"}).json()
    assert after["updated_at"] == before["updated_at"]
    assert captured_events == []


def test_patch_refuses_read_only_fields_and_foreign_contacts(agent, other_workspace, workspace):
    contact = ContactFactory(workspace=workspace)
    response = agent.api.patch(f"contacts/{contact.id}", {"last_seen_at": "2026-01-01T00:00:00Z"})
    assert response.status_code == 400
    assert response.json()["error"]["param"] == "last_seen_at"
    foreign = ContactFactory(workspace=other_workspace, name="Keep")
    response = agent.api.patch(f"contacts/{foreign.id}", {"name": "Hacked"})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "contact_not_found"
    assert Contact.all_workspaces.get(pk=foreign.pk).name == "Keep"


# ---- roles -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["owner", "admin", "agent"])
def test_every_role_reads_and_writes_contacts(personas, persona):
    api = personas[persona].api
    created = api.post("contacts", {"name": persona})
    assert created.status_code == 201
    assert api.get("contacts").status_code == 200
    assert api.patch(f"contacts/{created.json()['id']}", {"phone": "1"}).status_code == 200


@pytest.mark.parametrize(
    ("persona", "allowed"), [("owner", True), ("admin", True), ("agent", False), ("reader", False)]
)
def test_only_admins_and_owners_erase(personas, persona, allowed, workspace):
    contact = ContactFactory(workspace=workspace)
    response = personas[persona].api.delete(f"contacts/{contact.id}")
    if allowed:
        assert response.status_code == 204
        assert not Contact.all_workspaces.filter(pk=contact.pk).exists()
    else:
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "permission_denied"
        assert Contact.all_workspaces.filter(pk=contact.pk).exists()


def test_read_only_token_reads_contacts_only(reader, workspace):
    contact = ContactFactory(workspace=workspace)
    assert reader.api.get(f"contacts/{contact.id}").status_code == 200
    assert reader.api.post("contacts", {}).status_code == 403
    assert reader.api.patch(f"contacts/{contact.id}", {"name": "x"}).status_code == 403


def test_erasing_a_foreign_or_missing_contact_is_not_found(admin, other_workspace):
    foreign = ContactFactory(workspace=other_workspace)
    for contact_id in (foreign.id, "ct_missing"):
        response = admin.api.delete(f"contacts/{contact_id}")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "contact_not_found"
    assert Contact.all_workspaces.filter(pk=foreign.pk).exists()
