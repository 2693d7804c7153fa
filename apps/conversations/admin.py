"""Conversations, messages and notes in the support admin.

A conversation's status, priority, subject, tags, snooze and handling change through
`conversation_update` (the API's PATCH: its status machine, events and webhooks). Its workspace, contact
and channel never change. Messages and notes are read-only: the thread is what the contact and the agents
wrote. Nothing here is deleted (a contact's erasure removes its conversations).
"""

from django import forms
from django.contrib import admin
from django.utils.text import Truncator

from leadiosa.admin import WorkspaceScopedAdmin, WorkspaceSearchMixin, staff_acting

from .models import Conversation, Message, Note
from .services import UPDATABLE, conversation_update

EDITABLE = ("status", "priority", "subject", "tags", "snoozed_until", "handled_by")


class ConversationForm(forms.ModelForm):
    class Meta:
        model = Conversation
        fields = EDITABLE


@admin.register(Conversation)
class ConversationAdmin(WorkspaceSearchMixin, WorkspaceScopedAdmin):
    form = ConversationForm
    writable = True
    list_display = (
        "id",
        "subject",
        "status",
        "priority",
        "handled_by",
        "contact",
        "assignee",
        "message_count",
        "workspace_column",
        "created_at",
    )
    list_filter = ("status", "priority", "channel", "handled_by")
    list_select_related = ("contact", "assignee")
    search_fields = ("=id", "subject", "=contact__id", "contact__email", "=workspace__id")
    readonly_fields = ("contact", "assignee", "channel", "message_count", "last_message_at", "closed_at")
    fields = (
        "id",
        "workspace",
        "contact",
        "channel",
        *EDITABLE,
        "assignee",
        "message_count",
        "last_message_at",
        "created_at",
        "updated_at",
        "closed_at",
    )
    ordering = ("-created_at",)

    def save_model(self, request, obj, form, change):
        changes = {name: form.cleaned_data.get(name) for name in form.changed_data if name in UPDATABLE}
        if not changes:
            return
        if "snoozed_until" not in changes and changes.get("status") == "snoozed":
            changes["snoozed_until"] = form.cleaned_data.get("snoozed_until")
        with staff_acting(request, obj.workspace_id):
            conversation_update(conversation=obj, changes=changes)


class _ThreadItemAdmin(WorkspaceSearchMixin, WorkspaceScopedAdmin):
    """Read-only: what was written stays as written (counts and events depend on it)."""

    list_select_related = ("conversation",)
    search_fields = ("=id", "=conversation__id", "=workspace__id")
    ordering = ("-created_at",)

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    @admin.display(description="body")
    def short_body(self, obj):
        return Truncator(obj.body).chars(80)


@admin.register(Message)
class MessageAdmin(_ThreadItemAdmin):
    list_display = (
        "id",
        "conversation",
        "author_type",
        "author_id",
        "short_body",
        "workspace_column",
        "created_at",
    )
    list_filter = ("author_type",)


@admin.register(Note)
class NoteAdmin(_ThreadItemAdmin):
    list_display = ("id", "conversation", "author_id", "short_body", "workspace_column", "created_at")
