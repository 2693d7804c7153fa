"""Shared steps of the lifecycle tests: data made through the API, full list reads, the archive."""

from __future__ import annotations

import io
import json
import zipfile
from urllib.parse import urlsplit

from django.test import Client


def list_all(api, path: str, params: dict | None = None) -> list[dict]:
    """Every item of a list endpoint, following the cursors."""
    items: list[dict] = []
    query = {"limit": 100, **(params or {})}
    while True:
        response = api.get(path, query)
        assert response.status_code == 200, response.content
        body = response.json()
        items.extend(body["data"])
        if not body["pagination"]["has_more"]:
            return items
        query["after"] = body["pagination"]["next_cursor"]


def populate(owner, *, conversations: int = 3, tag: str = "acme") -> dict:
    """Contacts, conversations with messages and notes, a webhook: all through the API."""
    api = owner.api
    made = {"conversations": []}
    for n in range(conversations):
        response = api.post(
            "conversations",
            {
                "contact": {"email": f"{tag}-{n}@example.org", "name": f"{tag} person {n}"},
                "subject": f"{tag} question {n}",
                "handled_by": "human",
                "message": {"body": f"{tag} first message {n}"},
            },
        )
        assert response.status_code == 201, response.content
        conversation_id = response.json()["id"]
        made["conversations"].append(conversation_id)
        assert (
            api.post(f"conversations/{conversation_id}/messages", {"body": f"{tag} reply {n}"}).status_code
            == 201
        )
        assert (
            api.post(f"conversations/{conversation_id}/notes", {"body": f"{tag} note {n}"}).status_code == 201
        )
    response = api.post("contacts", {"email": f"{tag}-lonely@example.org", "attributes": {"plan": "gold"}})
    assert response.status_code == 201, response.content
    response = api.post(
        "webhooks", {"url": f"https://hooks.example.com/{tag}", "events": ["*"], "description": tag}
    )
    assert response.status_code == 201, response.content
    made["webhook_secret"] = response.json()["secret"]
    response = api.post(
        "knowledge/articles",
        {
            "title": f"{tag} returns",
            "body": f"# Returns\n\n{tag} accepts returns within 30 days.",
            "status": "published",
        },
    )
    assert response.status_code == 201, response.content
    return made


def download(url: str) -> tuple[int, bytes, object]:
    """GET a download URL as a browser would: no Authorization header."""
    parts = urlsplit(url)
    response = Client().get(parts.path + ("?" + parts.query if parts.query else ""))
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, body, response


def read_archive(content: bytes) -> dict[str, object]:
    files: dict[str, object] = {}
    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        for name in zf.namelist():
            text = zf.read(name).decode()
            if name.endswith(".jsonl"):
                files[name] = [json.loads(line) for line in text.splitlines() if line]
            else:
                files[name] = json.loads(text)
    return files
