"""Settings: the entry page, API tokens, members and invitations (accepting one included).

Views are thin: they read, call the services of apps.workspaces (membership, invitations), and render.
A new token's plaintext travels through the session once (POST → redirect → GET pops it), so a reload
never shows it again.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.workspaces import invitations, membership
from apps.workspaces.models import ApiToken, Invitation, Member
from apps.workspaces.services import token_create
from leadiosa.errors import NotFound
from leadiosa.ids import is_public_id

from .access import Access, workspace_page
from .auth import clear_account_failures, remember_device
from .errors import SERVICE_ERRORS, service_error_message
from .forms_settings import AcceptInvitationForm, InviteForm, TokenForm
from .pages import page

NEW_TOKEN = "settings_new_token"


def settings_page(
    request, access: Access, template: str, context: dict | None = None, *, tab: str, status=200
):
    return page(
        request,
        access,
        f"dashboard/settings/{template}",
        {"tab": tab, **(context or {})},
        section="settings",
        status=status,
    )


@require_GET
@workspace_page("work_conversations")
def settings_home(request, access: Access):
    target = "settings_webhooks" if access.allows("manage_settings") else "settings_tokens"
    return redirect(f"dashboard:{target}", ws_id=access.workspace.id)


# Tokens ------------------------------------------------------------------------------------------


def _tokens_of(access: Access):
    rows = ApiToken.objects.select_related("member__user").order_by("-created_at", "-id")
    if not access.allows("manage_settings"):
        rows = rows.filter(member_id=access.member.id)  # an agent sees their own tokens
    return list(rows[:500])


def _token(access: Access, tok_id: str) -> ApiToken:
    token = ApiToken.objects.filter(pk=tok_id).first() if is_public_id(tok_id, "tok") else None
    if token is None or (not access.allows("manage_settings") and token.member_id != access.member.id):
        raise Http404("No such token.")
    return token


@require_http_methods(["GET", "POST"])
@workspace_page("work_conversations")
def settings_tokens(request, access: Access):
    roles = membership.token_roles(access.member)
    form = TokenForm(request.POST or None, roles=roles)
    error, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                token, plaintext = token_create(
                    member=access.member,
                    role=data["role"],
                    scope=data["scope"],
                    name=data["name"],
                    expires_in_days=data["expires_in_days"],
                )
            except SERVICE_ERRORS as exc:
                error, status = service_error_message(exc), 403
            else:
                request.session[NEW_TOKEN] = {"id": token.id, "plaintext": plaintext, "verb": "created"}
                return redirect("dashboard:settings_tokens", ws_id=access.workspace.id)
        else:
            status = 400
    new_token = request.session.pop(NEW_TOKEN, None)
    return settings_page(
        request,
        access,
        "tokens.html",
        {"form": form, "rows": _tokens_of(access), "new_token": new_token, "error": error},
        tab="tokens",
        status=status,
    )


@require_POST
@workspace_page("work_conversations")
def settings_token_rotate(request, access: Access, tok_id: str):
    token = _token(access, tok_id)
    try:
        replacement, plaintext = membership.token_rotate(token=token, actor=access.member)
    except SERVICE_ERRORS as exc:
        messages.error(request, service_error_message(exc))
    else:
        request.session[NEW_TOKEN] = {"id": replacement.id, "plaintext": plaintext, "verb": "rotated"}
        messages.success(request, f"Rotated “{token.name or token.id}”: the old token no longer works.")
    return redirect("dashboard:settings_tokens", ws_id=access.workspace.id)


@require_POST
@workspace_page("work_conversations")
def settings_token_revoke(request, access: Access, tok_id: str):
    token = _token(access, tok_id)
    try:
        membership.member_token_revoke(actor=access.member, token=token)
    except SERVICE_ERRORS as exc:
        messages.error(request, service_error_message(exc))
    else:
        messages.success(request, f"Revoked “{token.name or token.id}”.")
    return redirect("dashboard:settings_tokens", ws_id=access.workspace.id)


# Members -----------------------------------------------------------------------------------------


def _member(mem_id: str) -> Member:
    member = (
        Member.objects.select_related("user").filter(pk=mem_id).first()
        if is_public_id(mem_id, "mem")
        else None
    )
    if member is None:
        raise Http404("No such member.")
    return member


def _invitation(inv_id: str) -> Invitation:
    found = Invitation.objects.filter(pk=inv_id).first() if is_public_id(inv_id, "inv") else None
    if found is None:
        raise Http404("No such invitation.")
    return found


def _members_page(request, access: Access, form=None, *, error=None, status=200):
    roles = membership.assignable_roles(access.member)
    members = list(Member.objects.select_related("user").order_by("created_at", "id"))
    pending = list(Invitation.objects.filter(status=Invitation.Status.PENDING).order_by("-created_at", "-id"))
    rows = [
        {"member": m, "manageable": m.id != access.member.id and membership.may_manage(access.member, m)}
        for m in members
    ]
    return settings_page(
        request,
        access,
        "members.html",
        {
            "rows": rows,
            "invitations": pending,
            "roles": roles,
            "form": form or InviteForm(roles=roles or ["agent"]),
            "error": error,
            "seats": access.workspace.plan.seats if access.workspace.plan_id else None,
        },
        tab="members",
        status=status,
    )


@require_GET
@workspace_page("work_conversations")
def settings_members(request, access: Access):
    return _members_page(request, access)


@require_POST
@workspace_page("manage_settings")
def settings_invite(request, access: Access):
    roles = membership.assignable_roles(access.member)
    form = InviteForm(request.POST, roles=roles)
    if not form.is_valid():
        return _members_page(request, access, form, status=400)
    try:
        invitations.invitation_create(
            actor=access.member, email=form.cleaned_data["email"], role=form.cleaned_data["role"]
        )
    except SERVICE_ERRORS as exc:
        return _members_page(request, access, form, error=service_error_message(exc), status=_status(exc))
    messages.success(request, f"Invitation sent to {form.cleaned_data['email']}.")
    return redirect("dashboard:settings_members", ws_id=access.workspace.id)


def _status(exc) -> int:
    return int(getattr(exc, "status_hint", None) or getattr(exc, "status", None) or 400)


@require_POST
@workspace_page("manage_settings")
def settings_invitation_resend(request, access: Access, inv_id: str):
    found = _invitation(inv_id)
    try:
        invitations.invitation_resend(actor=access.member, invitation=found)
        messages.success(request, f"Invitation sent again to {found.email}.")
    except SERVICE_ERRORS as exc:
        messages.error(request, service_error_message(exc))
    return redirect("dashboard:settings_members", ws_id=access.workspace.id)


@require_POST
@workspace_page("manage_settings")
def settings_invitation_cancel(request, access: Access, inv_id: str):
    found = _invitation(inv_id)
    try:
        invitations.invitation_cancel(actor=access.member, invitation=found)
        messages.success(request, f"Invitation to {found.email} canceled.")
    except SERVICE_ERRORS as exc:
        messages.error(request, service_error_message(exc))
    return redirect("dashboard:settings_members", ws_id=access.workspace.id)


@require_POST
@workspace_page("manage_settings")
def settings_member_role(request, access: Access, mem_id: str):
    target = _member(mem_id)
    try:
        membership.member_change_role(actor=access.member, member=target, role=request.POST.get("role", ""))
    except SERVICE_ERRORS as exc:
        return _members_page(request, access, error=service_error_message(exc), status=_status(exc))
    messages.success(request, f"{target.user.email} is now {request.POST.get('role')}.")
    return redirect("dashboard:settings_members", ws_id=access.workspace.id)


@require_POST
@workspace_page("manage_settings")
def settings_member_remove(request, access: Access, mem_id: str):
    target = _member(mem_id)
    try:
        membership.member_remove(actor=access.member, member=target)
    except SERVICE_ERRORS as exc:
        return _members_page(request, access, error=service_error_message(exc), status=_status(exc))
    messages.success(request, f"Removed {target.user.email}; their tokens no longer work.")
    return redirect("dashboard:settings_members", ws_id=access.workspace.id)


# Accepting an invitation (no workspace in the URL: the link names it) ----------------------------


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    try:
        opened = invitations.invitation_from_link(token)
    except NotFound as exc:
        return TemplateResponse(
            request, "dashboard/settings/invitation_invalid.html", {"message": exc.message}, status=404
        )
    form = AcceptInvitationForm(request.POST or None) if opened.needs_password else None
    error, status = None, 200
    if request.method == "POST":
        if form is None or form.is_valid():
            try:
                member = invitations.invitation_accept(
                    token=token,
                    password=form.cleaned_data["password"] if form else None,
                    name=form.cleaned_data.get("name", "") if form else "",
                )
            except SERVICE_ERRORS as exc:
                error, status = service_error_message(exc), _status(exc)
            else:
                if opened.needs_password:
                    # A password set from the e-mailed link, as from the reset link: it ends the
                    # sign-in pause of the address and makes this browser a known one (auth.py).
                    login(request, member.user, backend="apps.dashboard.auth.EmailBackend")
                    response = redirect("dashboard:inbox", ws_id=member.workspace_id)
                    clear_account_failures(member.user.email)
                    remember_device(request, response, member.user)
                    return response
                if request.user.is_authenticated and request.user.pk == member.user_id:
                    login(request, member.user, backend="apps.dashboard.auth.EmailBackend")
                    return redirect("dashboard:inbox", ws_id=member.workspace_id)
                messages.success(request, "Invitation accepted: sign in to open the workspace.")
                return redirect("dashboard:login")
        else:
            status = 400
    return TemplateResponse(
        request,
        "dashboard/settings/invitation_accept.html",
        {"opened": opened, "form": form, "error": error},
        status=status,
    )
