"""The /webhooks endpoints: shapes, validation, roles, tenant isolation."""

import pytest

from apps.webhooks.models import WebhookDelivery, WebhookEndpoint
from apps.webhooks.secrets import decrypt_secret
from leadiosa.events import WEBHOOK_EVENT_TYPES

from .factories import make_endpoint

pytestmark = pytest.mark.django_db

VALID = {"url": "https://hooks.example.com/in", "events": ["conversation.created", "message.created"]}


@pytest.fixture(autouse=True)
def _dns(public_dns):
    return public_dns


def test_create_returns_the_secret_once_and_stores_it_encrypted(admin):
    response = admin.api.post("webhooks", {**VALID, "description": "CRM sync"})
    assert response.status_code == 201
    body = response.json()
    assert body["id"].startswith("wh_")
    assert body["url"] == VALID["url"]
    assert body["events"] == VALID["events"]
    assert body["description"] == "CRM sync"
    assert body["status"] == "enabled"
    assert body["created_at"].endswith("Z")
    assert body["secret"].startswith("whsec_")
    import base64

    assert len(base64.b64decode(body["secret"][6:])) == 32
    stored = WebhookEndpoint.all_workspaces.get(id=body["id"])
    assert body["secret"] not in stored.secret_encrypted
    assert decrypt_secret(stored.secret_encrypted) == body["secret"]
    shown_later = admin.api.get(f"webhooks/{body['id']}").json()
    assert "secret" not in shown_later
    assert all("secret" not in item for item in admin.api.get("webhooks").json()["data"])


def test_create_without_description_omits_it(admin):
    body = admin.api.post("webhooks", VALID).json()
    assert "description" not in body


def test_create_accepts_the_wildcard_and_every_catalogue_name(admin):
    assert admin.api.post("webhooks", {**VALID, "events": ["*"]}).status_code == 201
    assert admin.api.post("webhooks", {**VALID, "events": list(WEBHOOK_EVENT_TYPES)}).status_code == 201


@pytest.mark.parametrize(
    ("body", "param"),
    [
        ({**VALID, "events": ["conversation.created", "conversation.exploded"]}, "events.1"),
        ({**VALID, "events": []}, "events"),
        ({**VALID, "events": ["*", "message.created"]}, "events"),
        ({**VALID, "events": "message.created"}, "events"),
        ({"events": ["*"]}, "url"),
        ({"url": VALID["url"]}, "events"),
        ({**VALID, "id": "wh_x"}, "id"),
        ({**VALID, "secret": "whsec_mine"}, "secret"),
        ({**VALID, "status": "disabled"}, "status"),
        ({**VALID, "description": "x" * 501}, "description"),
    ],
)
def test_create_rejects_invalid_bodies(admin, body, param):
    response = admin.api.post("webhooks", body)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"
    assert response.json()["error"]["param"] == param
    assert not WebhookEndpoint.all_workspaces.exists()


@pytest.mark.parametrize(
    "url",
    [
        "http://hooks.example.com/in",
        "ftp://hooks.example.com/in",
        "https:///nohost",
        "not a url",
        "https://user:pw@hooks.example.com/in",
        "https://hooks.example.com:99999/in",
    ],
)
def test_create_refuses_urls_that_are_not_plain_https(admin, url):
    response = admin.api.post("webhooks", {**VALID, "url": url})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_webhook_url"
    assert response.json()["error"]["param"] == "url"


def test_list_is_newest_first_and_paginates_with_constant_queries(admin, django_assert_max_num_queries):
    ids = [make_endpoint(admin.workspace)[0].id for _ in range(3)]
    with django_assert_max_num_queries(12):
        first = admin.api.get("webhooks", {"limit": 2}).json()
    assert [w["id"] for w in first["data"]] == ids[::-1][:2]
    assert first["pagination"]["has_more"] is True
    second = admin.api.get("webhooks", {"limit": 2, "after": first["pagination"]["next_cursor"]}).json()
    assert [w["id"] for w in second["data"]] == ids[:1]
    assert second["pagination"] == {"has_more": False}
    for _ in range(20):
        make_endpoint(admin.workspace)
    with django_assert_max_num_queries(12):
        assert len(admin.api.get("webhooks", {"limit": 100}).json()["data"]) == 23


def test_delete_removes_the_endpoint_and_its_deliveries(admin):
    endpoint, _ = make_endpoint(admin.workspace)
    admin.api.post(f"webhooks/{endpoint.id}/test")
    assert WebhookDelivery.all_workspaces.filter(endpoint_id=endpoint.id).exists()
    response = admin.api.delete(f"webhooks/{endpoint.id}")
    assert response.status_code == 204
    assert not WebhookEndpoint.all_workspaces.filter(id=endpoint.id).exists()
    assert not WebhookDelivery.all_workspaces.filter(endpoint_id=endpoint.id).exists()
    assert admin.api.get(f"webhooks/{endpoint.id}").status_code == 404


def test_rotate_secret_shows_a_new_secret_and_keeps_the_old_one_for_a_day(admin):
    created = admin.api.post("webhooks", VALID).json()
    response = admin.api.post(f"webhooks/{created['id']}/rotate-secret")
    assert response.status_code == 200
    rotated = response.json()
    assert rotated["id"] == created["id"]
    assert rotated["secret"].startswith("whsec_") and rotated["secret"] != created["secret"]
    stored = WebhookEndpoint.all_workspaces.get(id=created["id"])
    assert decrypt_secret(stored.secret_encrypted) == rotated["secret"]
    assert decrypt_secret(stored.previous_secret_encrypted) == created["secret"]
    hours = (stored.previous_secret_expires_at - stored.updated_at).total_seconds() / 3600
    assert 23.9 < hours <= 24


def test_test_endpoint_queues_a_webhook_test_delivery(admin):
    endpoint, _ = make_endpoint(admin.workspace, events=["message.created"])
    response = admin.api.post(f"webhooks/{endpoint.id}/test")
    assert response.status_code == 201
    delivery = response.json()
    assert delivery["id"].startswith("dlv_")
    assert delivery["event_id"].startswith("evt_")
    assert delivery["event_type"] == "webhook.test"
    assert delivery["status"] == "pending"
    assert delivery["attempts"] == 0
    listed = admin.api.get(f"webhooks/{endpoint.id}/deliveries").json()
    assert [d["id"] for d in listed["data"]] == [delivery["id"]]


def test_test_on_a_disabled_endpoint_conflicts(admin):
    endpoint, _ = make_endpoint(admin.workspace, status="disabled")
    response = admin.api.post(f"webhooks/{endpoint.id}/test")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "webhook_disabled"


def test_deliveries_list_is_newest_first_with_constant_queries(admin, django_assert_max_num_queries):
    endpoint, _ = make_endpoint(admin.workspace)
    other, _ = make_endpoint(admin.workspace)
    admin.api.post(f"webhooks/{other.id}/test")
    first = admin.api.post(f"webhooks/{endpoint.id}/test").json()
    with django_assert_max_num_queries(12):
        one = admin.api.get(f"webhooks/{endpoint.id}/deliveries").json()
    assert [d["id"] for d in one["data"]] == [first["id"]]
    for _ in range(5):
        admin.api.post(f"webhooks/{endpoint.id}/test")
    with django_assert_max_num_queries(12):
        page = admin.api.get(f"webhooks/{endpoint.id}/deliveries", {"limit": 4}).json()
    assert len(page["data"]) == 4 and page["pagination"]["has_more"] is True
    assert page["data"][-1]["id"] != first["id"]
    rest = admin.api.get(
        f"webhooks/{endpoint.id}/deliveries", {"limit": 4, "after": page["pagination"]["next_cursor"]}
    ).json()
    assert rest["data"][-1]["id"] == first["id"]
    bad = admin.api.get(f"webhooks/{endpoint.id}/deliveries", {"after": "cur_nope"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_cursor"
    assert admin.api.get(f"webhooks/{endpoint.id}/deliveries", {"limit": 0}).status_code == 400


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "webhooks/{id}"),
        ("delete", "webhooks/{id}"),
        ("post", "webhooks/{id}/rotate-secret"),
        ("post", "webhooks/{id}/test"),
        ("get", "webhooks/{id}/deliveries"),
    ],
)
def test_another_workspaces_webhook_is_not_found(admin, stranger, method, path):
    theirs, _ = make_endpoint(stranger.workspace)
    missing = getattr(admin.api, method)(path.format(id="wh_doesnotexist"))
    foreign = getattr(admin.api, method)(path.format(id=theirs.id))
    assert missing.status_code == foreign.status_code == 404
    assert missing.json()["error"]["code"] == foreign.json()["error"]["code"] == "webhook_not_found"
    assert WebhookEndpoint.all_workspaces.filter(id=theirs.id, status="enabled").exists()


def test_lists_never_show_another_workspace(admin, stranger):
    mine, _ = make_endpoint(admin.workspace)
    theirs, _ = make_endpoint(stranger.workspace)
    stranger.api.post(f"webhooks/{theirs.id}/test")
    assert [w["id"] for w in admin.api.get("webhooks").json()["data"]] == [mine.id]
    assert admin.api.get(f"webhooks/{mine.id}/deliveries").json()["data"] == []


ROUTES = [
    ("get", "webhooks", None),
    ("post", "webhooks", VALID),
    ("get", "webhooks/{id}", None),
    ("delete", "webhooks/{id}", None),
    ("post", "webhooks/{id}/rotate-secret", None),
    ("post", "webhooks/{id}/test", None),
    ("get", "webhooks/{id}/deliveries", None),
]


@pytest.mark.parametrize(("method", "path", "body"), ROUTES)
def test_agents_and_read_tokens_are_denied(personas, method, path, body):
    endpoint, _ = make_endpoint(personas["owner"].workspace)
    for name in ("agent", "reader"):
        client = personas[name].api
        args = (path.format(id=endpoint.id),) + ((body,) if method == "post" else ())
        response = getattr(client, method)(*args)
        assert response.status_code == 403, name
        assert response.json()["error"]["code"] == "permission_denied"
    assert WebhookEndpoint.all_workspaces.count() == 1


SUCCESS_STATUS = {
    ("get", "webhooks"): 200,
    ("post", "webhooks"): 201,
    ("get", "webhooks/{id}"): 200,
    ("delete", "webhooks/{id}"): 204,
    ("post", "webhooks/{id}/rotate-secret"): 200,
    ("post", "webhooks/{id}/test"): 201,
    ("get", "webhooks/{id}/deliveries"): 200,
}


@pytest.mark.parametrize(("method", "path", "body"), ROUTES)
def test_admins_and_owners_are_allowed(personas, method, path, body):
    for name in ("admin", "owner"):
        endpoint, _ = make_endpoint(personas["owner"].workspace)
        args = (path.format(id=endpoint.id),) + ((body,) if method == "post" else ())
        response = getattr(personas[name].api, method)(*args)
        assert response.status_code == SUCCESS_STATUS[(method, path)], (name, response.content)


def test_missing_token_is_rejected(anonymous):
    assert anonymous.get("webhooks").status_code == 401


def test_webhook_changes_are_audited_without_the_secret(admin):
    from leadiosa import events

    seen = []
    events.register_sink(seen.append)
    try:
        created = admin.api.post("webhooks", VALID).json()
        admin.api.post(f"webhooks/{created['id']}/rotate-secret")
        admin.api.delete(f"webhooks/{created['id']}")
    finally:
        events.unregister_sink(seen.append)
    assert [e.type for e in seen] == ["webhook.created", "webhook.secret_rotated", "webhook.deleted"]
    assert all(e.resource_id == created["id"] and e.actor.type == "token" for e in seen)
    assert all(created["secret"] not in repr(e) for e in seen)


def test_disabled_endpoints_list_with_their_status(admin):
    make_endpoint(admin.workspace, status="disabled")
    assert admin.api.get("webhooks").json()["data"][0]["status"] == "disabled"
