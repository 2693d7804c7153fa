"""The product as a real server for the contract suite, and the world it is driven against.

gunicorn in the production shape (tests/platform/servers.py: production settings, this run's test
database and Redis, 2 workers) on a free port, driven over HTTP with httpx. The spec is the one the
server serves: every operation it lists is checked, so a new endpoint is covered without new code.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import httpx

from apps.billing.models import Plan
from tests.conftest import make_persona
from tests.factories import WorkspaceFactory
from tests.platform.servers import Gunicorn
from tests.webhooks.factories import make_endpoint

REQUEST_ID = re.compile(r"^req_[A-Za-z0-9]+$")
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
TIMESTAMP_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}T")
METHODS = ("get", "post", "put", "patch", "delete")

# CONTRACT §3 (and §6 for widget and e-mail): the least role allowed, by method and path.
OWNER_ONLY_WRITES = ("/workspace/",)
ADMIN_AREAS = ("/webhooks", "/events", "/audit", "/billing", "/widget", "/email")


def least_role(method: str, path: str) -> str:
    path = path.removeprefix("/api/v1")
    if method != "get" and path.startswith(OWNER_ONLY_WRITES):
        return "owner"
    if path.startswith(ADMIN_AREAS):
        return "admin"
    if path.startswith("/knowledge") and method != "get" and path != "/knowledge/search":
        return "admin"
    if path.startswith("/contacts/") and method == "delete":
        return "admin"
    return "agent"


RANK = {"agent": 0, "admin": 1, "owner": 2}


@dataclass
class Operation:
    method: str
    path: str
    spec: dict

    @property
    def path_parameters(self) -> list[str]:
        return re.findall(r"{(\w+)}", self.path)

    @property
    def query_parameters(self) -> list[dict]:
        return [p for p in self.spec.get("parameters", []) if p["in"] == "query"]

    @property
    def public(self) -> bool:
        return self.spec.get("security") == []

    @property
    def is_list(self) -> bool:
        ok = self.spec.get("responses", {}).get("200", {}).get("content", {}).get("application/json", {})
        # The schema is a $ref to a Paginated… component; its example shows the envelope.
        return self.method == "get" and '"pagination"' in json.dumps(ok.get("example", {}))

    def url(self, ids: dict[str, str]) -> str:
        return re.sub(r"{(\w+)}", lambda m: ids[m.group(1)], self.path)

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.path}"


def operations(spec: dict) -> list[Operation]:
    return [
        Operation(method, path, op)
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method in METHODS
    ]


@dataclass
class Workspace:
    tokens: dict[str, str]  # persona name → plaintext token
    ids: dict[str, str] = field(default_factory=dict)  # path parameter name → an id of this workspace


class Live:
    """A running server plus a client that checks the cross-cutting rules on every response."""

    def __init__(self, server: Gunicorn):
        self.server = server
        self.client = server.client
        self.seen = 0

    def call(self, method: str, url: str, token: str | None, body=None, **kwargs) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        headers.update(kwargs.pop("headers", {}))
        if body is not None:
            kwargs["json"] = body
        response = self.client.request(method.upper(), url, headers=headers, **kwargs)
        check_cross_cutting(response, authenticated=token is not None)
        self.seen += 1
        return response

    def spec(self) -> dict:
        response = self.client.get("/api/v1/openapi.json")
        assert response.status_code == 200
        return response.json()


def check_cross_cutting(response: httpx.Response, authenticated: bool) -> None:
    """CONTRACT §1 rules that hold for every response under /api/."""
    where = f"{response.request.method} {response.request.url.raw_path.decode()} → {response.status_code}"
    request_id = response.headers.get("X-Request-Id", "")
    assert REQUEST_ID.match(request_id), where
    assert response.status_code < 500, f"{where}: {response.text[:500]}"
    content_type = response.headers.get("Content-Type", "")
    if response.status_code >= 400:
        assert content_type.startswith("application/json"), where
        error = response.json()["error"]
        assert {"code", "message", "request_id"} <= set(error), where
        assert error["request_id"] == request_id, where
        assert set(error) <= {"code", "message", "request_id", "param"}, where
        if response.status_code == 401:
            assert response.headers.get("WWW-Authenticate") == 'Bearer realm="api"', where
    if authenticated and response.status_code != 401:
        for header in ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"):
            assert response.headers.get(header, "").isdigit(), f"{where}: {header}"
    if content_type.startswith("application/json") and response.content:
        check_values(response.json(), where)


def check_values(node, where: str, key: str = "") -> None:
    """No null anywhere; every timestamp exactly YYYY-MM-DDTHH:MM:SS.mmmZ."""
    if isinstance(node, dict):
        for name, value in node.items():
            assert value is not None, f"{where}: {name} is null"
            check_values(value, where, name)
    elif isinstance(node, list):
        for value in node:
            check_values(value, where, key)
    elif isinstance(node, str) and TIMESTAMP_LIKE.match(node):
        assert TIMESTAMP.match(node), f"{where}: {key}={node!r}"


def build_world(live: Live) -> tuple[Workspace, Workspace]:
    """Two workspaces on a plan no generated traffic reaches, each with one object of every kind made
    through the API (webhook endpoints through the ORM: production settings refuse any URL the test
    machine could serve, and creation is tested in tests/webhooks)."""
    plan = Plan.objects.create(id="contract", name="Contract", rate_limit_per_minute=10**6)
    worlds = []
    for name in ("A", "B"):
        workspace = WorkspaceFactory(name=f"Contract {name}", plan=plan)
        owner = make_persona(workspace, "owner")
        personas = {
            "owner": owner,
            "admin": make_persona(workspace, "admin"),
            "agent": make_persona(workspace, "agent"),
            "owner_read": make_persona(workspace, "owner", scope="read", member=owner.member),
        }
        world = Workspace(tokens={key: p.plaintext for key, p in personas.items()})
        endpoint, _ = make_endpoint(workspace)
        world.ids["webhook_id"] = endpoint.id
        token = world.tokens["owner"]
        contact = live.call("post", "/api/v1/contacts", token, {"email": f"c-{name.lower()}@contract.test"})
        assert contact.status_code == 201, contact.text
        world.ids["contact_id"] = contact.json()["id"]
        conversation = live.call(
            "post",
            "/api/v1/conversations",
            token,
            {"contact_id": world.ids["contact_id"], "handled_by": "human", "message": {"body": "Hello"}},
        )
        assert conversation.status_code == 201, conversation.text
        world.ids["conversation_id"] = conversation.json()["id"]
        conversation_url = f"/api/v1/conversations/{world.ids['conversation_id']}"
        assert (
            live.call("post", conversation_url + "/messages", token, {"body": "A reply"}).status_code == 201
        )
        assert live.call("post", conversation_url + "/notes", token, {"body": "A note"}).status_code == 201
        article = live.call("post", "/api/v1/knowledge/articles", token, {"title": "Refunds", "body": "Any."})
        assert article.status_code == 201, article.text
        world.ids["article_id"] = article.json()["id"]
        for parameter, url in (
            ("member_id", "/api/v1/members"),
            ("event_id", "/api/v1/events"),
            ("audit_entry_id", "/api/v1/audit"),
            ("delivery_id", f"/api/v1/webhooks/{endpoint.id}/deliveries"),
        ):
            listed = live.call("get", url, token).json()["data"]
            assert listed, url
            world.ids[parameter] = listed[0]["id"]
        worlds.append(world)
    return worlds[0], worlds[1]


def missing_ids(ids: dict[str, str]) -> dict[str, str]:
    """Ids of the right shape that name nothing."""
    return {name: value.split("_")[0] + "_0VcMissingMissing0000000" for name, value in ids.items()}
