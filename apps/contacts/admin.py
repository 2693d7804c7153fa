from django.contrib import admin

from leadiosa.admin import WorkspaceScopedAdmin, WorkspaceSearchMixin, _actor, _client_ip
from leadiosa.context import acting_as
from leadiosa.tenancy import with_workspace

from .models import Contact


@admin.register(Contact)
class ContactAdmin(WorkspaceSearchMixin, WorkspaceScopedAdmin):
    audit_resource_type = "contact"
    list_display = ("id", "email", "name", "external_id", "workspace", "created_at", "last_seen_at")
    list_select_related = ("workspace",)
    search_fields = ("=id", "email", "name", "=external_id", "=workspace__id")
    readonly_fields = ("last_seen_at",)
    ordering = ("-created_at",)

    def delete_model(self, request, obj):
        """Deleting a contact here is the same GDPR erasure as DELETE /contacts/{id}."""
        from .services import contact_erase

        with acting_as(_actor(request), ip=_client_ip(request)), with_workspace(obj.workspace_id):
            contact_erase(contact=obj)
