"""Settings under /app/<ws_id>/settings/ (CONTRACT §5) and the invitation link. Included by urls.py;
the names live in the `dashboard` namespace."""

from django.urls import path

from . import views_settings as s
from . import views_settings_admin as a
from . import views_settings_email as em
from . import views_settings_webhooks as w
from . import views_settings_widget as wd

P = "app/<str:ws_id>/settings/"

urlpatterns = [
    path("invitations/<str:token>/", s.invitation_accept, name="invitation_accept"),
    path(P, s.settings_home, name="settings"),
    # API tokens
    path(P + "api/tokens/", s.settings_tokens, name="settings_tokens"),
    path(P + "api/tokens/<str:tok_id>/rotate/", s.settings_token_rotate, name="settings_token_rotate"),
    path(P + "api/tokens/<str:tok_id>/revoke/", s.settings_token_revoke, name="settings_token_revoke"),
    # Webhooks
    path(P + "webhooks/", w.settings_webhooks, name="settings_webhooks"),
    path(P + "webhooks/<str:wh_id>/", w.settings_webhook, name="settings_webhook"),
    path(P + "webhooks/<str:wh_id>/edit/", w.settings_webhook_edit, name="settings_webhook_edit"),
    path(P + "webhooks/<str:wh_id>/status/", w.settings_webhook_status, name="settings_webhook_status"),
    path(
        P + "webhooks/<str:wh_id>/rotate-secret/", w.settings_webhook_rotate, name="settings_webhook_rotate"
    ),
    path(P + "webhooks/<str:wh_id>/test/", w.settings_webhook_test, name="settings_webhook_test"),
    path(P + "webhooks/<str:wh_id>/delete/", w.settings_webhook_delete, name="settings_webhook_delete"),
    path(
        P + "webhooks/<str:wh_id>/deliveries/<str:dlv_id>/redeliver/",
        w.settings_delivery_redeliver,
        name="settings_delivery_redeliver",
    ),
    # Members
    path(P + "members/", s.settings_members, name="settings_members"),
    path(P + "members/invite/", s.settings_invite, name="settings_invite"),
    path(P + "members/<str:mem_id>/role/", s.settings_member_role, name="settings_member_role"),
    path(P + "members/<str:mem_id>/remove/", s.settings_member_remove, name="settings_member_remove"),
    path(
        P + "members/invitations/<str:inv_id>/resend/",
        s.settings_invitation_resend,
        name="settings_invitation_resend",
    ),
    path(
        P + "members/invitations/<str:inv_id>/cancel/",
        s.settings_invitation_cancel,
        name="settings_invitation_cancel",
    ),
    # Channels: e-mail and the chat widget
    path(P + "email/", em.settings_email, name="settings_email"),
    path(P + "email/resend/", em.settings_email_resend, name="settings_email_resend"),
    path(P + "widget/", wd.settings_widget, name="settings_widget"),
    path(P + "widget/rotate-secret/", wd.settings_widget_rotate, name="settings_widget_rotate"),
    # Audit, billing, workspace
    path(P + "audit/", a.settings_audit, name="settings_audit"),
    path(P + "audit/export/", a.settings_audit_export, name="settings_audit_export"),
    path(P + "billing/", a.settings_billing, name="settings_billing"),
    path(P + "workspace/", a.settings_workspace, name="settings_workspace"),
    path(P + "workspace/rename/", a.settings_workspace_rename, name="settings_workspace_rename"),
    path(P + "workspace/assistant/", a.settings_workspace_assistant, name="settings_workspace_assistant"),
    path(P + "workspace/archive/", a.settings_workspace_archive, name="settings_workspace_archive"),
    path(P + "workspace/archive/status/", a.settings_archive_status, name="settings_archive_status"),
    path(P + "workspace/close/", a.settings_workspace_close, name="settings_workspace_close"),
    path(P + "workspace/restore/", a.settings_workspace_restore, name="settings_workspace_restore"),
]
