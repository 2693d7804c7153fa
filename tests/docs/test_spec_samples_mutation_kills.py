"""Tests written for the mutants of leadiosa/api/spec/samples.py (tests/mutation/run.sh spec_b; the
equivalent ones: tests/mutation/spec-b.md).

The request side of the served document's examples: each operation's curl and Python samples, word for
word, for one operation of each kind (a create with a body, an update, a paginated list under a path id,
a call with a required query value, a file download that needs no token, a stream, a delete without a
body on success); each path and query parameter's example; and, directly, what no operation of today's
document reaches (a body with an apostrophe, a parameter without a table entry, the wrapping of long
Python literals).
"""

from __future__ import annotations

import pytest

from leadiosa.api.spec import samples

pytestmark = pytest.mark.django_db

SDK = 'sdk = Leadiosa(os.environ["LEADIOSA_URL"], os.environ["LEADIOSA_TOKEN"])'


def operations(spec) -> dict:
    return {
        op["operationId"]: op
        for path, item in spec["paths"].items()
        if not path.startswith("/api/v1/_test")
        for op in item.values()
        if "operationId" in op
    }


def sources(spec, operation_id: str) -> tuple[str, str]:
    curl, python = operations(spec)[operation_id]["x-codeSamples"]
    assert (curl["lang"], curl["label"]) == ("Shell", "curl")
    assert (python["lang"], python["label"]) == ("Python", "Python (leadiosa_sdk)")
    return curl["source"], python["source"]


def test_a_create_with_a_body_posts_it_with_an_idempotency_key_and_the_model_wraps_long_bodies(spec):
    curl, python = sources(spec, "createConversation")
    assert curl == (
        'curl -X POST "$LEADIOSA_URL/api/v1/conversations" \\\n'
        '  -H "Authorization: Bearer $LEADIOSA_TOKEN" \\\n'
        '  -H "Idempotency-Key: $(uuidgen)" \\\n'
        '  -H "Content-Type: application/json" \\\n'
        """  -d '{"contact": {"email": "ada@example.com", "name": "Ada Lovelace"}, "subject": "Where is my """
        """order?", "priority": "high", "tags": ["shipping"], "message": {"body": "Hi, my order #1042 has """
        """not arrived yet."}}'"""
    )
    assert python == "\n".join(
        [
            "import os",
            "",
            "from leadiosa_client.api.conversations import create_conversation",
            "from leadiosa_client.models import ConversationCreateRequest",
            "from leadiosa_sdk import Leadiosa",
            "",
            SDK,
            "result = sdk.call(",
            "    create_conversation,",
            "    body=ConversationCreateRequest.from_dict({",
            '        "contact": {"email": "ada@example.com", "name": "Ada Lovelace"},',
            '        "subject": "Where is my order?",',
            '        "priority": "high",',
            '        "tags": ["shipping"],',
            '        "message": {"body": "Hi, my order #1042 has not arrived yet."},',
            "    }),",
            ")",
            "print(result.to_dict())",
        ]
    )


def test_an_update_sends_its_path_id_and_body_and_a_null_reads_as_none_in_python(spec):
    curl, python = sources(spec, "updateContact")
    assert curl == (
        'curl -X PATCH "$LEADIOSA_URL/api/v1/contacts/ct_0VcNkV0S1h9GfXw2Zt3bRk" \\\n'
        '  -H "Authorization: Bearer $LEADIOSA_TOKEN" \\\n'
        '  -H "Content-Type: application/json" \\\n'
        """  -d '{"name": "Ada King", "attributes": {"plan": "enterprise", "trial": null}}'"""
    )
    assert python == "\n".join(
        [
            "import os",
            "",
            "from leadiosa_client.api.contacts import update_contact",
            "from leadiosa_client.models import PatchedContactUpdateRequest",
            "from leadiosa_sdk import Leadiosa",
            "",
            SDK,
            "result = sdk.call(",
            "    update_contact,",
            '    "ct_0VcNkV0S1h9GfXw2Zt3bRk",',
            "    body=PatchedContactUpdateRequest.from_dict({",
            '        "name": "Ada King",',
            '        "attributes": {"plan": "enterprise", "trial": None},',
            "    }),",
            ")",
            "print(result.to_dict())",
        ]
    )


def test_a_post_without_a_body_names_both_path_ids(spec):
    curl, python = sources(spec, "retryWebhookDelivery")
    assert curl == (
        'curl -X POST "$LEADIOSA_URL/api/v1/webhooks/wh_0VcNkV0S1h9GfXw2Zt3bRk/deliveries/'
        'dlv_0VcNkV0S1h9GfXw2Zt3bRk/retry" \\\n'
        '  -H "Authorization: Bearer $LEADIOSA_TOKEN" \\\n'
        '  -H "Idempotency-Key: $(uuidgen)"'
    )
    assert python.splitlines()[2:] == [
        "from leadiosa_client.api.webhooks import retry_webhook_delivery",
        "from leadiosa_sdk import Leadiosa",
        "",
        SDK,
        "result = sdk.call(",
        "    retry_webhook_delivery,",
        '    "wh_0VcNkV0S1h9GfXw2Zt3bRk",',
        '    "dlv_0VcNkV0S1h9GfXw2Zt3bRk",',
        ")",
        "print(result.to_dict())",
    ]


def test_a_list_under_a_path_id_is_paginated_with_the_id_as_a_keyword(spec):
    curl, python = sources(spec, "listConversationMessages")
    assert curl == (
        'curl -X GET "$LEADIOSA_URL/api/v1/conversations/conv_0VcNkV0S1h9GfXw2Zt3bRk/messages" \\\n'
        '  -H "Authorization: Bearer $LEADIOSA_TOKEN"'
    )
    assert python == "\n".join(
        [
            "import os",
            "",
            "from leadiosa_client.api.messages import list_conversation_messages",
            "from leadiosa_sdk import Leadiosa, paginate",
            "",
            SDK,
            "for item in paginate(",
            "    list_conversation_messages,",
            '    conversation_id="conv_0VcNkV0S1h9GfXw2Zt3bRk",',
            "    client=sdk.client,",
            "    limit=25,",
            "):",
            "    print(item.to_dict())",
        ]
    )
    _, python = sources(spec, "listConversations")
    assert python.splitlines()[-2:] == [
        "for item in paginate(list_conversations, client=sdk.client, limit=25):",
        "    print(item.to_dict())",
    ]


def test_a_required_query_value_is_url_encoded_in_curl_and_a_keyword_in_python(spec):
    curl, python = sources(spec, "searchKnowledge")
    assert curl == (
        'curl -X GET "$LEADIOSA_URL/api/v1/knowledge/search?q=How%20long%20does%20shipping%20take%3F" \\\n'
        '  -H "Authorization: Bearer $LEADIOSA_TOKEN"'
    )
    assert python.splitlines()[-2:] == [
        'result = sdk.call(search_knowledge, q="How long does shipping take?")',
        "print(result.to_dict())",
    ]
    _, python = sources(spec, "getMe")
    assert python.splitlines()[-2:] == ["result = sdk.call(get_me)", "print(result.to_dict())"]


def test_the_archive_download_needs_no_token_and_saves_the_zip(spec):
    curl, python = sources(spec, "downloadWorkspaceArchive")
    signature = samples.QUERY_EXAMPLES["signature"]
    assert curl == (
        'curl -X GET "$LEADIOSA_URL/api/v1/workspace/archive/download?signature='
        + signature.replace(":", "%3A")
        + '" \\\n  -o archive.zip'
    )
    assert python.splitlines()[2:] == [
        "from leadiosa_client.api.workspace import download_workspace_archive",
        "from leadiosa_sdk import Leadiosa",
        "",
        SDK,
        "response = download_workspace_archive.sync_detailed(",
        f'    signature="{signature}",',
        "    client=sdk.client,",
        ")",
        'open("archive.zip", "wb").write(response.content)',
    ]


def test_a_stream_prints_the_raw_answer_and_a_delete_says_there_is_no_body(spec):
    curl, python = sources(spec, "exportAuditEntries")
    assert (
        curl
        == 'curl -X GET "$LEADIOSA_URL/api/v1/audit/export" \\\n  -H "Authorization: Bearer $LEADIOSA_TOKEN"'
    )
    assert python.splitlines()[-2:] == [
        "response = export_audit_entries.sync_detailed(client=sdk.client)",
        "print(response.content.decode())",
    ]
    curl, python = sources(spec, "deleteWebhook")
    assert curl == (
        'curl -X DELETE "$LEADIOSA_URL/api/v1/webhooks/wh_0VcNkV0S1h9GfXw2Zt3bRk" \\\n'
        '  -H "Authorization: Bearer $LEADIOSA_TOKEN"'
    )
    assert python.splitlines()[2:] == [
        "from leadiosa_client.api.webhooks import delete_webhook",
        "from leadiosa_sdk import Leadiosa",
        "",
        SDK,
        "# No body on success; an error raises leadiosa_sdk.ApiError (its .code, .message).",
        'sdk.call(delete_webhook, "wh_0VcNkV0S1h9GfXw2Zt3bRk")',
    ]


def test_each_parameter_example_comes_from_its_table(spec):
    examples = {
        (operation_id, parameter["in"], parameter["name"]): parameter.get("example", "none")
        for operation_id, op in operations(spec).items()
        for parameter in op.get("parameters", [])
    }
    for key, expected in {
        ("listConversations", "query", "after"): "none",
        ("listConversations", "query", "status"): ["open", "pending"],
        ("listConversations", "query", "sort"): "-updated_at",
        ("listConversations", "query", "limit"): 25,
        ("listContacts", "query", "sort"): "created_at",
        ("listContacts", "query", "email"): "ada@example.com",
        ("searchKnowledge", "query", "limit"): 5,
        ("searchKnowledge", "query", "q"): "How long does shipping take?",
        ("listEvents", "query", "type"): "conversation.created,message.created",
        ("createContact", "header", "Idempotency-Key"): "7b0e8f2c-5d4a-4c7e-9a51-3f6d2b8c1e90",
        ("retryWebhookDelivery", "path", "delivery_id"): "dlv_0VcNkV0S1h9GfXw2Zt3bRk",
        ("getAuditEntry", "path", "audit_entry_id"): "aud_0VcNkV0S1h9GfXw2Zt3bRk",
    }.items():
        assert examples[key] == expected, key


def test_a_parameter_without_a_table_entry_takes_its_schemas_example():
    seen = []

    def fallback(schema, name):
        seen.append((schema, name))
        return "derived"

    query = {"in": "query", "name": "colour", "schema": {"type": "string"}}
    assert samples.parameter_example("listThings", query, fallback) == "derived"
    assert samples.parameter_example("listThings", {"in": "query", "name": "shade"}, fallback) == "derived"
    assert seen == [({"type": "string"}, "colour"), ({}, "shade")]
    # `after` is skipped in the query only; a header named like a query parameter is not the key.
    assert (
        samples.parameter_example("x", {"in": "path", "name": "webhook_id"}, fallback)
        == "wh_0VcNkV0S1h9GfXw2Zt3bRk"
    )
    assert samples.parameter_example("x", {"in": "header", "name": "after"}, fallback) == "derived"
    assert samples.parameter_example("x", {"in": "query", "name": "Idempotency-Key"}, fallback) == "derived"
    assert samples.parameter_example("listContacts", {"in": "query", "name": "limit"}, fallback) == 25


def test_an_example_id_is_a_valid_public_id_of_its_type_and_an_unknown_type_is_refused():
    assert samples.example_id("conv") == "conv_0VcNkV0S1h9GfXw2Zt3bRk"
    assert samples.example_id("wh") == "wh_0VcNkV0S1h9GfXw2Zt3bRk"
    with pytest.raises(AssertionError, match="^nope$"):
        samples.example_id("nope")


def test_an_apostrophe_in_a_body_is_escaped_for_the_shell_and_a_body_keeps_non_ascii():
    operation = {
        "security": [{"bearerAuth": []}],
        "responses": {"201": {"content": {"application/json": {}}}},
    }
    curl = samples.curl_sample("post", "/api/v1/notes", operation, {"body": "It's Zoë's"})
    assert curl.splitlines()[-1] == """  -d '{"body": "It'\\''s Zoë'\\''s"}'"""
    # No security (a public operation): no Authorization header; a GET takes no Idempotency-Key.
    assert (
        samples.curl_sample("get", "/api/v1/x", {"security": []}, None)
        == 'curl -X GET "$LEADIOSA_URL/api/v1/x"'
    )


def test_a_long_python_literal_is_one_item_a_line_with_nested_indents():
    body = {
        "items": [{"name": "a" * 25, "value": "b" * 25}, {"name": "c" * 25, "value": "d" * 25}],
        "empty": [],
        "flag": True,
    }
    assert samples._literal(body) == "\n".join(
        [
            "{",
            '    "items": [',
            f'        {{"name": "{"a" * 25}", "value": "{"b" * 25}"}},',
            f'        {{"name": "{"c" * 25}", "value": "{"d" * 25}"}},',
            "    ],",
            '    "empty": [],',
            '    "flag": True,',
            "}",
        ]
    )
    # Exactly 88 characters stays inline; one more breaks; a long scalar is never broken.
    fits = ["x" * 84]  # ["xxx…"]: 84 + 4 characters
    assert samples._literal(fits) == f'["{"x" * 84}"]'
    assert samples._literal(fits, indent=1) == f'[\n     "{"x" * 84}",\n ]'
    assert samples._literal(fits, before=1) == f'[\n    "{"x" * 84}",\n]'
    assert samples._literal("y" * 200) == f'"{"y" * 200}"'
    assert samples._literal([], indent=200) == "[]"
    assert samples._inline({"a": None, "b": 1.5, "c": False}) == '{"a": None, "b": 1.5, "c": False}'


def test_a_call_stays_on_one_line_up_to_88_characters():
    argument = "a" * 80
    assert samples._call("f", [argument, "b"]) == f"f({argument}, b)"  # 86 characters
    assert samples._call("f", [argument, "bcd"]) == f"f({argument}, bcd)"  # 88
    assert samples._call("f", [argument, "bcde"]) == f"f(\n    {argument},\n    bcde,\n)"  # 89
    assert samples._call("f", ["a\nb"]) == "f(\n    a\nb,\n)"


def test_snake_and_example_path():
    assert samples.snake("listConversationMessages") == "list_conversation_messages"
    assert samples.snake("Audit") == "audit"
    assert samples.example_path("/c/{conversation_id}/m/{contact_id}") == (
        "/c/conv_0VcNkV0S1h9GfXw2Zt3bRk/m/ct_0VcNkV0S1h9GfXw2Zt3bRk"
    )


@pytest.mark.parametrize(
    ("operation", "model"),
    [
        ({}, None),
        ({"requestBody": {}}, None),
        ({"requestBody": {"content": {}}}, None),
        ({"requestBody": {"content": {"application/json": {}}}}, None),
        ({"requestBody": {"content": {"application/json": {"schema": {}}}}}, None),
        (
            {
                "requestBody": {
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/X"}}}
                }
            },
            "X",
        ),
        ({"requestBody": {"content": {"application/json": {"schema": {"$ref": "Y"}}}}}, "Y"),
        ({"requestBody": {"content": {"multipart/form-data": {"schema": {"$ref": "#/c/Z"}}}}}, None),
    ],
)
def test_the_body_model_is_the_json_schemas_component_name(operation, model):
    assert samples._body_model(operation) == model
