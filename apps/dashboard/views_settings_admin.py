"""Settings → Audit log, Billing and Workspace (rename, assistant, archive, close, restore)."""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_POST

from apps.audit.export import csv_stream, jsonl_stream
from apps.audit.models import ENTRY_FIELDS
from apps.audit.selectors import audit_entries_filtered
from apps.billing.selectors import subscription_current
from apps.workspaces import lifecycle
from apps.workspaces.membership import workspace_rename
from apps.workspaces.models import Member
from apps.workspaces.services import workspace_set_assistant
from leadiosa import context
from leadiosa.context import Actor
from leadiosa.events import emit
from leadiosa.ids import is_public_id
from leadiosa.tenancy import enter_workspace, leave_workspace

from .access import Access, forbidden, workspace_page
from .errors import SERVICE_ERRORS, service_error_message
from .forms_settings import AuditFilterForm, CloseForm, RenameForm
from .pages import decode_cursor, encode_cursor, fragment
from .usage_chart import usage_chart
from .views_settings import settings_page

AUDIT_PAGE = 50
EXPORT_FORMATS = {"jsonl": "application/x-ndjson; charset=utf-8", "csv": "text/csv; charset=utf-8"}

# Audit -------------------------------------------------------------------------------------------


@require_GET
@workspace_page("manage_settings")
def settings_audit(request, access: Access):
    form = AuditFilterForm(request.GET or None)
    rows, error, next_cursor = [], None, None
    params = form.params() if form.is_valid() else {}
    if form.is_bound and not form.is_valid():
        error = "Check the filters: times are YYYY-MM-DD or YYYY-MM-DDTHH:MM (UTC)."
    try:
        queryset = audit_entries_filtered(params).only(*ENTRY_FIELDS).order_by("-created_at", "-id")
        after = decode_cursor("audit", request.GET.get("after"))
        if after is not None:
            moment, last_id = after
            queryset = queryset.filter(Q(created_at__lt=moment) | Q(created_at=moment, id__lt=last_id))
        rows = list(queryset[: AUDIT_PAGE + 1])
    except SERVICE_ERRORS as exc:
        error = service_error_message(exc)
    if len(rows) > AUDIT_PAGE:
        rows = rows[:AUDIT_PAGE]
        next_cursor = encode_cursor("audit", rows[-1].created_at, rows[-1].id)
    return settings_page(
        request,
        access,
        "audit.html",
        {
            "form": form,
            "rows": rows,
            "error": error,
            "query": urlencode(params),
            "next_query": urlencode(
                {**{k: v for k, v in request.GET.items() if k != "after"}, "after": next_cursor}
            )
            if next_cursor
            else None,
        },
        tab="audit",
    )


@require_GET
@workspace_page("manage_settings")
def settings_audit_export(request, access: Access):
    """The compliance export of the filtered range, streamed (constant memory), audited like the API's."""
    fmt = request.GET.get("format") or "jsonl"
    if fmt not in EXPORT_FORMATS:
        raise Http404("No such format.")
    form = AuditFilterForm(request.GET)
    params = form.params() if form.is_valid() else {}
    workspace_id = access.workspace.id
    try:
        queryset = audit_entries_filtered(params)
    except SERVICE_ERRORS as exc:
        messages.error(request, service_error_message(exc))
        return redirect("dashboard:settings_audit", ws_id=workspace_id)
    emit("audit.exported", workspace_id=workspace_id, resource_type="audit_log", resource_id=workspace_id)
    rows = queryset.order_by("created_at", "id").values_list(*ENTRY_FIELDS).iterator(chunk_size=2000)
    body = jsonl_stream(rows) if fmt == "jsonl" else csv_stream(rows)
    response = StreamingHttpResponse(body, content_type=EXPORT_FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="audit-{workspace_id}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


# Billing -----------------------------------------------------------------------------------------


@require_GET
@workspace_page("manage_settings")
def settings_billing(request, access: Access):
    current = subscription_current(workspace_id=access.workspace.id)
    period = current["period"]
    included = period.ai_tokens_included
    return settings_page(
        request,
        access,
        "billing.html",
        {
            **current,
            "seats_used": Member.objects.count(),
            "percent": round(100 * period.ai_tokens_used / included, 1) if included else None,
            "chart": usage_chart(period, timezone.now()),
        },
        tab="billing",
    )


# Workspace ---------------------------------------------------------------------------------------


def _archive_context(access: Access) -> dict:
    archive = lifecycle.archive_latest(workspace_id=access.workspace.id)

    def download(token: str) -> str:
        # A page link: relative, so it works on whatever origin serves the dashboard.
        return reverse("workspace-archive-download") + "?" + urlencode({"signature": token})

    status = lifecycle.archive_status_representation(
        archive, download_url_for=download if access.allows("manage_workspace") else None
    )
    return {"archive": status, "archive_obj": archive}


@require_GET
@workspace_page("manage_settings")
def settings_workspace(request, access: Access):
    workspace = access.workspace
    return settings_page(
        request,
        access,
        "workspace.html",
        {
            "rename_form": RenameForm(initial={"name": workspace.name}),
            "close_form": CloseForm(),
            "purge_date": timezone.now() + lifecycle.PURGE_GRACE,
            **_archive_context(access),
        },
        tab="workspace",
    )


@require_GET
@workspace_page("manage_workspace")
def settings_archive_status(request, access: Access):
    """The archive block alone, polled by htmx while a build is under way."""
    return fragment(
        request, "dashboard/settings/_archive.html", {"access": access, **_archive_context(access)}
    )


@require_POST
@workspace_page("manage_settings")
def settings_workspace_rename(request, access: Access):
    form = RenameForm(request.POST)
    if form.is_valid():
        try:
            workspace_rename(workspace=access.workspace, name=form.cleaned_data["name"])
            messages.success(request, "Workspace renamed.")
        except SERVICE_ERRORS as exc:
            messages.error(request, service_error_message(exc))
    else:
        messages.error(request, "A name of 1 to 200 characters.")
    return redirect("dashboard:settings_workspace", ws_id=access.workspace.id)


@require_POST
@workspace_page("manage_settings")
def settings_workspace_assistant(request, access: Access):
    enabled = request.POST.get("enabled") == "on"
    try:
        workspace_set_assistant(workspace=access.workspace, enabled=enabled)
        messages.success(request, f"The assistant is {'on' if enabled else 'off'}.")
    except SERVICE_ERRORS as exc:
        messages.error(request, service_error_message(exc))
    return redirect("dashboard:settings_workspace", ws_id=access.workspace.id)


@require_POST
@workspace_page("manage_workspace")
def settings_workspace_close(request, access: Access):
    form = CloseForm(request.POST)
    if not form.is_valid() or form.cleaned_data["confirm"].strip() != access.workspace.name:
        messages.error(request, "Type the workspace's exact name to close it.")
        return redirect("dashboard:settings_workspace", ws_id=access.workspace.id)
    try:
        lifecycle.workspace_close(workspace_id=access.workspace.id)
        messages.success(request, "Workspace closed. It can be restored until the purge date.")
    except SERVICE_ERRORS as exc:
        messages.error(request, service_error_message(exc))
    return redirect("dashboard:settings_workspace", ws_id=access.workspace.id)


def owner_page_while_closed(view):
    """For the owner's actions a closed workspace still allows (restore, archive): the same resolution
    as `workspace_page` (anonymous → sign-in, non-member → 404, below owner → 403), minus its refusal
    of every write to a closed workspace."""

    @login_required
    @functools.wraps(view)
    def wrapper(request, ws_id: str, **kwargs):
        member = (
            Member.objects.for_workspace(ws_id)
            .select_related("workspace")
            .filter(user_id=request.user.pk)
            .first()
            if is_public_id(ws_id, "ws")
            else None
        )
        if member is None:
            raise Http404("No such workspace.")
        access = Access(workspace=member.workspace, member=member)
        info = context.current()
        info.workspace_id = ws_id
        info.actor = Actor(type="user", id=request.user.pk, user_id=request.user.pk)
        scope = enter_workspace(ws_id)
        try:
            if not access.allows("manage_workspace"):
                return forbidden(request)
            return view(request, access, **kwargs)
        finally:
            leave_workspace(scope)

    wrapper.dashboard_ability = "manage_workspace"
    return wrapper


@require_POST
@owner_page_while_closed
def settings_workspace_restore(request, access: Access):
    try:
        lifecycle.workspace_restore(workspace_id=access.workspace.id)
        messages.success(request, "Workspace restored.")
    except SERVICE_ERRORS as exc:
        messages.error(request, service_error_message(exc))
    return redirect("dashboard:settings_workspace", ws_id=access.workspace.id)


@require_POST
@owner_page_while_closed
def settings_workspace_archive(request, access: Access):
    try:
        lifecycle.archive_request(workspace_id=access.workspace.id)
        messages.success(request, "Building the archive.")
    except SERVICE_ERRORS as exc:
        messages.error(request, service_error_message(exc))
    return redirect("dashboard:settings_workspace", ws_id=access.workspace.id)
