"""Support staff's admin for workspaces, members and tokens.

A token's hash is never shown; minting shows the plaintext once, in the confirmation message.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin

from leadiosa.admin import WorkspaceScopedAdmin, _actor, _client_ip
from leadiosa.context import acting_as
from leadiosa.events import emit

from .models import ApiToken, Member, User, Workspace, WorkspaceArchive
from .services import RoleTooHigh, token_create, token_revoke, workspace_forget_tokens


@admin.register(User)
class LeadiosaUserAdmin(UserAdmin):
    list_display = ("email", "id", "is_staff", "date_joined")
    search_fields = ("email", "id")
    ordering = ("email",)


@admin.register(Workspace)
class WorkspaceAdmin(admin.ModelAdmin):
    list_display = ("name", "id", "status", "plan", "assistant_enabled", "created_at")
    list_filter = ("status", "plan", "assistant_enabled")
    list_select_related = ("plan",)
    search_fields = ("name", "id")
    readonly_fields = ("id", "status", "created_at", "updated_at", "closed_at", "purge_after")
    fields = (
        "id",
        "name",
        "plan",
        "assistant_enabled",
        "status",
        "created_at",
        "updated_at",
        "closed_at",
        "purge_after",
    )
    show_full_result_count = False

    def has_delete_permission(self, request, obj=None):
        return False  # workspaces end through close → purge, which keeps the archive and the audit trail

    def save_model(self, request, obj, form, change):
        with acting_as(_actor(request), ip=_client_ip(request)):
            super().save_model(request, obj, form, change)
            emit(
                "workspace.updated" if change else "workspace.created",
                workspace_id=obj.id,
                resource_type="workspace",
                resource_id=obj.id,
                changes=form.changed_data,
            )
        # The plan decides the rate limit that tokens carry in the cache.
        workspace_forget_tokens(workspace_id=obj.id)


@admin.register(Member)
class MemberAdmin(WorkspaceScopedAdmin):
    audit_resource_type = "member"
    list_display = ("id", "user", "workspace", "role", "created_at")
    list_filter = ("role",)
    list_select_related = ("user", "workspace")
    search_fields = ("id", "user__email", "workspace__id", "workspace__name")
    raw_id_fields = ("user", "workspace")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        workspace_forget_tokens(workspace_id=obj.workspace_id)  # a role change limits its tokens at once


class TokenMintForm(forms.ModelForm):
    member = forms.ModelChoiceField(queryset=Member.all_workspaces.select_related("user", "workspace"))
    expires_in_days = forms.IntegerField(required=False, min_value=1)

    class Meta:
        model = ApiToken
        fields = ("member", "name", "role", "scope")


@admin.register(ApiToken)
class ApiTokenAdmin(WorkspaceScopedAdmin):
    audit_resource_type = "token"
    list_display = ("id", "name", "workspace", "role", "scope", "state", "created_at", "last_used_at")
    list_filter = ("role", "scope")
    list_select_related = ("workspace",)
    search_fields = ("id", "name", "workspace__id", "member__user__email")
    raw_id_fields = ("member",)
    actions = ["revoke_tokens"]
    readonly_fields = (
        "id",
        "workspace",
        "member",
        "name",
        "role",
        "scope",
        "hint",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    )
    exclude = ("token_hash",)

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = TokenMintForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else ()

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("member", "name", "role", "scope", "expires_in_days")
        return self.readonly_fields

    def has_change_permission(self, request, obj=None):
        return obj is None or super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            return
        data = form.cleaned_data
        with acting_as(_actor(request), ip=_client_ip(request)):
            try:
                token, plaintext = token_create(
                    member=data["member"],
                    role=data["role"],
                    scope=data["scope"],
                    name=data["name"],
                    expires_in_days=data.get("expires_in_days"),
                )
            except RoleTooHigh as exc:
                messages.error(request, str(exc))
                return
        obj.pk = token.pk
        obj.__dict__.update(token.__dict__)
        messages.success(
            request, f"Token {token.id} minted. Copy it now, it will not be shown again: {plaintext}"
        )

    def delete_model(self, request, obj):
        with acting_as(_actor(request), ip=_client_ip(request)):
            token_revoke(token=obj)

    def delete_queryset(self, request, queryset):
        self.revoke_tokens(request, queryset)

    @admin.action(description="Revoke selected tokens")
    def revoke_tokens(self, request, queryset):
        with acting_as(_actor(request), ip=_client_ip(request)):
            for token in queryset:
                token_revoke(token=token)
        messages.success(request, f"Revoked {queryset.count()} token(s).")


@admin.register(WorkspaceArchive)
class WorkspaceArchiveAdmin(WorkspaceScopedAdmin):
    """Read-only: archives are built by the lifecycle task and fetched through signed links."""

    audit_resource_type = "workspace_archive"
    list_display = ("id", "workspace", "status", "reason", "requested_at", "completed_at", "size_bytes")
    list_filter = ("status", "reason")
    list_select_related = ("workspace",)
    search_fields = ("workspace__id", "workspace__name")
    readonly_fields = (
        "workspace",
        "status",
        "reason",
        "requested_at",
        "completed_at",
        "size_bytes",
        "counts",
        "error",
    )
    exclude = ("file_name",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
