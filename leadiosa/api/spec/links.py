"""OpenAPI links: how an id in one answer is used by the next request (issue 19). A client generator
or a stateful fuzzer follows them from a create to its read, update and delete, instead of guessing.

Each entry: the source operation, the link target, and the target's parameters as runtime expressions
on the source's first success response (or its request).
"""

from __future__ import annotations

BODY_ID = "$response.body#/id"
FIRST_ID = "$response.body#/data/0/id"


def _on(target_ids: tuple[str, ...], parameter: str, expression: str = BODY_ID) -> list:
    return [(target, {parameter: expression}) for target in target_ids]


LINKS: dict[str, list[tuple[str, dict[str, str]]]] = {
    "createConversation": _on(
        (
            "getConversation",
            "updateConversation",
            "listConversationMessages",
            "createConversationMessage",
            "listConversationNotes",
            "createConversationNote",
        ),
        "conversation_id",
    ),
    "getConversation": [("getContact", {"contact_id": "$response.body#/contact_id"})],
    "createContact": _on(("getContact", "updateContact", "eraseContact"), "contact_id"),
    "createKnowledgeArticle": _on(
        (
            "getKnowledgeArticle",
            "updateKnowledgeArticle",
            "deleteKnowledgeArticle",
            "listKnowledgeArticleChunks",
            "ingestKnowledgeArticle",
        ),
        "article_id",
    ),
    "createWebhook": _on(
        (
            "getWebhook",
            "updateWebhook",
            "deleteWebhook",
            "rotateWebhookSecret",
            "testWebhook",
            "listWebhookDeliveries",
        ),
        "webhook_id",
    ),
    "testWebhook": [
        (
            "retryWebhookDelivery",
            {"webhook_id": "$request.path.webhook_id", "delivery_id": BODY_ID},
        )
    ],
    "listWebhookDeliveries": [
        (
            "retryWebhookDelivery",
            {"webhook_id": "$request.path.webhook_id", "delivery_id": FIRST_ID},
        )
    ],
    "listEvents": _on(("getEvent",), "event_id", FIRST_ID),
    "listAuditEntries": _on(("getAuditEntry",), "audit_entry_id", FIRST_ID),
    "listMembers": _on(("getMember",), "member_id", FIRST_ID),
}


def _name(target: str) -> str:
    return target[0].upper() + target[1:]


def apply(paths: dict) -> None:
    """Adds `links` to the first success response of every source operation in LINKS."""
    operations = {op["operationId"]: op for item in paths.values() for op in item.values()}
    for source, links in LINKS.items():
        operation = operations.get(source)
        if operation is None:
            continue
        success = next((s for s in sorted(operation["responses"]) if s.startswith("2")), None)
        if success is None:
            continue
        response = operation["responses"][success]
        for target, parameters in links:
            if target not in operations:
                continue
            response.setdefault("links", {})[_name(target)] = {
                "operationId": target,
                "parameters": dict(parameters),
                "description": f"The `{source}` answer's id, for `{target}`.",
            }
