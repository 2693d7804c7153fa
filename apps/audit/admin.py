"""A read-only audit browser for support staff: no add, change or delete, from any admin."""

from django.contrib import admin
from django.db.models import OuterRef, Subquery

from apps.workspaces.models import ApiToken, User
from leadiosa.admin import workspace_link

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "created_at",
        "workspace_column",
        "action",
        "source",
        "actor_type",
        "actor_id",
        "actor_email",
        "resource_id",
        "chain_seq",
    )
    # `?workspace=ws_…` (the workspace overview links here with it) narrows to one workspace.
    list_filter = (
        ("created_at", admin.DateFieldListFilter),
        "action",
        "resource_type",
        "actor_type",
        "source",
    )
    # Exact matches on ids only: a LIKE over millions of rows is not a search.
    search_fields = (
        "=workspace__id",
        "=resource_id",
        "=actor_id",
        "=request_id",
        "=client_request_id",
        "=id",
    )
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

    @admin.display(description="workspace")
    def workspace_column(self, obj):
        return workspace_link(obj.workspace_id)  # to the workspace's support overview

    @admin.display(description="actor e-mail")
    def actor_email(self, obj):
        return obj.actor_user_email or obj.actor_token_email or ""

    def get_queryset(self, request):
        # The actor's e-mail in the same query: a user's, or the member's behind a token.
        users = User.objects.filter(pk=OuterRef("actor_id")).values("email")[:1]
        tokens = ApiToken.all_workspaces.filter(pk=OuterRef("actor_id")).values("member__user__email")[:1]
        return AuditEntry.all_workspaces.get_queryset().annotate(
            actor_user_email=Subquery(users), actor_token_email=Subquery(tokens)
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
