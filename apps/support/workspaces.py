"""A workspace's overview and the workflows support runs on a customer's behalf: close, restore,
archive (request, download link), revoke tokens, password-reset link, resend an invitation, transfer
ownership, and the audit chain check and export."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin
from django.http import Http404, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode

from apps.audit.chain import verify_chain
from apps.audit.export import csv_stream, jsonl_stream
from apps.audit.models import ENTRY_FIELDS, AuditEntry
from apps.billing.models import Subscription, UsagePeriod
from apps.contacts.models import Contact
from apps.conversations.models import Conversation
from apps.webhooks.models import WebhookDelivery, WebhookEndpoint
from apps.workspaces import lifecycle
from apps.workspaces.invitations import invitation_resend
from apps.workspaces.membership import member_change_role
from apps.workspaces.models import ApiToken, Invitation, Member, Role, Workspace, WorkspaceArchive
from apps.workspaces.services import token_revoke
from leadiosa.errors import Conflict
from leadiosa.events import emit

from .actions import ReasonForm, log_reason, reason_action, require

VIEW = "workspaces.view_workspace"
CHANGE = "workspaces.change_workspace"


def _workspace(ws_id: str) -> Workspace:
    workspace = Workspace.objects.select_related("plan").filter(pk=ws_id).first()
    if workspace is None:
        raise Http404
    return workspace


def _overview_url(workspace: Workspace) -> str:
    return reverse("admin:workspaces_workspace_overview", args=[workspace.pk])


def staff_member(request, workspace: Workspace) -> Member:
    """Support acts with an owner's reach inside the workspace (never saved: no membership is created).
    The services' own rules still hold: at least one owner, an invitation's checks, and so on."""
    return Member(workspace_id=workspace.pk, user=request.user, role=Role.OWNER)


def _changelist(model_admin_name: str, **params) -> str:
    return reverse(f"admin:{model_admin_name}_changelist") + "?" + urlencode(params)


def overview(request, ws_id: str):
    require(request, VIEW)
    workspace = _workspace(ws_id)
    ws = workspace.pk
    subscription = Subscription.objects.for_workspace(ws).first()
    period = UsagePeriod.objects.for_workspace(ws).order_by("-period_start").first()
    archive = lifecycle.archive_latest(workspace_id=ws)
    members = list(Member.objects.for_workspace(ws).select_related("user").order_by("created_at"))
    counts = {
        "members": len(members),
        "active tokens": ApiToken.objects.for_workspace(ws).filter(revoked_at__isnull=True).count(),
        "contacts": Contact.objects.for_workspace(ws).count(),
        "conversations": Conversation.objects.for_workspace(ws).count(),
        "open conversations": Conversation.objects.for_workspace(ws).filter(status="open").count(),
        "webhook endpoints": WebhookEndpoint.objects.for_workspace(ws).count(),
        "pending deliveries": WebhookDelivery.objects.for_workspace(ws).filter(status="pending").count(),
        "failed deliveries": WebhookDelivery.objects.for_workspace(ws).filter(status="failed").count(),
        "pending invitations": Invitation.objects.for_workspace(ws).filter(status="pending").count(),
    }
    links = [
        ("Members", _changelist("workspaces_member", workspace=ws)),
        ("Tokens", _changelist("workspaces_apitoken", workspace=ws)),
        ("Invitations", _changelist("workspaces_invitation", workspace=ws)),
        ("Contacts", _changelist("contacts_contact", workspace=ws)),
        ("Conversations", _changelist("conversations_conversation", workspace=ws)),
        ("Webhook endpoints", _changelist("webhooks_webhookendpoint", workspace=ws)),
        ("Deliveries", _changelist("webhooks_webhookdelivery", workspace=ws)),
        ("Archives", _changelist("workspaces_workspacearchive", workspace=ws)),
        ("Subscription", _changelist("billing_subscription", workspace=ws)),
        ("Audit log", _changelist("audit_auditentry", workspace=ws)),
    ]
    base = "admin:workspaces_workspace_"
    actions = [
        (name, reverse(base + url, args=[ws]))
        for name, url in (
            ("Close the workspace", "close"),
            ("Restore the workspace", "restore"),
            ("Request an archive", "archive"),
            ("Download link for the newest archive", "archive_link"),
            ("Revoke all tokens", "revoke_tokens"),
            ("Send a password-reset link", "password_reset"),
            ("Resend an invitation", "resend_invitation"),
            ("Transfer ownership", "transfer"),
            ("Check the audit chain", "audit_check"),
            ("Export the audit log", "audit_export"),
        )
    ]
    return TemplateResponse(
        request,
        "admin/support/overview.html",
        {
            **admin.site.each_context(request),
            "title": f"Workspace {workspace.name}",
            "workspace": workspace,
            "subscription": subscription,
            "period": period,
            "archive": archive,
            "members": members,
            "counts": counts,
            "links": links,
            "actions": actions,
            "can_change": request.user.has_perm(CHANGE),
        },
    )


def _action(request, workspace, title, run, **kwargs):
    return reason_action(
        request,
        admin.site,
        perm=kwargs.pop("perm", CHANGE),
        title=title,
        subject=workspace,
        workspace_id=workspace.pk,
        run=run,
        back=_overview_url(workspace),
        **kwargs,
    )


def close(request, ws_id: str):
    workspace = _workspace(ws_id)
    return _action(
        request,
        workspace,
        "Close the workspace",
        lambda _d: lifecycle.workspace_close(workspace_id=workspace.pk) and None,
        intro="Builds an archive, refuses writes (409 workspace_closed) and purges everything after the "
        "grace period unless restored.",
        danger=True,
    )


def restore(request, ws_id: str):
    workspace = _workspace(ws_id)
    return _action(
        request,
        workspace,
        "Restore the workspace",
        lambda _d: lifecycle.workspace_restore(workspace_id=workspace.pk) and None,
    )


def archive(request, ws_id: str):
    workspace = _workspace(ws_id)
    return _action(
        request,
        workspace,
        "Request an archive",
        lambda _d: lifecycle.archive_request(workspace_id=workspace.pk) and None,
        intro="A full export of the workspace, built by a worker.",
    )


def archive_link(request, ws_id: str):
    """A signed, expiring link to the newest ready archive, shown in this response only."""
    workspace = _workspace(ws_id)

    def run(_data):
        newest = (
            WorkspaceArchive.objects.for_workspace(workspace.pk)
            .filter(status=WorkspaceArchive.Status.READY)
            .order_by("-requested_at")
            .first()
        )
        if newest is None:
            raise Conflict("archive_not_ready", "There is no ready archive: request one.")
        emit(
            "workspace.archive.link_issued",
            workspace_id=workspace.pk,
            resource_type="workspace",
            resource_id=workspace.pk,
        )
        token = lifecycle.archive_download_token(newest)
        url = (
            settings.PUBLIC_BASE_URL
            + reverse("workspace-archive-download")
            + "?"
            + urlencode({"signature": token})
        )
        return format_html(
            'Download (valid {} s): <a href="{}">{}</a>', lifecycle.download_url_ttl(), url, url
        )

    return _action(request, workspace, "Download link for the newest archive", run)


def revoke_tokens(request, ws_id: str):
    workspace = _workspace(ws_id)

    def run(_data):
        for token in ApiToken.objects.for_workspace(workspace.pk).filter(revoked_at__isnull=True):
            token_revoke(token=token)

    return _action(
        request,
        workspace,
        "Revoke all tokens",
        run,
        intro="Every API token of the workspace stops working at its very next request.",
        danger=True,
    )


class MemberChoiceForm(ReasonForm):
    member = forms.ModelChoiceField(queryset=None)

    def __init__(self, *args, workspace: Workspace, owners: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        members = Member.objects.for_workspace(workspace.pk).select_related("user").order_by("created_at")
        if not owners:
            members = members.exclude(role=Role.OWNER)
        self.fields["member"].queryset = members
        self.fields["member"].label_from_instance = lambda m: f"{m.user.email} ({m.role}, {m.id})"
        self.order_fields(["member", "reason"])


def password_reset(request, ws_id: str):
    """E-mails the member Django's one-time reset link (the dashboard's own); support never sees it."""
    from apps.dashboard.auth import SetPasswordResetForm

    workspace = _workspace(ws_id)

    def run(data):
        member = data["member"]
        form = SetPasswordResetForm({"email": member.user.email})
        form.is_valid()
        form.save(
            domain_override="leadiosa",  # unused: the link starts with PUBLIC_BASE_URL
            email_template_name="dashboard/auth/password_reset_email.txt",
            subject_template_name="dashboard/auth/password_reset_subject.txt",
            extra_email_context={"public_base_url": settings.PUBLIC_BASE_URL},
        )
        emit(
            "member.password_reset_sent",
            workspace_id=workspace.pk,
            resource_type="member",
            resource_id=member.pk,
        )

    return _action(
        request,
        workspace,
        "Send a password-reset link",
        run,
        form_class=MemberChoiceForm,
        form_kwargs={"workspace": workspace},
        intro="The member receives a one-time link to choose a password. Nobody here sees it.",
    )


class InvitationChoiceForm(ReasonForm):
    invitation = forms.ModelChoiceField(queryset=None)

    def __init__(self, *args, workspace: Workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invitation"].queryset = Invitation.objects.for_workspace(workspace.pk).filter(
            status=Invitation.Status.PENDING
        )
        self.fields["invitation"].label_from_instance = lambda i: f"{i.email} ({i.role}, {i.id})"
        self.order_fields(["invitation", "reason"])


def resend_invitation(request, ws_id: str):
    workspace = _workspace(ws_id)

    def run(data):
        invitation_resend(actor=staff_member(request, workspace), invitation=data["invitation"])

    return _action(
        request,
        workspace,
        "Resend an invitation",
        run,
        form_class=InvitationChoiceForm,
        form_kwargs={"workspace": workspace},
        intro="A fresh link (older ones stop working), e-mailed to the invited address.",
    )


class TransferForm(MemberChoiceForm):
    demote = forms.BooleanField(required=False, initial=True, label="Make the current owners admins")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, owners=False, **kwargs)
        self.fields["member"].label = "New owner"
        self.order_fields(["member", "demote", "reason"])


def transfer(request, ws_id: str):
    """The new owner is made owner first, so the workspace is never without one."""
    workspace = _workspace(ws_id)

    def run(data):
        actor = staff_member(request, workspace)
        new_owner = data["member"]
        previous = list(
            Member.objects.for_workspace(workspace.pk).filter(role=Role.OWNER).exclude(pk=new_owner.pk)
        )
        member_change_role(actor=actor, member=new_owner, role=Role.OWNER)
        if data.get("demote"):
            for member in previous:
                member_change_role(actor=actor, member=member, role=Role.ADMIN)

    return _action(
        request,
        workspace,
        "Transfer ownership",
        run,
        form_class=TransferForm,
        form_kwargs={"workspace": workspace},
        danger=True,
    )


def audit_check(request, ws_id: str):
    """Verify the workspace's hash chain now and show the verdict (read-only: no reason needed)."""
    require(request, "audit.view_auditentry")
    workspace = _workspace(ws_id)
    report = verify_chain(workspace.pk)
    return TemplateResponse(
        request,
        "admin/support/action.html",
        {
            **admin.site.each_context(request),
            "title": "Check the audit chain",
            "subject": workspace,
            "result": format_html(
                '<strong data-testid="chain-verdict">{}</strong>', "intact" if report.ok else "BROKEN"
            )
            + format_html("<pre>{}</pre>", report.line()),
            "back": _overview_url(workspace),
        },
    )


class ExportForm(ReasonForm):
    created_after = forms.DateTimeField(required=False, help_text="e.g. 2026-01-01 00:00")
    created_before = forms.DateTimeField(required=False)
    format = forms.ChoiceField(choices=[("jsonl", "JSON lines"), ("csv", "CSV")])


def audit_export(request, ws_id: str):
    """Streams the workspace's audit entries of a range, oldest first; the export is itself audited."""
    from leadiosa.admin import staff_acting

    require(request, "audit.view_auditentry")
    workspace = _workspace(ws_id)
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        rows = AuditEntry.objects.for_workspace(workspace.pk)
        if data["created_after"]:
            rows = rows.filter(created_at__gte=data["created_after"])
        if data["created_before"]:
            rows = rows.filter(created_at__lt=data["created_before"])
        with staff_acting(request, workspace.pk):
            emit(
                "audit.exported",
                workspace_id=workspace.pk,
                resource_type="audit_log",
                resource_id=workspace.pk,
            )
        log_reason(request, workspace, "Export the audit log", data["reason"])
        values = rows.order_by("created_at", "id").values_list(*ENTRY_FIELDS).iterator(chunk_size=2000)
        fmt = data["format"]
        body = jsonl_stream(values) if fmt == "jsonl" else csv_stream(values)
        response = StreamingHttpResponse(
            body, content_type="application/x-ndjson" if fmt == "jsonl" else "text/csv"
        )
        response["Content-Disposition"] = f'attachment; filename="audit-{workspace.pk}.{fmt}"'
        response["Cache-Control"] = "no-store"
        return response
    return TemplateResponse(
        request,
        "admin/support/action.html",
        {
            **admin.site.each_context(request),
            "title": "Export the audit log",
            "subject": workspace,
            "form": form,
            "back": _overview_url(workspace),
        },
    )
