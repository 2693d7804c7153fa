"""A read-only audit browser for support staff: no add, change or delete, from any admin."""

from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "created_at",
        "workspace_id",
        "action",
        "actor_type",
        "actor_id",
        "resource_id",
        "chain_seq",
    )
    list_filter = ("action", "resource_type", "actor_type")
    # Exact matches on ids only: a LIKE over millions of rows is not a search.
    search_fields = ("=workspace__id", "=resource_id", "=actor_id", "=request_id", "=id")
    ordering = ("-created_at", "-id")
    show_full_result_count = False
    list_select_related = ("seal",)
    readonly_fields = [*(field.name for field in AuditEntry._meta.fields), "chain_seq", "chain_hash"]

    @admin.display(description="seq")
    def chain_seq(self, obj):
        seal = getattr(obj, "seal", None)
        return seal.seq if seal else "not sealed"

    @admin.display(description="chain hash")
    def chain_hash(self, obj):
        seal = getattr(obj, "seal", None)
        return seal.hash if seal else "not sealed"

    def get_queryset(self, request):
        return AuditEntry.all_workspaces.get_queryset()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
