"""The soak's workload: 80 % reads, 20 % writes, over every workspace and token of the world file.

Run by bench/soak/run.py (headless); environment:
- SOAK_WORLD: the world JSON (workspaces, tokens, and the ids made before the run);
- SOAK_THROUGHPUT: requests per second per user (0: as fast as the server answers, for saturation);
- SOAK_STATUS_OUT: where the status tally is written when the run ends.

A 2xx is a success; a 429 (the plan's rate limit) is intended and counted apart; anything else — a 4xx
this workload never provokes, a 5xx, a connection error — is a failure.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import uuid
from collections import Counter

from locust import constant, constant_throughput, events, task
from locust.contrib.fasthttp import FastHttpUser

WORLD = json.loads(open(os.environ["SOAK_WORLD"]).read())  # noqa: SIM115
THROUGHPUT = float(os.environ.get("SOAK_THROUGHPUT", "0"))
STATUSES: Counter[str] = Counter()
ROLES = ("owner", "admin", "agent1", "agent2")
_slots = itertools.count()


@events.request.add_listener
def _tally(request_type, name, response, exception, **kwargs):
    status = getattr(response, "status_code", 0) if exception is None or response is not None else 0
    STATUSES[f"{request_type} {name} {status or 0}"] += 1


@events.quitting.add_listener
def _write_statuses(environment, **kwargs):
    with open(os.environ["SOAK_STATUS_OUT"], "w") as out:
        json.dump(dict(STATUSES), out, indent=1, sort_keys=True)


class Client(FastHttpUser):
    wait_time = constant_throughput(THROUGHPUT) if THROUGHPUT > 0 else constant(0)

    def on_start(self):
        slot = next(_slots)
        self.workspace = WORLD[slot % len(WORLD)]
        self.role = ROLES[(slot // len(WORLD)) % len(ROLES)]
        self.headers = {
            "Authorization": f"Bearer {self.workspace['tokens'][self.role]}",
            "Content-Type": "application/json",
            "X-Forwarded-Proto": "https",
        }
        # Shared with the other users of the workspace: what the world made, and what they create.
        self.contacts = self.workspace["contacts"]
        self.conversations = self.workspace["conversations"]

    def _call(self, method: str, path: str, name: str, expected: int, body: dict | None = None):
        with self.client.request(
            method,
            path,
            name=name,
            headers=self.headers,
            data=json.dumps(body) if body is not None else None,
            catch_response=True,
        ) as response:
            if response.status_code == expected or response.status_code == 429:
                response.success()
                return response.json() if response.status_code == expected and expected != 204 else None
            response.failure(f"{response.status_code}: {(response.text or '')[:200]}")
            return None

    # ---- reads: 80 % (weights 16 + 14 + 14 + 12 + 10 + 8 + 6 = 80) ----
    @task(16)
    def list_conversations(self):
        self._call("GET", "/api/v1/conversations?limit=25", "GET /conversations", 200)

    @task(14)
    def get_conversation(self):
        cid = random.choice(self.conversations)
        self._call("GET", f"/api/v1/conversations/{cid}", "GET /conversations/{id}", 200)

    @task(14)
    def list_messages(self):
        cid = random.choice(self.conversations)
        self._call(
            "GET", f"/api/v1/conversations/{cid}/messages?limit=25", "GET /conversations/{id}/messages", 200
        )

    @task(12)
    def list_contacts(self):
        self._call("GET", "/api/v1/contacts?limit=25", "GET /contacts", 200)

    @task(10)
    def get_contact(self):
        self._call("GET", f"/api/v1/contacts/{random.choice(self.contacts)}", "GET /contacts/{id}", 200)

    @task(8)
    def me(self):
        self._call("GET", "/api/v1/me", "GET /me", 200)

    @task(6)
    def list_notes(self):
        cid = random.choice(self.conversations)
        self._call("GET", f"/api/v1/conversations/{cid}/notes", "GET /conversations/{id}/notes", 200)

    # ---- writes: 20 % (weights 5 + 4 + 4 + 3 + 2 + 2 = 20) ----
    @task(5)
    def post_message(self):
        cid = random.choice(self.conversations)
        self._call(
            "POST",
            f"/api/v1/conversations/{cid}/messages",
            "POST /conversations/{id}/messages",
            201,
            {"body": "Thanks, we are on it."},
        )

    @task(4)
    def create_contact(self):
        made = self._call(
            "POST",
            "/api/v1/contacts",
            "POST /contacts",
            201,
            {"email": f"{uuid.uuid4().hex[:16]}@soak.test", "name": "Soak Contact"},
        )
        if made:
            self.contacts.append(made["id"])

    @task(4)
    def create_conversation(self):
        made = self._call(
            "POST",
            "/api/v1/conversations",
            "POST /conversations",
            201,
            {
                "contact_id": random.choice(self.contacts),
                "handled_by": "human",
                "message": {"body": "Hello, where is my order?"},
            },
        )
        if made:
            self.conversations.append(made["id"])

    @task(3)
    def post_note(self):
        cid = random.choice(self.conversations)
        self._call(
            "POST",
            f"/api/v1/conversations/{cid}/notes",
            "POST /conversations/{id}/notes",
            201,
            {"body": "FYI"},
        )

    @task(2)
    def update_conversation(self):
        cid = random.choice(self.conversations)
        priority = random.choice(("low", "normal", "high", "urgent"))
        self._call(
            "PATCH", f"/api/v1/conversations/{cid}", "PATCH /conversations/{id}", 200, {"priority": priority}
        )

    @task(2)
    def update_contact(self):
        ct = random.choice(self.contacts)
        self._call(
            "PATCH",
            f"/api/v1/contacts/{ct}",
            "PATCH /contacts/{id}",
            200,
            {"name": f"Soak {random.random():.6f}"},
        )
