"""Tests written for the mutants of leadiosa/api/spec/links.py and events.py (tests/mutation/run.sh
spec_links; the equivalent ones: tests/mutation/RESULTS.md).

The served document's OpenAPI links, which a client generator or a stateful fuzzer follows from a create
to its read, update and delete: each on the source's first success response, named after its target,
with the runtime expression that carries the id; and the webhooks' operation ids.
"""

from __future__ import annotations

import pytest

from leadiosa.api.spec import links
from leadiosa.api.spec.events import operation_id

pytestmark = pytest.mark.django_db


def operations(spec) -> dict:
    return {
        op["operationId"]: op
        for item in spec["paths"].values()
        for op in item.values()
        if "operationId" in op
    }


def test_a_create_links_its_answers_id_to_the_reads_and_writes_of_that_resource(spec):
    created = operations(spec)["createContact"]["responses"]["201"]
    assert created["links"] == {
        name: {
            "operationId": target,
            "parameters": {"contact_id": "$response.body#/id"},
            "description": f"The `createContact` answer's id, for `{target}`.",
        }
        for name, target in (
            ("GetContact", "getContact"),
            ("UpdateContact", "updateContact"),
            ("EraseContact", "eraseContact"),
        )
    }


def test_a_list_links_its_first_items_id_and_a_request_path_is_carried_on(spec):
    ops = operations(spec)
    assert ops["listEvents"]["responses"]["200"]["links"]["GetEvent"]["parameters"] == {
        "event_id": "$response.body#/data/0/id"
    }
    retry = ops["listWebhookDeliveries"]["responses"]["200"]["links"]["RetryWebhookDelivery"]
    assert retry["parameters"] == {
        "webhook_id": "$request.path.webhook_id",
        "delivery_id": "$response.body#/data/0/id",
    }
    assert ops["getConversation"]["responses"]["200"]["links"]["GetContact"]["parameters"] == {
        "contact_id": "$response.body#/contact_id"
    }


def test_every_link_names_an_operation_of_the_document_and_only_success_responses_carry_links(spec):
    ops = operations(spec)
    sources = 0
    for source, operation in ops.items():
        for status, response in operation["responses"].items():
            if "links" not in response:
                continue
            assert status.startswith("2"), (source, status)
            assert status == min(s for s in operation["responses"] if s.startswith("2")), (source, status)
            for name, link in response["links"].items():
                assert link["operationId"] in ops, (source, name)
                assert name == link["operationId"][0].upper() + link["operationId"][1:]
            sources += 1
    assert sources == len(links.LINKS)


def test_links_are_skipped_for_operations_the_document_does_not_have():
    """A missing target or a source without a success response is skipped, and the rest still done."""
    paths = {
        "/a": {"post": {"operationId": "createContact", "responses": {"400": {}, "201": {}, "202": {}}}},
        "/b": {"get": {"operationId": "getContact", "responses": {"200": {}}}},
        "/e": {"delete": {"operationId": "eraseContact", "responses": {"204": {}}}},
        "/c": {"get": {"operationId": "testWebhook", "responses": {"400": {}}}},
        "/m": {"get": {"operationId": "listMembers", "responses": {"200": {}}}},
        "/n": {"get": {"operationId": "getMember", "responses": {"200": {}}}},
    }
    links.apply(paths)
    # updateContact, between the two, is not in this document.
    assert set(paths["/a"]["post"]["responses"]["201"]["links"]) == {"GetContact", "EraseContact"}
    assert "links" not in paths["/a"]["post"]["responses"]["202"]
    assert "links" not in paths["/c"]["get"]["responses"]["400"]
    # listMembers comes after testWebhook, which has no success response.
    assert set(paths["/m"]["get"]["responses"]["200"]["links"]) == {"GetMember"}


def test_a_links_parameters_are_a_copy_of_the_tables():
    paths = {
        "/a": {"post": {"operationId": "createContact", "responses": {"201": {}}}},
        "/b": {"get": {"operationId": "getContact", "responses": {"200": {}}}},
    }
    links.apply(paths)
    paths["/a"]["post"]["responses"]["201"]["links"]["GetContact"]["parameters"]["contact_id"] = "changed"
    assert dict(links.LINKS["createContact"])["getContact"] == {"contact_id": "$response.body#/id"}


def test_on_links_each_target_to_the_same_parameter():
    assert links._on(("a", "b"), "x_id") == [
        ("a", {"x_id": "$response.body#/id"}),
        ("b", {"x_id": "$response.body#/id"}),
    ]
    assert links._on(("a",), "x_id", "$request.path.x_id") == [("a", {"x_id": "$request.path.x_id"})]


@pytest.mark.parametrize(
    ("event_type", "expected"),
    [
        ("conversation.handed_off", "onConversationHandedOff"),
        ("contact.created", "onContactCreated"),
        ("message.created", "onMessageCreated"),
    ],
)
def test_a_webhooks_operation_id_is_its_event_type_in_camel_case(event_type, expected):
    assert operation_id(event_type) == expected
