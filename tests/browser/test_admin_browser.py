"""The support console in a real browser (issue 17's "Must show"): its styles and scripts load; a webhook's
events set to a bad value are refused and the workspace keeps working; Contacts → Add → Save works; bulk
delete of conversations is not offered; and each support workflow (find anything, the workspace overview
and lifecycle, webhook test/retry/re-enable, a locked-out customer, tokens, audit) runs through the
services, as the staff user, with a reason."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from playwright.sync_api import expect

from apps.audit.models import AuditEntry
from apps.contacts.models import Contact
from apps.conversations.models import Conversation
from apps.support.groups import READ_ONLY, ensure_support_groups
from apps.webhooks.models import WebhookDelivery, WebhookEndpoint
from apps.webhooks.redelivery import webhook_create_checked, webhook_update
from apps.workspaces.invitations import invitation_create
from apps.workspaces.models import ApiToken, Member, User, Workspace
from leadiosa.context import SYSTEM, acting_as
from leadiosa.tenancy import with_workspace
from tests.factories import UserFactory
from tests.webhooks.receiver import Answer, Receiver

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

REASON = "ticket 4711: customer asked"


@pytest.fixture
def staff(db):
    return UserFactory(email="support@leadiosa.test", is_staff=True, is_superuser=True)


def sign_in(app, user) -> None:
    """The admin's session for `user`, as its login form would leave it (that form is tested once)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    app.page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": app.base}])


@pytest.fixture
def console(app, staff):
    sign_in(app, staff)
    return app


def endpoint_for(workspace_id: str) -> WebhookEndpoint:
    with with_workspace(workspace_id), acting_as(SYSTEM):
        endpoint, _secret = webhook_create_checked(url="https://hooks.example.com/in", events=["*"])
    return endpoint


def last_entry(workspace_id: str, action: str) -> AuditEntry:
    return AuditEntry.all_workspaces.filter(workspace_id=workspace_id, action=action).latest("created_at")


def give_reason(app, button: str) -> None:
    app.page.get_by_label("Reason").fill(REASON)
    app.page.get_by_role("button", name=button).click()


def test_the_admin_styles_and_scripts_load_and_sign_in_works(app, staff):
    statics: dict[str, int] = {}
    app.page.on("response", lambda r: statics.__setitem__(r.url, r.status) if "/static/" in r.url else None)
    staff.set_password("a long enough passphrase 42")
    staff.save()
    app.go("/admin/")
    app.page.get_by_label("Username").fill(staff.username)
    app.page.get_by_label("Password").fill("a long enough passphrase 42")
    app.page.get_by_role("button", name="Log in").click()
    expect(app.page.get_by_role("heading", name="Support console")).to_be_visible()
    app.go("/admin/conversations/conversation/")
    assert any(url.endswith("/static/admin/css/base.css") for url in statics), statics
    assert any(url.endswith(".js") for url in statics), statics
    assert all(status == 200 for status in statics.values()), statics
    header = app.page.evaluate("getComputedStyle(document.getElementById('header')).backgroundColor")
    assert header not in ("", "rgba(0, 0, 0, 0)", "transparent")  # base.css styled it
    app.shot("admin-conversations")


def test_bad_webhook_events_are_refused_and_the_workspace_keeps_working(console, owner):
    endpoint = endpoint_for(owner.workspace.id)
    console.go(f"/admin/webhooks/webhookendpoint/{endpoint.id}/change/")
    assert console.page.locator("input[name=url]").count() == 0  # the URL is not editable
    console.page.get_by_role("checkbox", name="* (every event)").uncheck()
    console.page.get_by_role("button", name="Save", exact=True).click()
    expect(console.page.locator(".errorlist")).to_contain_text("required")

    csrf = console.page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    for bad in (("5", "ftp.created", "*"),):
        response = console.page.request.post(
            console.base + f"/admin/webhooks/webhookendpoint/{endpoint.id}/change/",
            multipart={"csrfmiddlewaretoken": csrf, "events": bad[0], "description": "", "status": "enabled"},
            headers={"Referer": console.base + "/admin/"},
        )
        assert response.status == 200 and "errorlist" in response.text()
    assert WebhookEndpoint.all_workspaces.get(pk=endpoint.pk).events == ["*"]

    created = owner.api.post("conversations", {"contact": {"email": "ada@example.com"}})
    assert created.status_code == 201, created.content
    assert owner.api.post("contacts", {"email": "bob@example.com"}).status_code == 201
    assert owner.api.get("webhooks").status_code == 200

    console.page.get_by_role("checkbox", name="contact.created").check()
    console.page.get_by_label("Status").select_option("disabled")
    console.page.get_by_role("button", name="Save", exact=True).click()
    expect(console.page.locator(".messagelist")).to_contain_text("changed successfully")
    stored = WebhookEndpoint.all_workspaces.get(pk=endpoint.pk)
    assert stored.events == ["contact.created"] and stored.status == "disabled"
    assert stored.disabled_at is not None and stored.disabled_reason
    entry = last_entry(owner.workspace.id, "webhook.updated")
    staff = User.objects.get(email="support@leadiosa.test")
    assert (entry.actor_type, entry.actor_id) == ("user", staff.id) and entry.request_id.startswith("req_")


def test_contacts_add_save_works_through_the_service(console, owner):
    console.go("/admin/contacts/contact/")
    console.page.get_by_role("link", name="Add contact").click()
    console.page.get_by_label("Workspace").select_option(label=str(owner.workspace))
    console.page.get_by_label("Email").fill("MiXeD.Case@Example.COM")
    console.page.get_by_role("button", name="Save", exact=True).click()
    expect(console.page.locator(".messagelist")).to_contain_text("was added successfully")
    contact = Contact.all_workspaces.get(workspace=owner.workspace)
    assert contact.email == "mixed.case@example.com"
    entry = last_entry(owner.workspace.id, "contact.created")
    assert entry.resource_id == contact.id and entry.actor_type == "user" and entry.request_id

    # The same address again (another case) is the API's 409 contact_exists, shown on the form.
    console.go("/admin/contacts/contact/add/")
    console.page.get_by_label("Workspace").select_option(label=str(owner.workspace))
    console.page.get_by_label("Email").fill("mixed.CASE@example.com ")
    console.page.get_by_role("button", name="Save", exact=True).click()
    expect(console.page.locator(".errornote, .errorlist").first).to_be_visible()
    expect(console.page.locator("#content")).to_contain_text("already exists")
    assert Contact.all_workspaces.filter(workspace=owner.workspace).count() == 1

    # Editing normalises too, bumps updated_at and sends contact.updated.
    before = contact.updated_at
    console.go(f"/admin/contacts/contact/{contact.id}/change/")
    console.page.get_by_label("Email").fill("  New.Address@Example.com")
    console.page.get_by_role("button", name="Save", exact=True).click()
    expect(console.page.locator(".messagelist")).to_contain_text("changed successfully")
    contact.refresh_from_db()
    assert contact.email == "new.address@example.com" and contact.updated_at > before
    assert last_entry(owner.workspace.id, "contact.updated").changes == ["email"]


def test_conversations_offer_no_bulk_delete_and_change_through_the_service(console, owner):
    conv_id = owner.api.post("conversations", {"contact": {"email": "ada@example.com"}}).json()["id"]
    console.go("/admin/conversations/conversation/")
    options = console.page.locator("select[name=action] option").all_inner_texts()
    assert not [o for o in options if "delete" in o.lower()]
    console.go(f"/admin/conversations/conversation/{conv_id}/change/")
    expect(console.page.get_by_role("link", name="Delete")).to_have_count(0)
    assert console.page.locator("select[name=channel]").count() == 0
    console.page.get_by_label("Status").select_option("closed")
    console.page.get_by_role("button", name="Save and continue editing").click()
    expect(console.page.locator(".messagelist")).to_contain_text("changed successfully")
    assert Conversation.all_workspaces.get(pk=conv_id).status == "closed"
    assert last_entry(owner.workspace.id, "conversation.closed").actor_type == "user"
    console.page.get_by_label("Status").select_option("pending")
    console.page.get_by_role("button", name="Save and continue editing").click()
    expect(console.page.locator("#content")).to_contain_text("can only be reopened")
    assert Conversation.all_workspaces.get(pk=conv_id).status == "closed"
    # Messages are read-only, and nothing of the thread can be deleted.
    console.go("/admin/conversations/message/")
    assert (
        "delete" not in " ".join(console.page.locator("select[name=action] option").all_inner_texts()).lower()
    )


def test_find_anything_by_id_email_or_token(console, owner):
    conv_id = owner.api.post("conversations", {"contact": {"email": "ada@example.com"}}).json()["id"]
    searches = [
        (conv_id, f"/conversations/conversation/{conv_id}/change/"),
        (owner.workspace.id, f"/workspaces/workspace/{owner.workspace.id}/overview/"),
        (owner.member.user.email.upper(), f"/workspaces/user/{owner.member.user_id}/change/"),
        (owner.plaintext, f"/workspaces/apitoken/{owner.token.id}/change/"),
        (owner.plaintext[:12], f"/workspaces/apitoken/{owner.token.id}/change/"),
    ]
    for query, lands in searches:
        console.go("/admin/")
        console.page.get_by_label("Find anything").fill(query)
        console.page.get_by_role("button", name="Find").click()
        console.page.wait_for_url(f"**{lands}")
    console.go("/admin/workspaces/workspace/find/?q=conv_doesnotexist")
    expect(console.page.get_by_test_id("find-results")).to_contain_text("Nothing found")


def test_workspace_overview_close_and_restore_with_a_reason(console, owner):
    ws = owner.workspace.id
    console.go("/admin/workspaces/workspace/")
    console.page.get_by_role("link", name=ws).first.click()
    expect(console.page.get_by_test_id("workspace-status")).to_have_text("active")
    expect(console.page.get_by_test_id("workspace-counts")).to_contain_text("members")
    console.shot("admin-overview")
    console.page.get_by_role("link", name="Close the workspace").click()
    csrf = console.page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    no_reason = console.page.request.post(
        console.page.url,
        form={"csrfmiddlewaretoken": csrf, "reason": ""},
        headers={"Referer": console.page.url},
    )
    assert no_reason.status == 200 and "errorlist" in no_reason.text()  # refused without a reason
    assert Workspace.objects.get(pk=ws).status == "active"
    give_reason(console, "Close the workspace")
    expect(console.page.get_by_test_id("workspace-status")).to_contain_text("closed")
    refused = owner.api.post("contacts", {"email": "x@example.com"})
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "workspace_closed"
    console.page.get_by_role("link", name="Restore the workspace").click()
    give_reason(console, "Restore the workspace")
    expect(console.page.get_by_test_id("workspace-status")).to_have_text("active")
    assert owner.api.post("contacts", {"email": "x@example.com"}).status_code == 201
    entry = last_entry(ws, "workspace.restored")
    assert entry.actor_type == "user" and entry.request_id.startswith("req_")
    from django.contrib.admin.models import LogEntry

    assert LogEntry.objects.filter(change_message__contains=REASON).count() == 2


def test_webhook_reenable_send_test_and_retry_a_delivery(console, owner, eager_tasks, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True  # the receiver listens on 127.0.0.1 (dev/test only)
    receiver = Receiver().start()
    receiver.script.append(Answer(status=503, headers={"x-trace": "abc123"}, body=b"busy, try later"))
    try:
        with with_workspace(owner.workspace.id), acting_as(SYSTEM):
            endpoint, _ = webhook_create_checked(url=receiver.url, events=["webhook.test"])
            webhook_update(endpoint=endpoint, status="disabled")
        console.go(f"/admin/webhooks/webhookendpoint/{endpoint.id}/change/")
        console.page.get_by_role("link", name="Re-enable").click()
        give_reason(console, "Re-enable the endpoint")
        expect(console.page.locator(".messagelist")).to_contain_text("done")
        assert WebhookEndpoint.all_workspaces.get(pk=endpoint.pk).status == "enabled"

        console.page.get_by_role("link", name="Send a test event").click()
        give_reason(console, "Send a test event")
        receiver.wait_for(1)
        delivery = WebhookDelivery.all_workspaces.get(endpoint=endpoint, event_type="webhook.test")

        # The delivery's page shows the attempt: the answer's status, headers, body, duration.
        console.page.get_by_role("link", name="Deliveries").click()
        console.page.get_by_role("link", name=delivery.id).click()
        attempts = console.page.locator(".inline-group")
        expect(attempts).to_contain_text("503")
        expect(attempts).to_contain_text("x-trace: abc123")
        expect(attempts).to_contain_text("busy, try later")
        console.shot("admin-delivery-attempts")
        console.page.get_by_role("link", name="Retry this delivery now").click()
        give_reason(console, "Retry the delivery")
        expect(console.page.locator(".messagelist")).to_contain_text("done")
        receiver.wait_for(2)
        assert receiver.requests[1].headers["webhook-id"] == receiver.requests[0].headers["webhook-id"]
        entry = last_entry(owner.workspace.id, "webhook.delivery_retried")
        assert entry.actor_type == "user" and entry.resource_id == endpoint.id
        console.page.reload()
        expect(console.page.locator(".inline-group")).to_contain_text("200")
        assert WebhookDelivery.all_workspaces.get(pk=delivery.pk).status == "succeeded"
    finally:
        receiver.stop()


def test_locked_out_customer_reset_link_and_ownership_transfer(console, owner, agent):
    ws = owner.workspace.id
    console.go(f"/admin/workspaces/workspace/{ws}/password_reset/")
    console.page.get_by_label("Member").select_option(
        label=f"{agent.member.user.email} (agent, {agent.member.id})"
    )
    give_reason(console, "Send a password-reset link")
    expect(console.page.locator(".messagelist")).to_contain_text("done")
    [message] = [m for m in mail.outbox if agent.member.user.email in m.to]
    link = re.search(r"https?://\S+", message.body).group(0)
    assert link.startswith(settings.PUBLIC_BASE_URL) and link not in console.page.content()

    with with_workspace(ws), acting_as(SYSTEM):
        invitation = invitation_create(actor=owner.member, email="late@example.com", role="agent")
    mail.outbox.clear()
    console.go(f"/admin/workspaces/workspace/{ws}/resend_invitation/")
    console.page.get_by_label("Invitation").select_option(label=f"late@example.com (agent, {invitation.id})")
    give_reason(console, "Resend an invitation")
    expect(console.page.locator(".messagelist")).to_contain_text("done")
    [resent] = mail.outbox
    assert resent.to == ["late@example.com"] and "/invitations/" in resent.body
    assert last_entry(ws, "invitation.resent").actor_type == "user"

    console.go(f"/admin/workspaces/workspace/{ws}/transfer/")
    console.page.get_by_label("New owner").select_option(
        label=f"{agent.member.user.email} (agent, {agent.member.id})"
    )
    give_reason(console, "Transfer ownership")
    expect(console.page.locator(".messagelist")).to_contain_text("done")
    roles = dict(Member.all_workspaces.filter(workspace_id=ws).values_list("id", "role"))
    assert (roles[agent.member.id], roles[owner.member.id]) == ("owner", "admin")

    # The only owner left cannot be demoted, and who a member is never changes.
    console.go(f"/admin/workspaces/member/{agent.member.id}/change/")
    assert console.page.locator("[name=user]").count() == 0
    console.page.get_by_label("Role").select_option("agent")
    console.page.get_by_role("button", name="Save", exact=True).click()
    expect(console.page.locator("#content")).to_contain_text("at least one owner")
    assert Member.all_workspaces.get(pk=agent.member.id).role == "owner"


def test_minted_token_is_in_the_response_never_in_a_cookie(console, agent):
    console.go("/admin/workspaces/apitoken/add/")
    console.page.get_by_label("Member id").fill(agent.member.id)
    console.page.get_by_label("Role").select_option("owner")
    console.page.get_by_label("Reason").fill(REASON)
    console.page.get_by_role("button", name="Mint the token").click()
    expect(console.page.locator("#content")).to_contain_text("cannot exceed its member's")
    assert ApiToken.all_workspaces.filter(member=agent.member).count() == 1  # only the persona's
    console.page.get_by_label("Role").select_option("agent")
    console.page.get_by_role("button", name="Mint the token").click()
    plaintext = console.page.get_by_test_id("new-token").inner_text().strip()
    assert re.fullmatch(r"lds_[A-Za-z0-9]{40}", plaintext)
    cookies = " ".join(c["value"] for c in console.page.context.cookies())
    assert plaintext not in cookies and plaintext[4:20] not in cookies
    from tests.conftest import ApiClient

    assert ApiClient(plaintext).get("me").status_code == 200
    console.page.get_by_role("link", name="The token's page").click()
    assert plaintext not in console.page.content()
    console.page.get_by_role("link", name="Revoke this token").click()
    give_reason(console, "Revoke the token")
    assert ApiClient(plaintext).get("me").status_code == 401


def test_audit_filter_actor_email_chain_check_and_export(console, owner, staff, stranger):
    ws = owner.workspace.id
    owner.api.post("contacts", {"email": "ada@example.com"})
    console.go(f"/admin/workspaces/workspace/{ws}/archive/")
    give_reason(console, "Request an archive")
    console.go(f"/admin/workspaces/workspace/{ws}/overview/")
    console.page.locator("#content-main").get_by_role("link", name="Audit log", exact=True).click()
    rows = console.page.locator("#result_list tbody tr")
    expect(rows.filter(has_text="workspace.archive.requested")).to_contain_text(staff.email)
    expect(rows.filter(has_text="contact.created")).to_contain_text(owner.member.user.email)
    assert stranger.workspace.id not in console.page.locator("#result_list").inner_text()
    console.go(f"/admin/workspaces/workspace/{ws}/audit_check/")
    expect(console.page.get_by_test_id("chain-verdict")).to_have_text("intact")
    console.go(f"/admin/workspaces/workspace/{ws}/audit_export/")
    console.page.get_by_label("Reason").fill(REASON)
    with console.page.expect_download() as download:
        console.page.get_by_role("button", name="Export the audit log").click()
    lines = Path(download.value.path()).read_text().splitlines()
    assert any("contact.created" in line for line in lines)
    assert not [line for line in lines if stranger.workspace.id in line]


def test_read_only_support_staff_browse_but_change_nothing(app, owner):
    read_only, _ = ensure_support_groups()
    user = UserFactory(email="reader@leadiosa.test", is_staff=True)
    user.groups.add(read_only)
    sign_in(app, user)
    ws = owner.workspace.id
    conv_id = owner.api.post("conversations", {"contact": {"email": "ada@example.com"}}).json()["id"]
    app.go(f"/admin/workspaces/workspace/{ws}/overview/")
    expect(app.page.get_by_test_id("workspace-status")).to_have_text("active")
    app.go(f"/admin/conversations/conversation/{conv_id}/change/")
    expect(app.page.get_by_role("button", name="Save", exact=True)).to_have_count(0)
    response = app.go(f"/admin/workspaces/workspace/{ws}/close/")
    assert response.status == 403
    assert Workspace.objects.get(pk=ws).status == "active" and READ_ONLY

    # A support admin (staff, not a superuser) runs the action.
    _, support_admin = ensure_support_groups()
    colleague = UserFactory(email="lead@leadiosa.test", is_staff=True)
    colleague.groups.add(support_admin)
    app.page.context.clear_cookies()
    sign_in(app, colleague)
    app.go(f"/admin/workspaces/workspace/{ws}/close/")
    give_reason(app, "Close the workspace")
    expect(app.page.get_by_test_id("workspace-status")).to_contain_text("closed")
    assert last_entry(ws, "workspace.closed").actor_id == colleague.id


def test_plans_keep_one_default_and_subscription_status_is_read_only(console, owner):
    console.go("/admin/billing/plan/business/change/")
    console.page.get_by_label("Is default").check()
    console.page.get_by_role("button", name="Save", exact=True).click()
    expect(console.page.locator(".errorlist")).to_contain_text("default")
    from apps.billing.services import subscription_ensure

    subscription = subscription_ensure(workspace_id=owner.workspace.id)
    console.go("/admin/billing/subscription/")
    console.page.locator("#result_list").get_by_role("link", name=subscription.status).click()
    expect(console.page.locator("#content-main")).to_contain_text(owner.workspace.id)
    assert console.page.locator("select[name=status], select[name=billing_cycle]").count() == 0


def test_users_are_added_by_unique_email_and_no_password_is_typed(console):
    for attempt in range(2):
        console.go("/admin/workspaces/user/add/")
        console.page.get_by_label("Email").fill(
            "New.Person@Example.com" if attempt == 0 else "new.person@example.com"
        )
        console.page.get_by_role("button", name="Save", exact=True).click()
    expect(console.page.locator(".errorlist")).to_contain_text("already exists")
    user = User.objects.get(email="new.person@example.com")
    assert not user.has_usable_password()
    console.go(f"/admin/workspaces/user/{user.pk}/change/")
    expect(console.page.locator("#content-main")).to_contain_text("new.person@example.com")
    console.go(f"/admin/workspaces/user/{user.pk}/password/")  # no such page: nobody types a password
    assert console.page.locator("input[type=password]").count() == 0
