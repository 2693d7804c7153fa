"""Examples for the spec: the request bodies written out by hand, responses built from their schemas.

A response example is derived from the schema itself (so it always validates against it), with values
chosen by field name so that it reads like a real answer: ids with their prefix, e-mail addresses,
timestamps in the API's one format.
"""

from __future__ import annotations

from copy import deepcopy

TIMESTAMP = "2026-05-12T07:28:25.901Z"

ID_PREFIXES = {
    "Conversation": "conv",
    "Message": "msg",
    "Note": "note",
    "Contact": "ct",
    "ErasedContact": "ct",
    "Article": "art",
    "Chunk": "chk",
    "SearchHit": "chk",
    "SearchArticle": "art",
    "Webhook": "wh",
    "WebhookWithSecret": "wh",
    "WebhookDelivery": "dlv",
    "Event": "evt",
    "AuditEntry": "aud",
    "Member": "mem",
    "MeToken": "tok",
    "MeWorkspace": "ws",
    "Workspace": "ws",
    "PlanRef": "",
    "AuditActor": "tok",
    "AuditResource": "conv",
}

# Values that depend on the object they are in.
OWNER_FIELD_VALUES = {
    ("Workspace", "name"): "Acme",
    ("MeWorkspace", "name"): "Acme",
    ("MeToken", "name"): "CRM integration",
    ("PlanRef", "name"): "Team",
    ("PlanRef", "id"): "team",
}

# Optional fields left out of derived examples: set together they would describe an impossible state
# (an open conversation with a closed_at and a snooze).
SKIPPED_OPTIONAL = {"closed_at", "snoozed_until", "purge_after", "expires_at", "next_attempt_at"}

FIELD_IDS = {
    "conversation_id": "conv_0VcNkV0S1h9GfXw2Zt3bRk",
    "contact_id": "ct_0VcNkUzQ4v7PpLmA0s9eQw",
    "assignee_id": "usr_0VcN8x3Lq2Wm5Jd8Xc1Yb7",
    "author_id": "usr_0VcN8x3Lq2Wm5Jd8Xc1Yb7",
    "user_id": "usr_0VcN8x3Lq2Wm5Jd8Xc1Yb7",
    "actor_id": "tok_0VcN8x4Hk7Rt2Wq9Zp3Lm1",
    "article_id": "art_0VcNqG1Tz8Kd3Lp5Xw7Qb2",
    "event_id": "evt_0VcNbcyMCcymekiG486HBC",
    "workspace_id": "ws_0VcN8x2fTQ1m7dJXc0Y5Ad",
    "request_id": "req_0VcNkV0T8bG5Wc0Ykq3pZr",
}

FIELD_VALUES = {
    "email": "ada@example.com",
    "name": "Ada Lovelace",
    "phone": "+44 20 7946 0958",
    "external_id": "crm-42",
    "subject": "Where is my order?",
    "body": "Hi, my order #1042 has not arrived yet.",
    "title": "Shipping times",
    "text": "Orders ship within 2 business days.",
    "url": "https://crm.example.com/leadiosa/webhooks",
    "source_url": "https://help.example.com/shipping",
    "description": "CRM sync",
    "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    "locale": "en",
    "model": "extractive",
    "action": "conversation.updated",
    "event_type": "conversation.created",
    "message": "Conversation conv_0VcNkV0S1h9GfXw2Zt3bRk not found.",
    "code": "conversation_not_found",
    "ip": "203.0.113.7",
    "client_request_id": "crm-sync-4f1c2a9e",
    "download_url": "https://api.leadiosa.com/api/v1/workspace/archive/download?signature=eyJ3cyI6",
    "next_cursor": "cur_eyJsaXN0IjoiQ29udmVyc2F0aW9ucyJ9",
    "tag": "shipping",
    "tags": "shipping",
    "events": "conversation.created",
    "changes": "status",
    "handoff_reason": "contact_requested_human",
    "plan": "team",
    "role": "admin",
    "type": "conversation",
}


def _pick_type(schema: dict):
    kind = schema.get("type")
    if isinstance(kind, list):
        kinds = [k for k in kind if k != "null"]
        return kinds[0] if kinds else "null"
    return kind


class ExampleBuilder:
    def __init__(self, components: dict):
        self.components = components

    def build(self, schema: dict, name: str = "", owner: str = "", depth: int = 0):
        if depth > 8:
            return None
        if "$ref" in schema:
            ref = schema["$ref"].split("/")[-1]
            return self.build(self.components[ref], name, ref, depth + 1)
        if "example" in schema:
            return deepcopy(schema["example"])
        if "const" in schema:
            return schema["const"]
        if "enum" in schema:
            values = [v for v in schema["enum"] if v is not None]
            return values[0] if values else None
        for combiner in ("allOf", "oneOf", "anyOf"):
            if combiner in schema:
                if combiner == "allOf":
                    merged = {}
                    for part in schema[combiner]:
                        value = self.build(part, name, owner, depth + 1)
                        if isinstance(value, dict):
                            merged.update(value)
                        else:
                            return value
                    return merged
                return self.build(schema[combiner][0], name, owner, depth + 1)
        kind = _pick_type(schema)
        if kind == "object" or "properties" in schema:
            return self._object(schema, owner, depth)
        if kind == "array":
            item = self.build(schema.get("items", {}), name, owner, depth + 1)
            return [] if item is None else [item]
        if kind == "integer":
            return max(schema.get("minimum", 1), 1) if name not in ("attempts",) else 1
        if kind == "number":
            return 0.82
        if kind == "boolean":
            return name == "has_more"  # a page with a next_cursor has more
        if kind == "string":
            return self._string(schema, name, owner)
        return None

    def _object(self, schema: dict, owner: str, depth: int) -> dict:
        properties = schema.get("properties")
        if not properties:
            if schema.get("additionalProperties") not in (None, False):
                return {"plan": "pro"}
            return {}
        result = {}
        required = set(schema.get("required", []))
        for prop, sub in properties.items():
            if sub.get("writeOnly") and owner and not owner.endswith("Request"):
                continue
            if prop in SKIPPED_OPTIONAL and prop not in required:
                continue
            value = self.build(sub, prop, owner, depth + 1)
            if value is not None:
                result[prop] = value
        return result

    def _string(self, schema: dict, name: str, owner: str) -> str:
        fmt = schema.get("format")
        if (
            fmt == "date-time"
            or name.endswith("_at")
            or name in ("current_period_start", "current_period_end")
        ):
            return TIMESTAMP
        if fmt == "binary":
            return ""
        if fmt == "email":
            return FIELD_VALUES["email"] if name == "email" else "support-3f2a9c81@inbound.example.com"
        if fmt in ("uri", "url"):
            return FIELD_VALUES.get(name, "https://leadiosa.example.com/resource")
        if fmt == "date":
            return TIMESTAMP[:10]
        if fmt == "uuid":
            return "7b0e8f2c-5d4a-4c7e-9a51-3f6d2b8c1e90"
        if (owner, name) in OWNER_FIELD_VALUES:
            return OWNER_FIELD_VALUES[(owner, name)]
        if name == "id":
            prefix = ID_PREFIXES.get(owner, "")
            return f"{prefix}_0VcNkV0S1h9GfXw2Zt3bRk" if prefix else "team"
        if name in FIELD_IDS:
            return FIELD_IDS[name]
        value = FIELD_VALUES.get(name, "string")
        max_length = schema.get("maxLength")
        if max_length:
            value = value[:max_length]
        return value


# Request bodies as an integrator would write them (each validates against its schema; a test checks).
REQUEST_EXAMPLES = {
    "POST /conversations": {
        "contact": {"email": "ada@example.com", "name": "Ada Lovelace"},
        "subject": "Where is my order?",
        "priority": "high",
        "tags": ["shipping"],
        "message": {"body": "Hi, my order #1042 has not arrived yet."},
    },
    "PATCH /conversations/{conversation_id}": {
        "status": "pending",
        "assignee_id": "usr_0VcN8x3Lq2Wm5Jd8Xc1Yb7",
        "priority": "high",
    },
    "POST /conversations/{conversation_id}/messages": {
        "body": "Your parcel left our warehouse this morning; tracking: https://track.example.com/1042",
    },
    "POST /conversations/{conversation_id}/notes": {
        "body": "Carrier confirms a delay; refund if not delivered by Friday.",
    },
    "POST /contacts": {
        "email": "ada@example.com",
        "name": "Ada Lovelace",
        "external_id": "crm-42",
        "attributes": {"plan": "pro"},
    },
    "PATCH /contacts/{contact_id}": {"name": "Ada King", "attributes": {"plan": "enterprise", "trial": None}},
    "POST /knowledge/articles": {
        "title": "Shipping times",
        "body": "# Shipping times\n\nOrders ship within 2 business days.",
        "status": "published",
    },
    "PATCH /knowledge/articles/{article_id}": {"title": "Shipping times and tracking"},
    "POST /webhooks": {
        "url": "https://crm.example.com/leadiosa/webhooks",
        "events": ["conversation.created", "message.created"],
        "description": "CRM sync",
    },
    "PATCH /webhooks/{webhook_id}": {"status": "enabled"},
    "PATCH /widget": {
        "allowed_origins": ["https://shop.example.com"],
        "greeting": "Hi! How can we help?",
        "color": "#1a73e8",
    },
}
