from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils import timezone

from leadiosa.ids import PublicIdField
from leadiosa.tenancy import TenantModel


class Status(models.TextChoices):
    OPEN = "open"
    PENDING = "pending"  # waiting on the contact
    SNOOZED = "snoozed"  # until snoozed_until, or until the contact writes
    CLOSED = "closed"


class Priority(models.TextChoices):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class Channel(models.TextChoices):
    API = "api"
    WIDGET = "widget"
    EMAIL = "email"


class HandledBy(models.TextChoices):
    ASSISTANT = "assistant"
    HUMAN = "human"


class AuthorType(models.TextChoices):
    CONTACT = "contact"
    AGENT = "agent"
    ASSISTANT = "assistant"
    SYSTEM = "system"


# How much of the last message's text a conversation keeps for the inbox's list.
LAST_MESSAGE_PREVIEW_CHARS = 140


class Conversation(TenantModel):
    id = PublicIdField(prefix="conv")
    contact = models.ForeignKey("contacts.Contact", on_delete=models.CASCADE, related_name="conversations")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    subject = models.CharField(max_length=500, null=True, blank=True)  # noqa: DJ001
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.API)
    tags = ArrayField(models.CharField(max_length=50), default=list, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    snoozed_until = models.DateTimeField(null=True, blank=True)
    handled_by = models.CharField(max_length=10, choices=HandledBy.choices, default=HandledBy.HUMAN)
    message_count = models.PositiveIntegerField(default=0)
    last_message_at = models.DateTimeField(null=True, blank=True)
    # The start of the last message's text (notes are not messages), kept by message_create under the
    # row lock for the inbox's rows, which then read no message. NULL when not recorded: no message
    # yet, or rows written in bulk around the services (`manage.py seed`'s COPY); the inbox then reads
    # the last message itself.
    last_message_preview = models.CharField(max_length=LAST_MESSAGE_PREVIEW_CHARS, null=True, blank=True)  # noqa: DJ001
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["workspace", "created_at", "id"], name="conv_ws_created"),
            models.Index(fields=["workspace", "contact"], name="conv_ws_contact"),
            models.Index(fields=["workspace", "assignee"], name="conv_ws_assignee"),
            models.Index(fields=["workspace", "updated_at"], name="conv_ws_updated"),
            GinIndex(fields=["tags"], name="conv_tags"),
            # The wake-up task scans only snoozed rows, in due order.
            models.Index(fields=["snoozed_until"], condition=Q(status="snoozed"), name="conv_snoozed_due"),
            # Substring search (`UPPER(subject) LIKE UPPER('%…%')`, what icontains emits): trigrams.
            GinIndex(OpClass(Upper("subject"), name="gin_trgm_ops"), name="conv_subject_trgm"),
        ]

    def __str__(self) -> str:
        return f"{self.id} ({self.workspace_id})"


class Message(TenantModel):
    id = PublicIdField(prefix="msg")
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    author_type = models.CharField(max_length=10, choices=AuthorType.choices)
    # usr_ of an agent, ct_ of a contact; none for assistant and system messages
    author_id = models.CharField(max_length=40, null=True, blank=True)  # noqa: DJ001
    body = models.TextField()
    usage = models.JSONField(null=True, blank=True)  # {prompt_tokens, completion_tokens, model}
    # Replies on an e-mail conversation: queued, sent, retrying or failed (apps.channels_email); else NULL.
    delivery_status = models.CharField(max_length=10, null=True, blank=True)  # noqa: DJ001
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(
                fields=["workspace", "conversation", "created_at", "id"], name="msg_ws_conv_created"
            ),
            # The inbox's search over message text (`UPPER(body) LIKE UPPER('%…%')`): trigrams.
            GinIndex(OpClass(Upper("body"), name="gin_trgm_ops"), name="msg_body_trgm"),
        ]

    def __str__(self) -> str:
        return f"{self.id} ({self.workspace_id})"


class Note(TenantModel):
    """Internal to the team: never reaches the contact, never part of the message thread."""

    id = PublicIdField(prefix="note")
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="notes")
    author_id = models.CharField(max_length=40)  # usr_ of the member who wrote it
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(
                fields=["workspace", "conversation", "created_at", "id"], name="note_ws_conv_created"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.id} ({self.workspace_id})"
