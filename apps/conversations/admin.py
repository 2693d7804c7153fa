from django.contrib import admin
from django.utils.text import Truncator

from leadiosa.admin import WorkspaceScopedAdmin, WorkspaceSearchMixin

from .models import Conversation, Message, Note


@admin.register(Conversation)
class ConversationAdmin(WorkspaceSearchMixin, WorkspaceScopedAdmin):
    audit_resource_type = "conversation"
    list_display = (
        "id",
        "subject",
        "status",
        "priority",
        "handled_by",
        "contact",
        "assignee",
        "message_count",
        "workspace",
        "created_at",
    )
    list_filter = ("status", "priority", "channel", "handled_by")
    list_select_related = ("workspace", "contact", "assignee")
    search_fields = ("=id", "subject", "=contact__id", "contact__email", "=workspace__id")
    # Status, handling, contact and assignee change through the API's services only: they enforce the
    # status machine, membership and the events subscribers rely on.
    readonly_fields = (
        "contact",
        "assignee",
        "status",
        "handled_by",
        "snoozed_until",
        "message_count",
        "last_message_at",
        "closed_at",
    )
    ordering = ("-created_at",)


class _ThreadItemAdmin(WorkspaceSearchMixin, WorkspaceScopedAdmin):
    list_select_related = ("workspace", "conversation")
    search_fields = ("=id", "=conversation__id", "=workspace__id")
    raw_id_fields = ("conversation",)
    ordering = ("-created_at",)

    @admin.display(description="body")
    def short_body(self, obj):
        return Truncator(obj.body).chars(80)


@admin.register(Message)
class MessageAdmin(_ThreadItemAdmin):
    audit_resource_type = "message"
    list_display = ("id", "conversation", "author_type", "author_id", "short_body", "workspace", "created_at")
    list_filter = ("author_type",)


@admin.register(Note)
class NoteAdmin(_ThreadItemAdmin):
    audit_resource_type = "note"
    list_display = ("id", "conversation", "author_id", "short_body", "workspace", "created_at")
