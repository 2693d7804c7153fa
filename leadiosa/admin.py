"""Base classes for the support staff's Django admin.

Admin pages cross workspaces on purpose, so they say so: they run with no workspace in scope, and their
lists and lookups of tenant rows read `Model.all_workspaces` explicitly (`WorkspaceScopedAdmin`, the admin
modules' own lookups, all in the tenancy allow-list), and a row's change page runs in that row's workspace
(forms, inlines, validation). Nothing lifts the scope: code reached from here that reads `Model.objects`
without a workspace raises `NoWorkspaceInScope`, as it would on any other path. A write made here goes
through the same service as the API and the dashboard, inside the workspace's scope, as the signed-in
staff user and with the request's id (`staff_acting`); a model whose writes have no service is read-only
here. A service's refusal (a `DomainError`) is shown on the form it came from, and nothing is saved.
"""

from __future__ import annotations

import contextlib

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html

from leadiosa import context
from leadiosa.context import Actor, acting_as
from leadiosa.errors import DomainError
from leadiosa.tenancy import with_workspace


def _actor(request) -> Actor:
    return Actor(type="user", id=str(request.user.pk), user_id=str(request.user.pk))


def _client_ip(request) -> str | None:
    return request.META.get("LEADIOSA_CLIENT_IP") or request.META.get("REMOTE_ADDR")


@contextlib.contextmanager
def staff_acting(request, workspace_id: str | None = None):
    """Run a service as the staff user, with this request's id and address, in `workspace_id`'s scope."""
    info = context.current()
    with acting_as(_actor(request), request_id=info.request_id, ip=info.ip or _client_ip(request)):
        if workspace_id is None:
            yield
        else:
            with with_workspace(workspace_id):
                yield


def workspace_link(workspace_id: str | None):
    """The workspace column of every list: a link to the workspace's overview."""
    if not workspace_id:
        return "-"
    url = reverse("admin:workspaces_workspace_overview", args=[workspace_id])
    return format_html('<a href="{}">{}</a>', url, workspace_id)


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


def _with_service_error(form_class, error: DomainError):
    """The form again, invalid with the service's refusal (on its field when the error names one)."""

    class WithServiceError(form_class):
        def clean(self):
            cleaned = super().clean()
            field = (error.param or "").split(".")[0]
            self.add_error(field if field in self.fields else None, error.message)
            return cleaned

    return WithServiceError


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


class ServiceAdminMixin:
    """Writes through services: `save_model` calls one; a `DomainError` it raises rolls the whole
    request back (the admin's change view is one transaction) and the form is shown again with it."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DomainError as error:
            if request.method != "POST":
                raise
            request._admin_service_error = error
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        error = getattr(request, "_admin_service_error", None)
        return _with_service_error(form, error) if error is not None else form

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # never a bulk delete: each removal goes through a service
        return actions


class WorkspaceScopedAdmin(ServiceAdminMixin, admin.ModelAdmin):
    """Admin for a tenant model: unscoped reads; ids, the workspace and timestamps read-only.

    Nothing is added, changed or deleted here unless the subclass says how (through a service):
    `has_add_permission`/`has_change_permission`/`has_delete_permission` are False by default.
    """

    show_full_result_count = False  # COUNT(*) over millions of rows on every list page is wasted work
    writable = False  # a subclass whose save_model calls a service sets this

    def get_queryset(self, request):
        return self.model.all_workspaces.get_queryset()

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        for name in ("id", "workspace", "created_at", "updated_at"):
            if name not in fields and any(f.name == name for f in self.model._meta.fields):
                fields.append(name)
        return fields

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """A row's page runs in that row's own workspace: Django's forms, their choices, inlines and model
        validation ask default managers, which then see that workspace's rows and no other. An add page
        has no row: its POST runs in the workspace the form names (model validation checks constraints
        with the default manager); its GET has no scope, so a tenant choice there fails closed."""
        workspace_id = self._workspace_of(request, object_id)
        if workspace_id is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        with with_workspace(workspace_id):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if hasattr(response, "render"):
                response.render()  # the page's formsets evaluate their querysets while rendering
            return response

    def _workspace_of(self, request, object_id) -> str | None:
        if object_id is None:
            return self._posted_workspace(request)
        try:
            rows = self.get_queryset(request).filter(pk=unquote(object_id))
            return rows.values_list("workspace_id", flat=True).first()
        except (ValueError, ValidationError):
            return None  # not an id of this model: Django's own view answers as for a missing row

    def _posted_workspace(self, request) -> str | None:
        """The workspace an add form names (the form itself checks it exists: an unknown or missing one
        is a form error, validated in a scope that matches no row)."""
        if request.method != "POST":
            return None
        return str(request.POST.get("workspace", ""))

    def get_form(self, request, obj=None, **kwargs):
        return _same_workspace_form(super().get_form(request, obj, **kwargs))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return self.writable and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="workspace", ordering="workspace_id")
    def workspace_column(self, obj):
        return workspace_link(obj.workspace_id)
