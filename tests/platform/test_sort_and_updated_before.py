"""Lists of conversations and contacts: `sort` (created_at or updated_at, either way, on keyset cursors)
and `updated_before`; the default order stays newest first by created_at."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.contacts.models import Contact
from apps.conversations.models import Conversation

pytestmark = pytest.mark.django_db


def _contacts(owner, count=5):
    ids = [owner.api.post("contacts", {"email": f"c{n}@example.com"}).json()["id"] for n in range(count)]
    now = timezone.now()
    # updated_at in the reverse order of creation, so the two orders differ.
    for n, contact_id in enumerate(ids):
        Contact.all_workspaces.filter(id=contact_id).update(updated_at=now - timedelta(minutes=n))
    return ids


def _all_pages(client, path, params):
    seen, params = [], dict(params)
    while True:
        body = client.get(path, params).json()
        seen += [item["id"] for item in body["data"]]
        if not body["pagination"]["has_more"]:
            return seen
        params["after"] = body["pagination"]["next_cursor"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (None, "created_desc"),
        ("-created_at", "created_desc"),
        ("created_at", "created_asc"),
        ("updated_at", "updated_asc"),
        ("-updated_at", "updated_desc"),
    ],
)
def test_contacts_sort_across_keyset_pages(owner, sort, expected):
    ids = _contacts(owner)
    orders = {
        "created_desc": ids[::-1],
        "created_asc": ids,
        "updated_asc": ids[::-1],  # the first created was updated last
        "updated_desc": ids,
    }
    params = {"limit": 2, **({"sort": sort} if sort else {})}
    assert _all_pages(owner.api, "contacts", params) == orders[expected]


def test_conversations_sort_by_updated_at_across_pages(owner):
    contact = owner.api.post("contacts", {"email": "a@example.com"}).json()["id"]
    ids = [
        owner.api.post("conversations", {"contact_id": contact, "handled_by": "human"}).json()["id"]
        for _ in range(4)
    ]
    now = timezone.now()
    for n, conversation_id in enumerate(ids):
        Conversation.all_workspaces.filter(id=conversation_id).update(updated_at=now - timedelta(minutes=n))
    assert _all_pages(owner.api, "conversations", {"limit": 3, "sort": "-updated_at"}) == ids
    assert _all_pages(owner.api, "conversations", {"limit": 3, "sort": "updated_at"}) == ids[::-1]
    assert _all_pages(owner.api, "conversations", {"limit": 3}) == ids[::-1]


def test_a_cursor_is_bound_to_its_order(owner):
    _contacts(owner, 3)
    cursor = owner.api.get("contacts", {"limit": 1, "sort": "updated_at"}).json()["pagination"]["next_cursor"]
    refused = owner.api.get("contacts", {"limit": 1, "after": cursor})
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "invalid_cursor"


@pytest.mark.parametrize("path", ["contacts", "conversations"])
def test_an_unknown_sort_is_refused(owner, path):
    response = owner.api.get(path, {"sort": "name"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["code"], error["param"]) == ("invalid_parameter", "sort")


def test_updated_before_filters_contacts_and_conversations(owner):
    ids = _contacts(owner, 3)  # updated now, now-1min, now-2min
    cutoff = (timezone.now() - timedelta(seconds=30)).isoformat()
    assert sorted(
        c["id"] for c in owner.api.get("contacts", {"updated_before": cutoff}).json()["data"]
    ) == sorted(ids[1:])
    response = owner.api.get("conversations", {"updated_before": cutoff})
    assert response.status_code == 200 and response.json()["data"] == []
    bad = owner.api.get("contacts", {"updated_before": "yesterday"})
    assert bad.status_code == 400 and bad.json()["error"]["param"] == "updated_before"
