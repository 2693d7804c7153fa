"""Base classes for the support staff's Django admin.

Admin pages cross workspaces on purpose, so they read through `all_workspaces`. Every save and delete
made here is recorded through emit() as the signed-in user, like any other door into the data.
"""

from __future__ import annotations

from django.contrib import admin

from leadiosa.context import Actor, acting_as
from leadiosa.events import emit
from leadiosa.tenancy import across_workspaces


def _actor(request) -> Actor:
    return Actor(type="user", id=str(request.user.pk), user_id=str(request.user.pk))


def _client_ip(request) -> str | None:
    return request.META.get("LEADIOSA_CLIENT_IP") or request.META.get("REMOTE_ADDR")


def _same_workspace_form(form_class):
    """The admin sees every workspace, so its forms must refuse to link rows across two of them."""

    class SameWorkspaceForm(form_class):
        def clean(self):
            cleaned = super().clean()
            workspace = cleaned.get("workspace")
            workspace_id = (
                workspace.pk if workspace is not None else getattr(self.instance, "workspace_id", None)
            )
            for name, value in list(cleaned.items()):
                other = getattr(value, "workspace_id", None)
                if name != "workspace" and workspace_id and other and other != workspace_id:
                    self.add_error(name, "This belongs to another workspace.")
            return cleaned

    return SameWorkspaceForm


class WorkspaceSearchMixin:
    """Scoped search: a search that starts with a workspace id (`ws_… term`) stays inside that workspace."""

    def get_search_results(self, request, queryset, search_term):
        first, _, rest = search_term.strip().partition(" ")
        if first.startswith("ws_"):
            queryset = queryset.filter(workspace_id=first)
            if not rest.strip():
                return queryset, False
            search_term = rest
        return super().get_search_results(request, queryset, search_term)


class WorkspaceScopedAdmin(admin.ModelAdmin):
    """Admin for a tenant model: unscoped reads, audited writes, ids and timestamps read-only.

    Set `audit_resource_type` (e.g. "conversation"); `changed_data` names go in the entry, never values.
    """

    audit_resource_type: str = ""
    show_full_result_count = False  # COUNT(*) over millions of rows on every list page is wasted work

    def get_queryset(self, request):
        return self.model.all_workspaces.get_queryset()

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        for name in ("id", "workspace", "created_at", "updated_at"):
            if name not in fields and any(f.name == name for f in self.model._meta.fields):
                fields.append(name)
        return fields

    def get_form(self, request, obj=None, **kwargs):
        return _same_workspace_form(super().get_form(request, obj, **kwargs))

    def save_model(self, request, obj, form, change):
        with acting_as(_actor(request), ip=_client_ip(request)):
            super().save_model(request, obj, form, change)
            emit(
                f"{self.audit_resource_type}.{'updated' if change else 'created'}",
                workspace_id=obj.workspace_id,
                resource_type=self.audit_resource_type,
                resource_id=str(obj.pk),
                changes=form.changed_data if change else [],
            )

    def delete_model(self, request, obj):
        with acting_as(_actor(request), ip=_client_ip(request)):
            emit(
                f"{self.audit_resource_type}.deleted",
                workspace_id=obj.workspace_id,
                resource_type=self.audit_resource_type,
                resource_id=str(obj.pk),
            )
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class AdminAcrossWorkspacesMiddleware:
    """The support admin crosses workspaces by design: its requests run with the scope lifted, so model
    forms, raw-id widgets and related lookups (which use default managers) work there. API requests
    never pass through here with the scope lifted."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/"):
            with across_workspaces():
                return self.get_response(request)
        return self.get_response(request)
