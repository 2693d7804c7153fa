"""Every Settings URL pattern × every kind of visitor: the answer CONTRACT §3 and §5 fix.

Like test_permissions.py for part 1: the minimum role of each page is written out here, and the test
fails for a pattern missing from the table, so a new Settings page must be classified before it ships.
"""

from __future__ import annotations

import pytest

from apps.dashboard import urls_settings
from apps.webhooks.models import WebhookDelivery
from apps.webhooks.services import webhook_create, webhook_send_test
from apps.workspaces.invitations import invitation_create
from leadiosa.context import SYSTEM, acting_as
from leadiosa.tenancy import with_workspace
from tests.conftest import make_persona

from .conftest import signed_in
from .matrix import assert_not_found_like_missing, assert_role_answer, assert_sent_to_sign_in, call, url_of

# name → (method, minimum role). POSTs carry no data: an allowed role gets a form error, a redirect or a
# refusal from the service (e.g. 409 for an action the state forbids), never the role's 403 page or 404.
EXPECTED = {
    "settings": ("GET", "agent"),
    "settings_tokens": ("GET", "agent"),
    "settings_token_rotate": ("POST", "agent"),
    "settings_token_revoke": ("POST", "agent"),
    "settings_webhooks": ("GET", "admin"),
    "settings_webhook": ("GET", "admin"),
    "settings_webhook_edit": ("POST", "admin"),
    "settings_webhook_status": ("POST", "admin"),
    "settings_webhook_rotate": ("POST", "admin"),
    "settings_webhook_test": ("POST", "admin"),
    "settings_webhook_delete": ("POST", "admin"),
    "settings_delivery_redeliver": ("POST", "admin"),
    "settings_members": ("GET", "agent"),
    "settings_invite": ("POST", "admin"),
    "settings_member_role": ("POST", "admin"),
    "settings_member_remove": ("POST", "admin"),
    "settings_invitation_resend": ("POST", "admin"),
    "settings_invitation_cancel": ("POST", "admin"),
    "settings_email": ("GET", "admin"),
    "settings_email_resend": ("POST", "admin"),
    "settings_widget": ("GET", "admin"),
    "settings_widget_rotate": ("POST", "admin"),
    "settings_audit": ("GET", "admin"),
    "settings_audit_export": ("GET", "admin"),
    "settings_billing": ("GET", "admin"),
    "settings_workspace": ("GET", "admin"),
    "settings_workspace_rename": ("POST", "admin"),
    "settings_workspace_assistant": ("POST", "admin"),
    "settings_workspace_archive": ("POST", "owner"),
    "settings_archive_status": ("GET", "owner"),
    "settings_workspace_close": ("POST", "owner"),
    "settings_workspace_restore": ("POST", "owner"),
}
PATTERNS = {p.name: p for p in urls_settings.urlpatterns if "<str:ws_id>" in str(p.pattern)}


def test_every_settings_pattern_is_classified():
    assert sorted(PATTERNS) == sorted(EXPECTED)


def make_settings_objects(workspace_id: str, *, email: str = "invitee@example.com") -> dict:
    """A token, an endpoint with a delivery, a member and a pending invitation in the workspace."""
    from apps.workspaces.models import Workspace

    workspace = Workspace.objects.get(pk=workspace_id)
    victim = make_persona(workspace, "agent")
    inviter = make_persona(workspace, "owner")
    with with_workspace(workspace_id), acting_as(SYSTEM):
        endpoint, _ = webhook_create(url="https://hooks.example.com/x", events=["*"])
        delivery = webhook_send_test(endpoint=endpoint, data={})
        invitation = invitation_create(actor=inviter.member, email=email, role="agent")
    assert WebhookDelivery.objects.for_workspace(workspace_id).filter(pk=delivery.pk).exists()
    return {
        "tok_id": victim.token.id,
        "wh_id": endpoint.id,
        "dlv_id": delivery.id,
        "mem_id": victim.member.id,
        "inv_id": invitation.id,
    }


def _url(name: str, workspace_id: str, ids: dict) -> str:
    return url_of(PATTERNS[name], name, workspace_id, ids)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_anonymous_is_sent_to_sign_in(name, client, workspace):
    ids = make_settings_objects(workspace.id)
    method, _ = EXPECTED[name]
    assert_sent_to_sign_in(call(client, method, _url(name, workspace.id, ids)))


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("role", ["agent", "admin", "owner"])
def test_each_role_gets_the_contract_answer(name, role, workspace):
    persona = make_persona(workspace, role)
    ids = make_settings_objects(workspace.id)
    method, minimum = EXPECTED[name]
    response = call(signed_in(persona), method, _url(name, workspace.id, ids))
    if name in ("settings_token_rotate", "settings_token_revoke") and role == "agent":
        # An agent reaches the page but not another member's token: the same 404 as a missing one.
        assert response.status_code == 404
    else:
        assert_role_answer(response, role, minimum, allowed=(200, 302, 400, 403, 409))


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_another_workspace_is_not_found(name, workspace, stranger):
    """The stranger (owner elsewhere) asks for our Settings pages, and for our objects inside their own
    workspace: the same 404 page as a missing one, whatever the method."""
    ours = make_settings_objects(workspace.id)
    theirs = make_settings_objects(stranger.workspace.id, email="someone@example.com")
    method, _ = EXPECTED[name]
    assert_not_found_like_missing(
        signed_in(stranger), method, PATTERNS[name], name, ours, theirs, stranger.workspace.id, workspace.id
    )
