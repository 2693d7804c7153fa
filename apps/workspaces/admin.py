"""Support staff's admin for users, workspaces, members, tokens, invitations and archives.

Every write goes through the services the API, the dashboard and the operator commands use, as the staff
user (`leadiosa.admin.staff_acting`). A token's hash is never shown; a minted token's plaintext is shown
once, in the response to the POST that minted it (never in a message cookie). Passwords are never typed
or seen here: support sends the person a reset link (the workspace overview).
"""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from apps.billing.models import Plan
from apps.billing.services import subscription_change_plan
from apps.support import find as support_find
from apps.support import workspaces as support
from apps.support.actions import ReasonForm, log_reason, reason_action, require
from leadiosa.admin import ServiceAdminMixin, WorkspaceScopedAdmin, staff_acting, workspace_link
from leadiosa.errors import DomainError
from leadiosa.events import emit

from .membership import member_change_role, member_remove, token_roles, workspace_rename
from .models import ApiToken, Invitation, Member, Role, User, Workspace, WorkspaceArchive
from .services import token_create, token_revoke, workspace_create, workspace_set_assistant

admin.site.site_header = "Leadiosa support"
admin.site.site_title = "Leadiosa support"
admin.site.index_title = "Support console"
admin.site.index_template = "admin/support/index.html"

# --- users --------------------------------------------------------------------------------------------

PRIVILEGES = ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")


class UserAddForm(forms.ModelForm):
    """A person is added by e-mail (unique, stored lower-case); their password is set through a reset
    link, never here."""

    class Meta:
        model = User
        fields = ("email", "first_name", "last_name")

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"].strip()).lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("A user with this e-mail already exists.")
        return email

    def save(self, commit=True):
        user = super().save(commit=False)
        user.username = user.email
        user.set_unusable_password()
        if commit:
            user.save()
        return user


@admin.register(User)
class LeadiosaUserAdmin(UserAdmin):
    add_form = UserAddForm
    add_fieldsets = ((None, {"fields": ("email", "first_name", "last_name")}),)
    fieldsets = (
        (None, {"fields": ("id", "email", "first_name", "last_name", "last_login", "date_joined")}),
        ("Access", {"fields": PRIVILEGES}),
    )
    list_display = ("email", "id", "is_staff", "is_superuser", "is_active", "date_joined")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups")
    search_fields = ("=id", "email")
    ordering = ("email",)

    def get_readonly_fields(self, request, obj=None):
        fields = ["id", "email", "last_login", "date_joined"] if obj else []
        if not request.user.is_superuser:
            fields += PRIVILEGES  # only a superuser grants staff, superuser, groups or permissions
        return fields

    def has_delete_permission(self, request, obj=None):
        return False  # people leave a workspace through member removal; accounts end with the purge

    def get_urls(self):
        urls = super().get_urls()
        return [u for u in urls if "password" not in str(u.pattern)]

    def user_change_password(self, request, id, form_url=""):
        raise PermissionDenied  # support sends a reset link; nobody types a customer's password here

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changed = [
            name for name in form.changed_data if name in PRIVILEGES or name in ("first_name", "last_name")
        ]
        if not change or not changed:
            return
        workspace_ids = Member.all_workspaces.filter(user_id=obj.pk).values_list("workspace_id", flat=True)
        for workspace_id in workspace_ids:
            with staff_acting(request, workspace_id):
                emit(
                    "user.updated",
                    workspace_id=workspace_id,
                    resource_type="user",
                    resource_id=obj.pk,
                    changes=changed,
                )


# --- workspaces -----------------------------------------------------------------------------------------


class WorkspaceAddForm(forms.ModelForm):
    """`manage.py workspace create`: the workspace, its owner (a new user when the e-mail is new) and
    its subscription."""

    owner_email = forms.EmailField()
    plan = forms.ModelChoiceField(
        queryset=Plan.objects.all(), required=False, help_text="Default plan if empty."
    )

    class Meta:
        model = Workspace
        fields = ("name",)


class WorkspaceChangeForm(forms.ModelForm):
    plan = forms.ModelChoiceField(queryset=Plan.objects.all())

    class Meta:
        model = Workspace
        fields = ("name", "plan", "assistant_enabled")


@admin.register(Workspace)
class WorkspaceAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ("name", "overview_link", "status", "plan", "assistant_enabled", "created_at")
    list_filter = ("status", "plan", "assistant_enabled")
    list_select_related = ("plan",)
    search_fields = ("name", "=id")
    show_full_result_count = False

    def get_form(self, request, obj=None, **kwargs):
        kwargs["form"] = WorkspaceAddForm if obj is None else WorkspaceChangeForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("name", "owner_email", "plan")
        return (
            "id",
            "overview_link",
            "name",
            "plan",
            "assistant_enabled",
            "status",
            "created_at",
            "updated_at",
            "closed_at",
            "purge_after",
        )

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return ("id", "overview_link", "status", "created_at", "updated_at", "closed_at", "purge_after")

    @admin.display(description="overview")
    def overview_link(self, obj):
        return workspace_link(obj.pk)

    def has_delete_permission(self, request, obj=None):
        return False  # workspaces end through close → purge, which keeps the archive and the audit trail

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if not change:
            with staff_acting(request):
                created = workspace_create(
                    name=data["name"],
                    owner_email=data["owner_email"],
                    plan_id=data["plan"].pk if data.get("plan") else None,
                )
            obj.pk = created.pk
            return
        with staff_acting(request, obj.pk):
            if "name" in form.changed_data:
                workspace_rename(workspace=obj, name=data["name"])
            if "assistant_enabled" in form.changed_data:
                workspace_set_assistant(workspace=obj, enabled=data["assistant_enabled"])
            if "plan" in form.changed_data:
                subscription_change_plan(workspace_id=obj.pk, plan_id=data["plan"].pk)

    def get_urls(self):
        view = self.admin_site.admin_view
        routes = [
            ("find/", support_find.find, "find"),
        ]
        per_workspace = [
            ("overview", support.overview),
            ("close", support.close),
            ("restore", support.restore),
            ("archive", support.archive),
            ("archive_link", support.archive_link),
            ("revoke_tokens", support.revoke_tokens),
            ("password_reset", support.password_reset),
            ("resend_invitation", support.resend_invitation),
            ("transfer", support.transfer),
            ("audit_check", support.audit_check),
            ("audit_export", support.audit_export),
        ]
        urls = [path(route, view(fn), name=f"workspaces_workspace_{name}") for route, fn, name in routes]
        urls += [
            path(f"<str:ws_id>/{name}/", view(fn), name=f"workspaces_workspace_{name}")
            for name, fn in per_workspace
        ]
        return urls + super().get_urls()


# --- members ----------------------------------------------------------------------------------------------


class MemberForm(forms.ModelForm):
    class Meta:
        model = Member
        fields = ("role",)


@admin.register(Member)
class MemberAdmin(WorkspaceScopedAdmin):
    """A member's role changes through `member_change_role` (at least one owner stays); removal through
    `member_remove` (its tokens revoked, each audited). Who the member is never changes."""

    form = MemberForm
    writable = True
    list_display = ("id", "user", "workspace_column", "role", "created_at")
    list_filter = ("role",)
    list_select_related = ("user",)
    search_fields = ("=id", "user__email", "=workspace__id", "workspace__name")
    fields = ("id", "workspace", "user", "role", "created_at", "support_links")
    readonly_fields = ("user", "support_links")

    @admin.display(description="support")
    def support_links(self, obj):
        if obj.pk is None:
            return "-"
        return format_html(
            '<a href="{}">Tokens</a> · <a href="{}">Revoke all tokens of this member</a>',
            reverse("admin:workspaces_apitoken_changelist") + f"?member={obj.pk}",
            reverse("admin:workspaces_member_revoke_tokens", args=[obj.pk]),
        )

    def has_delete_permission(self, request, obj=None):
        return super(WorkspaceScopedAdmin, self).has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if "role" in form.changed_data:
            workspace = Workspace.objects.get(pk=obj.workspace_id)
            with staff_acting(request, obj.workspace_id):
                member_change_role(
                    actor=support.staff_member(request, workspace), member=obj, role=form.cleaned_data["role"]
                )

    def get_deleted_objects(self, objs, request):
        """The service removes what goes with the row (rows support cannot delete one by one)."""
        deleted, counts, _perms_needed, protected = super().get_deleted_objects(objs, request)
        return deleted, counts, set(), protected

    def delete_model(self, request, obj):
        workspace = Workspace.objects.get(pk=obj.workspace_id)
        with staff_acting(request, obj.workspace_id):
            member_remove(actor=support.staff_member(request, workspace), member=obj)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except DomainError as error:
            from django.contrib import messages
            from django.http import HttpResponseRedirect

            messages.error(request, error.message)
            return HttpResponseRedirect(reverse("admin:workspaces_member_change", args=[object_id]))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<str:mem_id>/revoke_tokens/",
                view(self.revoke_tokens_view),
                name="workspaces_member_revoke_tokens",
            ),
            *super().get_urls(),
        ]

    def revoke_tokens_view(self, request, mem_id: str):
        member = Member.all_workspaces.filter(pk=mem_id).first()
        if member is None:
            raise Http404

        def run(_data):
            for token in ApiToken.objects.for_workspace(member.workspace_id).filter(
                member_id=member.pk, revoked_at__isnull=True
            ):
                token_revoke(token=token)

        return reason_action(
            request,
            self.admin_site,
            perm="workspaces.change_apitoken",
            title="Revoke all tokens of this member",
            subject=member,
            workspace_id=member.workspace_id,
            run=run,
            back=reverse("admin:workspaces_member_change", args=[member.pk]),
            danger=True,
        )


# --- tokens -----------------------------------------------------------------------------------------------


class TokenMintForm(ReasonForm):
    member = forms.CharField(label="Member id (mem_…)", max_length=40)
    name = forms.CharField(max_length=100, required=False)
    role = forms.ChoiceField(choices=Role.choices)
    scope = forms.ChoiceField(choices=ApiToken.Scope.choices, initial=ApiToken.Scope.READ_WRITE)
    expires_in_days = forms.IntegerField(required=False, min_value=1, max_value=3650)

    field_order = ("member", "name", "role", "scope", "expires_in_days", "reason")

    def clean_member(self):
        member = (
            Member.all_workspaces.select_related("user")
            .filter(pk=self.cleaned_data["member"].strip())
            .first()
        )
        if member is None:
            raise forms.ValidationError("No such member.")
        return member

    def clean(self):
        cleaned = super().clean()
        member, role = cleaned.get("member"), cleaned.get("role")
        if member is not None and role and role not in token_roles(member):
            self.add_error("role", f"A token's role cannot exceed its member's ({member.role}).")
        return cleaned


@admin.register(ApiToken)
class ApiTokenAdmin(WorkspaceScopedAdmin):
    list_display = (
        "id",
        "name",
        "workspace_column",
        "member",
        "role",
        "scope",
        "state",
        "hint_shown",
        "created_at",
        "last_used_at",
    )
    list_filter = ("role", "scope")
    list_select_related = ("member__user",)
    search_fields = ("=id", "name", "=workspace__id", "member__user__email")
    fields = (
        "id",
        "workspace",
        "member",
        "name",
        "role",
        "scope",
        "hint_shown",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
        "support_links",
    )
    readonly_fields = fields

    @admin.display(description="hint")
    def hint_shown(self, obj):
        return f"lds_{obj.hint}…"

    @admin.display(description="support")
    def support_links(self, obj):
        if obj.revoked_at is not None:
            return "revoked"
        return format_html(
            '<a href="{}">Revoke this token</a>', reverse("admin:workspaces_apitoken_revoke", args=[obj.pk])
        )

    def has_add_permission(self, request):
        return super(WorkspaceScopedAdmin, self).has_add_permission(request)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<str:tok_id>/revoke/", view(self.revoke_view), name="workspaces_apitoken_revoke"),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        """Mint for a member. The plaintext is rendered in this POST's response, once, and never stored."""
        require(request, "workspaces.add_apitoken")
        form = TokenMintForm(request.POST or None, initial={"member": request.GET.get("member", "")})
        plaintext = token = None
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            member = data["member"]
            try:
                with staff_acting(request, member.workspace_id):
                    token, plaintext = token_create(
                        member=member,
                        role=data["role"],
                        scope=data["scope"],
                        name=data["name"],
                        expires_in_days=data.get("expires_in_days"),
                    )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                log_reason(request, token, "Mint a token", data["reason"])
        response = TemplateResponse(
            request,
            "admin/support/token_mint.html",
            {
                **self.admin_site.each_context(request),
                "title": "Mint a token",
                "form": form,
                "token": token,
                "plaintext": plaintext,
                "opts": self.model._meta,
            },
        )
        response["Cache-Control"] = "no-store"
        return response

    def revoke_view(self, request, tok_id: str):
        token = ApiToken.all_workspaces.filter(pk=tok_id).first()
        if token is None:
            raise Http404
        return reason_action(
            request,
            self.admin_site,
            perm="workspaces.change_apitoken",
            title="Revoke the token",
            subject=token,
            workspace_id=token.workspace_id,
            run=lambda _d: token_revoke(token=token) and None,
            back=reverse("admin:workspaces_apitoken_change", args=[token.pk]),
            danger=True,
        )


# --- invitations and archives (read-only) ---------------------------------------------------------------


@admin.register(Invitation)
class InvitationAdmin(WorkspaceScopedAdmin):
    list_display = ("id", "email", "role", "status", "workspace_column", "sent_at", "expires_at")
    list_filter = ("status", "role")
    search_fields = ("=id", "email", "=workspace__id")
    exclude = ("link_digest",)


@admin.register(WorkspaceArchive)
class WorkspaceArchiveAdmin(WorkspaceScopedAdmin):
    """Read-only: archives are built by the lifecycle task; support asks for one (and for a download
    link) from the workspace's overview."""

    list_display = (
        "id",
        "workspace_column",
        "status",
        "reason",
        "requested_at",
        "completed_at",
        "size_bytes",
    )
    list_filter = ("status", "reason")
    search_fields = ("=workspace__id",)
    exclude = ("file_name",)
