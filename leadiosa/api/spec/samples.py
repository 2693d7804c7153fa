"""The request side of every operation's examples, made in one place from the operation itself (method,
public path, parameters, example body): the `example` of each path and query parameter and the
`x-codeSamples` (curl, and Python with the repository's SDK, clients/python) that the spec publishes
and the reference pages (/docs/api/<resource>/) print.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote, urlencode

from leadiosa.ids import PREFIXES, is_public_id

from .examples import FIELD_IDS, TIMESTAMP

# One valid id body (8 time characters and 14 random ones, base62) behind every example id.
EXAMPLE_ID_BODY = "0VcNkV0S1h9GfXw2Zt3bRk"


def example_id(prefix: str) -> str:
    """A syntactically valid public id of this type (`conv_0VcN…`)."""
    assert prefix in PREFIXES, prefix
    value = f"{prefix}_{EXAMPLE_ID_BODY}"
    assert is_public_id(value, prefix), value
    return value


PATH_PARAMETER_PREFIXES = {
    "conversation_id": "conv",
    "contact_id": "ct",
    "article_id": "art",
    "webhook_id": "wh",
    "delivery_id": "dlv",
    "event_id": "evt",
    "audit_entry_id": "aud",
    "member_id": "mem",
}
PATH_EXAMPLES = {name: example_id(prefix) for name, prefix in PATH_PARAMETER_PREFIXES.items()}

# Parameters given no example: a cursor is opaque and valid only for the list that issued it, so any
# example would be refused (400 invalid_cursor) by a client that tried it, as schemathesis's example
# phase does. The description says where a cursor comes from.
WITHOUT_EXAMPLE = frozenset({"after"})

QUERY_EXAMPLES = {
    "limit": 25,
    "created_after": TIMESTAMP,
    "created_before": TIMESTAMP,
    "updated_after": TIMESTAMP,
    "updated_before": TIMESTAMP,
    "sort": "-updated_at",
    "contact_id": FIELD_IDS["contact_id"],
    "assignee_id": FIELD_IDS["assignee_id"],
    "tag": "shipping",
    "handled_by": "human",
    "email": "ada@example.com",
    "external_id": "crm-42",
    "q": "ada",
    "locale": "en",
    "ingest_status": "failed",
    "action": "conversation.updated",
    "actor_id": FIELD_IDS["actor_id"],
    "resource_type": "conversation",
    "resource_id": FIELD_IDS["conversation_id"],
    "source": "api",
    "format": "csv",
    "signature": "eyJ3cyI6IndzXzBWY05rVjBTMWg5R2ZYdzJadDNiUmsifQ:1uQk3Z:Kq3pZr0VcNkV0T8bG5Wc0Ykq3pZrN4",
    "type": "conversation.created,message.created",
}
# Where one operation's parameter reads differently from the rest.
OPERATION_QUERY_EXAMPLES = {
    ("listConversations", "status"): ["open", "pending"],
    ("listConversations", "priority"): ["high", "urgent"],
    ("listConversations", "sort"): "-updated_at",
    ("listContacts", "sort"): "created_at",
    ("listKnowledgeArticles", "status"): "published",
    ("searchKnowledge", "q"): "How long does shipping take?",
    ("searchKnowledge", "limit"): 5,
}

# The generated half of the SDK (clients/python/leadiosa_client); its modules are named after the
# operation's tag and operationId.
PYTHON_PACKAGE = "leadiosa_client"
CURL_LABEL = "curl"
PYTHON_LABEL = "Python (leadiosa_sdk)"
IDEMPOTENCY_KEY_EXAMPLE = "7b0e8f2c-5d4a-4c7e-9a51-3f6d2b8c1e90"


def parameter_example(operation_id: str, parameter: dict, fallback):
    """The example of a path or query parameter (None: it has none, WITHOUT_EXAMPLE);
    `fallback(schema, name)` derives one from its schema."""
    name = parameter["name"]
    if parameter["in"] == "query" and name in WITHOUT_EXAMPLE:
        return None
    if parameter["in"] == "header" and name == "Idempotency-Key":
        return IDEMPOTENCY_KEY_EXAMPLE
    if parameter["in"] == "path":
        return PATH_EXAMPLES[name]
    if (operation_id, name) in OPERATION_QUERY_EXAMPLES:
        return OPERATION_QUERY_EXAMPLES[(operation_id, name)]
    if name in QUERY_EXAMPLES:
        return QUERY_EXAMPLES[name]
    return fallback(parameter.get("schema", {}), name)


def example_path(path: str) -> str:
    """`/api/v1/conversations/{conversation_id}` with the example id in place of each parameter."""
    return re.sub(r"{(\w+)}", lambda match: PATH_EXAMPLES[match.group(1)], path)


def snake(name: str) -> str:
    """`listConversationMessages` → `list_conversation_messages` (the generated SDK's module names)."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _required_query(operation: dict) -> list[dict]:
    return [p for p in operation.get("parameters", []) if p["in"] == "query" and p.get("required")]


def curl_sample(method: str, path: str, operation: dict, body) -> str:
    query = urlencode([(p["name"], p["example"]) for p in _required_query(operation)], quote_via=quote)
    url = example_path(path) + ("?" + query if query else "")
    lines = [f'curl -X {method.upper()} "$LEADIOSA_URL{url}" \\']
    if operation.get("security") != []:
        lines.append('  -H "Authorization: Bearer $LEADIOSA_TOKEN" \\')
    if method == "post":
        lines.append('  -H "Idempotency-Key: $(uuidgen)" \\')
    if body is not None:
        lines.append('  -H "Content-Type: application/json" \\')
        lines.append("  -d '" + _json(body).replace("'", "'\\''") + "' \\")
    if _success_media(operation) in ("application/zip",):
        lines.append("  -o archive.zip \\")
    lines[-1] = lines[-1].removesuffix(" \\")
    return "\n".join(lines)


def _json(body) -> str:
    return json.dumps(body, ensure_ascii=False)


def _success_media(operation: dict) -> str | None:
    for status, response in operation.get("responses", {}).items():
        if status.startswith("2"):
            return next(iter(response.get("content", {})), None)
    return None


def _body_model(operation: dict) -> str | None:
    media = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    ref = media.get("schema", {}).get("$ref", "")
    return ref.split("/")[-1] or None


def _literal(value, indent: int = 0, before: int = 0) -> str:
    """`value` as Python source: inline when short, one item a line (trailing commas) otherwise."""
    inline = _inline(value)
    if len(inline) + indent + before <= 88 or not isinstance(value, dict | list) or not value:
        return inline
    pad = " " * (indent + 4)
    if isinstance(value, dict):
        items = [f"{pad}{json.dumps(key)}: {_literal(item, indent + 4)}," for key, item in value.items()]
        return "{\n" + "\n".join(items) + "\n" + " " * indent + "}"
    items = [f"{pad}{_literal(item, indent + 4)}," for item in value]
    return "[\n" + "\n".join(items) + "\n" + " " * indent + "]"


def _inline(value) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(key)}: {_inline(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_inline(item) for item in value) + "]"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a Python string literal
    return repr(value)  # None, True, False, numbers


def _call(function: str, arguments: list[str]) -> str:
    """`function(a, b=…)` on one line when it fits, else one argument a line."""
    one_line = f"{function}({', '.join(arguments)})"
    if len(one_line) <= 88 and "\n" not in one_line:
        return one_line
    return f"{function}(\n" + "".join(f"    {argument},\n" for argument in arguments) + ")"


def python_sample(method: str, path: str, operation: dict, body, paginated: bool) -> str:
    """The call with the SDK: `Leadiosa(…).call(endpoint, path ids…, body=Model.from_dict(…))`, `paginate`
    for a list, the raw response for a file or a stream."""
    operation_id, tag = operation["operationId"], operation["tags"][0]
    module = snake(operation_id)
    path_ids = [PATH_EXAMPLES[name] for name in re.findall(r"{(\w+)}", path)]
    model = _body_model(operation) if body is not None else None
    media = _success_media(operation)
    imports = ["import os", ""]
    sdk_names = ["Leadiosa"] + (["paginate"] if paginated else [])
    imports.append(f"from {PYTHON_PACKAGE}.api.{snake(tag)} import {module}")
    if model:
        imports.append(f"from {PYTHON_PACKAGE}.models import {model}")
    imports.append(f"from leadiosa_sdk import {', '.join(sdk_names)}")
    lines = imports + ["", 'sdk = Leadiosa(os.environ["LEADIOSA_URL"], os.environ["LEADIOSA_TOKEN"])']
    arguments = [_inline(value) for value in path_ids]
    if model:
        opening = f"body={model}.from_dict("
        arguments.append(f"{opening}{_literal(body, 4, len(opening))})")
    arguments += [f"{p['name']}={_inline(p['example'])}" for p in _required_query(operation)]
    if paginated:
        keywords = [f"{name}={_inline(PATH_EXAMPLES[name])}" for name in re.findall(r"{(\w+)}", path)]
        lines.append(
            f"for item in {_call('paginate', [module, *keywords, 'client=sdk.client', 'limit=25'])}:"
        )
        lines.append("    print(item.to_dict())")
    elif media not in (None, "application/json"):
        # A file or a stream: the raw answer (200, or an error's JSON envelope).
        lines.append(f"response = {_call(module + '.sync_detailed', [*arguments, 'client=sdk.client'])}")
        if media == "application/zip":
            lines.append('open("archive.zip", "wb").write(response.content)')
        else:
            lines.append("print(response.content.decode())")
    elif media is None:
        lines.append("# No body on success; an error raises leadiosa_sdk.ApiError (its .code, .message).")
        lines.append(_call("sdk.call", [module, *arguments]))
    else:
        lines.append(f"result = {_call('sdk.call', [module, *arguments])}")
        lines.append("print(result.to_dict())")
    return "\n".join(lines)


def code_samples(method: str, path: str, operation: dict, paginated: bool) -> list[dict]:
    """The `x-codeSamples` of one operation (Redocly's extension), from the operation as published."""
    media = operation.get("requestBody", {}).get("content", {}).get("application/json")
    body = media.get("example") if media else None
    return [
        {"lang": "Shell", "label": CURL_LABEL, "source": curl_sample(method, path, operation, body)},
        {
            "lang": "Python",
            "label": PYTHON_LABEL,
            "source": python_sample(method, path, operation, body, paginated),
        },
    ]
