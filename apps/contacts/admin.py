"""Contacts in the support admin: added, edited and erased through the API's own services."""

from django import forms
from django.contrib import admin

from apps.workspaces.models import Workspace
from leadiosa.admin import WorkspaceScopedAdmin, WorkspaceSearchMixin, staff_acting

from .models import Contact
from .services import CONTACT_FIELDS, contact_create, contact_erase, contact_update


class ContactForm(forms.ModelForm):
    """On add the workspace is chosen (a contact belongs to one); afterwards it never moves."""

    workspace = forms.ModelChoiceField(queryset=Workspace.objects.filter(status=Workspace.Status.ACTIVE))

    class Meta:
        model = Contact
        fields = ("workspace", "email", "name", "phone", "external_id", "attributes")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance._state.adding:
            self.fields.pop("workspace", None)

    def clean_attributes(self):
        value = self.cleaned_data.get("attributes") or {}
        if not isinstance(value, dict) or any(isinstance(v, dict | list) for v in value.values()):
            raise forms.ValidationError("A flat JSON object: string keys, scalar values.")
        return value

    def validate_unique(self):
        """The service checks uniqueness (normalised e-mail, per workspace) and answers contact_exists."""


@admin.register(Contact)
class ContactAdmin(WorkspaceSearchMixin, WorkspaceScopedAdmin):
    form = ContactForm
    writable = True
    list_display = ("id", "email", "name", "external_id", "workspace_column", "created_at", "last_seen_at")
    search_fields = ("=id", "email", "name", "=external_id", "=workspace__id")
    readonly_fields = ("last_seen_at",)
    ordering = ("-created_at",)

    def has_add_permission(self, request):
        return super(WorkspaceScopedAdmin, self).has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        # Deleting a contact is the GDPR erasure, one at a time (never "delete selected").
        return super(WorkspaceScopedAdmin, self).has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else super().get_readonly_fields(request, obj)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("workspace", "email", "name", "phone", "external_id", "attributes")
        return (
            "id",
            "workspace",
            "email",
            "name",
            "phone",
            "external_id",
            "attributes",
            "created_at",
            "updated_at",
            "last_seen_at",
        )

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if not change:
            with staff_acting(request, data["workspace"].pk):
                created = contact_create(
                    **{f: data.get(f) for f in CONTACT_FIELDS}, attributes=data.get("attributes") or {}
                )
            obj.pk, obj.workspace_id = created.pk, created.workspace_id
            return
        changes = {f: data.get(f) for f in CONTACT_FIELDS if f in form.changed_data}
        if "attributes" in form.changed_data:
            wanted = data.get("attributes") or {}
            current = Contact.objects.for_workspace(obj.workspace_id).get(pk=obj.pk).attributes or {}
            changes["attributes"] = {**{k: None for k in current if k not in wanted}, **wanted}
        with staff_acting(request, obj.workspace_id):
            contact_update(contact=obj, changes=changes)

    def get_deleted_objects(self, objs, request):
        """The service removes what goes with the row (rows support cannot delete one by one)."""
        deleted, counts, _perms_needed, protected = super().get_deleted_objects(objs, request)
        return deleted, counts, set(), protected

    def delete_model(self, request, obj):
        """Deleting a contact here is the same GDPR erasure as DELETE /contacts/{id}."""
        with staff_acting(request, obj.workspace_id):
            contact_erase(contact=obj)
