"""Settings in a real browser (issue 14's "Must show"): tokens minted and rotated in the dashboard work
and stop working against the API; a webhook endpoint receives a verified test event, fails, and is
redelivered; an invited person accepts from the e-mail's link and loses their token when removed; the
audit log filters and exports; billing charts the assistant's usage; the owner archives, closes and
restores; an admin posting the owner-only forms gets 403."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect
from standardwebhooks import Webhook

from tests.conftest import ApiClient
from tests.dashboard.conftest import make_objects
from tests.webhooks.receiver import Answer, Receiver

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NEW_PASSWORD = "another long passphrase 7"


def _csrf(app) -> str:
    return app.page.evaluate("JSON.parse(document.body.getAttribute('hx-headers'))['X-CSRFToken']")


def _post(app, path: str, form: dict):
    return app.page.request.post(app.base + path, form={**form, "csrfmiddlewaretoken": _csrf(app)})


def _sign_out(app) -> None:
    app.page.get_by_role("button", name="Sign out").click()
    app.page.wait_for_url("**/login/**")


def _sign_in_as(app, email: str, password: str, workspace_id: str) -> None:
    app.go("/login/")
    app.page.get_by_label("Email").fill(email)
    app.page.get_by_label("Password").fill(password)
    app.page.get_by_role("button", name="Sign in").click()
    app.page.wait_for_url(f"**/app/{workspace_id}/inbox/")


def test_mint_use_rotate_and_revoke_a_token(app, admin):
    ws = admin.workspace.id
    app.sign_in(admin)
    app.go(f"/app/{ws}/settings/api/tokens/")
    app.page.get_by_label("Name").fill("CRM sync")
    app.page.get_by_label("Role").select_option("agent")
    app.page.get_by_label("Scope").select_option("read_write")
    app.page.get_by_role("button", name="Create token").click()
    first = app.page.get_by_test_id("new-token").inner_text().strip()
    assert re.fullmatch(r"lds_[A-Za-z0-9]{40}", first)
    app.shot("settings-tokens")
    assert ApiClient(first).get("workspace").status_code == 200
    assert ApiClient(first).get("me").json()["token"]["name"] == "CRM sync"

    app.go(f"/app/{ws}/settings/api/tokens/")  # shown once: a reload never shows it again
    expect(app.page.get_by_test_id("new-token")).to_have_count(0)
    assert first not in app.page.content()

    row = app.page.get_by_test_id("token-row").filter(has_text="CRM sync").filter(has_text="active")
    row.get_by_role("button", name="Rotate").click()
    second = app.page.get_by_test_id("new-token").inner_text().strip()
    assert second != first
    old = ApiClient(first).get("workspace")
    assert old.status_code == 401
    assert old.json()["error"]["code"] == "invalid_token"
    replacement = ApiClient(second).get("me").json()["token"]
    assert (replacement["name"], replacement["role"], replacement["scope"]) == (
        "CRM sync",
        "agent",
        "read_write",
    )

    row = app.page.get_by_test_id("token-row").filter(has_text="CRM sync").filter(has_text="active")
    row.get_by_role("button", name="Revoke").click()
    expect(app.page.get_by_role("status")).to_contain_text("Revoked")
    assert ApiClient(second).get("workspace").status_code == 401


def test_webhook_test_event_failure_and_redelivery(app, admin, eager_tasks, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True  # the receiver listens on 127.0.0.1 (dev/test only)
    receiver = Receiver().start()
    try:
        ws = admin.workspace.id
        app.sign_in(admin)
        app.go(f"/app/{ws}/settings/webhooks/")
        app.page.get_by_label("Endpoint URL").fill(receiver.url)
        app.page.get_by_role("checkbox", name=re.compile(r"^webhook\.test")).check()
        app.page.get_by_label("Description").fill("Local receiver")
        app.page.get_by_role("button", name="Add endpoint").click()
        secret = app.page.get_by_test_id("webhook-secret").inner_text().strip()
        assert secret.startswith("whsec_")

        app.page.get_by_role("button", name="Send test event").click()
        [request] = receiver.wait_for(1)
        payload = Webhook(secret).verify(request.body, request.headers)
        assert payload["type"] == "webhook.test"
        assert payload["workspace_id"] == ws
        row = app.page.get_by_test_id("delivery-row").first
        expect(row.get_by_test_id("delivery-status")).to_have_text("succeeded")
        expect(row).to_contain_text(request.headers["webhook-id"])
        app.shot("settings-webhook")

        receiver.default = Answer(status=500, body=b"receiver broke")
        app.page.get_by_role("button", name="Send test event").click()
        receiver.wait_for(2)
        app.page.get_by_label("State").select_option("failing")
        app.page.get_by_role("button", name="Filter").click()
        failing = app.page.get_by_test_id("delivery-row")
        expect(failing).to_have_count(1)
        expect(failing.get_by_test_id("delivery-response")).to_have_text("HTTP 500")
        app.page.get_by_text("1 attempt", exact=True).click()
        attempt = app.page.get_by_test_id("attempt-row")
        expect(attempt).to_contain_text("HTTP 500")
        expect(attempt).to_contain_text("receiver broke")
        expect(attempt).to_contain_text(re.compile(r"\d+ ms"))
        app.shot("settings-webhook-failing")
        failed_id = receiver.requests[1].headers["webhook-id"]

        receiver.default = Answer(status=200)
        failing.get_by_role("button", name="Redeliver").click()
        [*_, again] = receiver.wait_for(3)
        assert again.headers["webhook-id"] == failed_id  # the same event, the same id
        Webhook(secret).verify(again.body, again.headers)
        app.go(f"/app/{ws}/settings/webhooks/")
        app.page.get_by_role("link", name=receiver.url).click()
        rows = app.page.get_by_test_id("delivery-row")
        expect(rows).to_have_count(2)
        expect(rows.get_by_test_id("delivery-status")).to_have_text(["succeeded", "succeeded"])
        app.go(f"/app/{ws}/settings/webhooks/")
        app.shot("settings-webhooks")
    finally:
        receiver.stop()


def test_invite_accept_sign_in_then_removal_kills_their_token(app, owner):
    ws = owner.workspace.id
    app.sign_in(owner)
    app.go(f"/app/{ws}/settings/members/")
    app.page.get_by_label("Email").fill("newbie@example.com")
    app.page.get_by_label("Role").select_option("agent")
    app.page.get_by_role("button", name="Send invitation").click()
    expect(app.page.get_by_test_id("invitation-row")).to_contain_text("newbie@example.com")
    app.shot("settings-members")
    [message] = [m for m in mail.outbox if "newbie@example.com" in m.to]
    link = re.search(r"https?://\S+/invitations/\S+/", message.body).group(0)
    path = "/" + link.split("/", 3)[3]
    _sign_out(app)

    app.go(path)
    expect(app.page.get_by_role("heading", name=f"Join {owner.workspace.name}")).to_be_visible()
    app.page.get_by_label("Your name").fill("New Bie")
    app.page.get_by_label("Password", exact=True).fill(NEW_PASSWORD)
    app.page.get_by_label("Password again").fill(NEW_PASSWORD)
    app.shot("settings-invitation")
    app.page.get_by_role("button", name="Accept invitation").click()
    app.page.wait_for_url(f"**/app/{ws}/inbox/")
    _sign_out(app)
    assert app.go(path).status == 404  # used: the link is dead

    _sign_in_as(app, "newbie@example.com", NEW_PASSWORD, ws)
    expect(app.page.locator(".me .role")).to_have_text("agent")
    app.go(f"/app/{ws}/settings/api/tokens/")
    app.page.get_by_label("Name").fill("mine")
    app.page.get_by_role("button", name="Create token").click()
    theirs = app.page.get_by_test_id("new-token").inner_text().strip()
    me = ApiClient(theirs).get("me")
    assert me.status_code == 200
    assert me.json()["member"]["email"] == "newbie@example.com"
    _sign_out(app)

    app.sign_in(owner)
    app.go(f"/app/{ws}/settings/members/")
    app.page.once("dialog", lambda dialog: dialog.accept())
    app.page.get_by_role("button", name="Remove newbie@example.com").click()
    expect(app.page.get_by_role("status")).to_contain_text("Removed newbie@example.com")
    gone = ApiClient(theirs).get("workspace")
    assert gone.status_code == 401
    assert gone.json()["error"]["code"] == "invalid_token"
    assert all(row["email"] != "newbie@example.com" for row in owner.api.get("members").json()["data"])


def test_filter_and_export_the_audit_log(app, admin):
    ws = admin.workspace.id
    admin.api.post("contacts", {"email": "audited@example.com"})
    app.sign_in(admin)
    app.go(f"/app/{ws}/settings/audit/")
    app.page.get_by_label("Action").fill("contact.created")
    app.page.get_by_role("button", name="Filter").click()
    rows = app.page.get_by_test_id("audit-row")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text(admin.token.id)  # the API token that did it
    app.shot("settings-audit")
    with app.page.expect_download() as download_info:
        app.page.get_by_role("link", name="CSV").click()
    with open(download_info.value.path()) as exported_file:
        text = exported_file.read()
    lines = text.strip().splitlines()
    assert lines[0].startswith("id,created_at,action,actor_type")
    assert len(lines) == 2 and ",contact.created," in lines[1]
    assert "audited@example.com" not in text  # never PII
    exported = admin.api.get("audit", {"action": "audit.exported"}).json()["data"]
    assert exported and exported[0]["actor"] == {"type": "user", "id": admin.user_id}


def test_billing_charts_the_assistants_usage(app, admin, eager_tasks):
    make_objects(admin.workspace.id)  # a published article about resetting a password
    created = admin.api.post(
        "conversations",
        {"contact": {"email": "sam@example.com"}, "message": {"body": "How do I reset my password?"}},
    ).json()
    assert created["handled_by"] == "assistant"
    used = admin.api.get("billing/subscription").json()["ai_tokens"]["used"]
    assert used > 0
    app.sign_in(admin)
    app.go(f"/app/{admin.workspace.id}/settings/billing/")
    expect(app.page.get_by_test_id("ai-tokens-used")).to_have_text(str(used))
    chart = app.page.get_by_test_id("ai-usage-chart")
    expect(chart).to_be_visible()
    expect(chart.get_by_test_id("threshold")).to_have_count(2)
    expect(chart.get_by_test_id("usage-bar")).to_have_count(1)
    expect(app.page.get_by_test_id("usage-day")).to_contain_text(str(used))
    app.shot("settings-billing")


def test_owner_archives_closes_and_restores(app, owner, eager_tasks):
    ws = owner.workspace.id
    app.sign_in(owner)
    app.go(f"/app/{ws}/settings/workspace/")
    app.page.get_by_role("button", name="Request an archive").click()
    expect(app.page.get_by_test_id("archive-status")).to_have_text("ready")
    download = app.page.request.get(
        app.base + app.page.get_by_test_id("archive-download").get_attribute("href")
    )
    assert download.status == 200 and download.body()[:2] == b"PK"
    app.shot("settings-workspace")

    app.page.get_by_label("Type the workspace name to confirm").fill("not the name")
    app.page.get_by_role("button", name="Close workspace").click()
    expect(app.page.get_by_test_id("workspace-status")).to_have_text("active")
    app.page.get_by_label("Type the workspace name to confirm").fill(owner.workspace.name)
    app.page.get_by_role("button", name="Close workspace").click()
    expect(app.page.get_by_test_id("workspace-status")).to_have_text("closed")
    assert owner.api.get("workspace").json()["status"] == "closed"
    app.shot("settings-workspace-closed")
    app.page.get_by_role("button", name="Restore workspace").click()
    expect(app.page.get_by_test_id("workspace-status")).to_have_text("active")
    assert owner.api.get("workspace").json()["status"] == "active"


def test_admin_gets_403_on_owner_only_forms(app, admin):
    ws = admin.workspace.id
    app.sign_in(admin)
    app.go(f"/app/{ws}/settings/workspace/")
    expect(app.page.get_by_role("button", name="Close workspace")).to_have_count(0)
    expect(app.page.get_by_role("button", name="Request an archive")).to_have_count(0)
    for action in ("archive", "close", "restore"):
        form = {"confirm": admin.workspace.name} if action == "close" else {}
        assert _post(app, f"/app/{ws}/settings/workspace/{action}/", form).status == 403, action
    assert admin.api.get("workspace").json()["status"] == "active"
    # what an admin may do, they can: rename
    app.page.get_by_label("Workspace name").fill("Acme Support")
    app.page.get_by_role("button", name="Rename").click()
    expect(app.page.get_by_role("status")).to_contain_text("renamed")
    assert admin.api.get("workspace").json()["name"] == "Acme Support"
