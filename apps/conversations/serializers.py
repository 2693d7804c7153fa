"""Conversations, messages, notes: output shapes and write inputs.

The output serializers are reused by webhook payloads, the AI assistant's event sink and the workspace
archive. Their `to_representation` is written out by hand (it runs for every row of every list page);
the declared fields document the shape for the OpenAPI spec.
"""

from __future__ import annotations

from rest_framework import serializers

from apps.contacts.serializers import ContactCreateSerializer, fast_timestamp
from leadiosa.api.serializers import ApiSerializer, StrictInputSerializer, TimestampField

from .models import AuthorType, Channel, Conversation, HandledBy, Message, Note, Priority, Status

MAX_TAGS = 20
MAX_BODY = 10_000


class ConversationSerializer(ApiSerializer):
    """A conversation with one contact: status, assignment, priority, counters."""

    id = serializers.CharField()
    contact_id = serializers.CharField()
    status = serializers.ChoiceField(choices=Status.choices)
    priority = serializers.ChoiceField(choices=Priority.choices)
    subject = serializers.CharField(required=False)
    channel = serializers.ChoiceField(choices=Channel.choices)
    tags = serializers.ListField(child=serializers.CharField(), required=False)
    assignee_id = serializers.CharField(required=False)
    snoozed_until = TimestampField(required=False)
    handled_by = serializers.ChoiceField(choices=HandledBy.choices)
    message_count = serializers.IntegerField()
    last_message_at = TimestampField(required=False)
    created_at = TimestampField()
    updated_at = TimestampField()
    closed_at = TimestampField(required=False)

    # The columns to_representation reads: list views fetch just these, as light named rows.
    row_fields = (
        "id",
        "contact_id",
        "status",
        "priority",
        "subject",
        "channel",
        "tags",
        "assignee_id",
        "snoozed_until",
        "handled_by",
        "message_count",
        "last_message_at",
        "created_at",
        "updated_at",
        "closed_at",
    )

    class Meta:
        optional_fields = ("subject", "tags", "assignee_id", "snoozed_until", "last_message_at", "closed_at")

    def to_representation(self, c: Conversation) -> dict:
        data = {"id": c.id, "contact_id": c.contact_id, "status": c.status, "priority": c.priority}
        if c.subject:
            data["subject"] = c.subject
        data["channel"] = c.channel
        if c.tags:
            data["tags"] = list(c.tags)
        if c.assignee_id:
            data["assignee_id"] = c.assignee_id
        if c.snoozed_until is not None:
            data["snoozed_until"] = fast_timestamp(c.snoozed_until)
        data["handled_by"] = c.handled_by
        data["message_count"] = c.message_count
        if c.last_message_at is not None:
            data["last_message_at"] = fast_timestamp(c.last_message_at)
        data["created_at"] = fast_timestamp(c.created_at)
        data["updated_at"] = fast_timestamp(c.updated_at)
        if c.closed_at is not None:
            data["closed_at"] = fast_timestamp(c.closed_at)
        return data


class AuthorSerializer(ApiSerializer):
    """Who wrote a message: `id` is the member (agent) or the contact; none for assistant and system."""

    type = serializers.ChoiceField(choices=AuthorType.choices)
    id = serializers.CharField(required=False)


class UsageSerializer(serializers.Serializer):
    """Model tokens an assistant message cost."""

    prompt_tokens = serializers.IntegerField()
    completion_tokens = serializers.IntegerField()
    model = serializers.CharField()


class MessageSerializer(ApiSerializer):
    """One message of a conversation's thread; `usage` only on assistant messages."""

    id = serializers.CharField()
    conversation_id = serializers.CharField()
    author = AuthorSerializer()
    body = serializers.CharField()
    created_at = TimestampField()
    usage = UsageSerializer(required=False)

    row_fields = ("id", "conversation_id", "author_type", "author_id", "body", "usage", "created_at")

    class Meta:
        optional_fields = ("usage",)

    def to_representation(self, m: Message) -> dict:
        author = {"type": m.author_type}
        if m.author_id:
            author["id"] = m.author_id
        data = {
            "id": m.id,
            "conversation_id": m.conversation_id,
            "author": author,
            "body": m.body,
            "created_at": fast_timestamp(m.created_at),
        }
        if m.usage:
            data["usage"] = m.usage
        return data


class NoteSerializer(ApiSerializer):
    """An internal note: never shown to the contact, never part of the thread."""

    id = serializers.CharField()
    conversation_id = serializers.CharField()
    author_id = serializers.CharField()
    body = serializers.CharField()
    created_at = TimestampField()

    row_fields = ("id", "conversation_id", "author_id", "body", "created_at")

    def to_representation(self, n: Note) -> dict:
        return {
            "id": n.id,
            "conversation_id": n.conversation_id,
            "author_id": n.author_id,
            "body": n.body,
            "created_at": fast_timestamp(n.created_at),
        }


# ---- inputs -------------------------------------------------------------------------------------


class TextField(serializers.CharField):
    """A string, and only a string: 5 or true is a client bug, not a message saying "5"."""

    default_error_messages = {"not_string": "Expected a string."}

    def __init__(self, **kwargs):
        kwargs.setdefault("trim_whitespace", False)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_string")
        if not data.strip() and not self.allow_blank:
            self.fail("blank")
        return super().to_internal_value(data)


class InputTimestampField(TimestampField):
    """TimestampField that also refuses offsets pushing the moment out of the representable range."""

    def to_internal_value(self, value):
        try:
            return super().to_internal_value(value)
        except OverflowError:
            self.fail("invalid")


class TagsField(serializers.ListField):
    child = serializers.CharField(max_length=50, allow_blank=False, trim_whitespace=True)

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", MAX_TAGS)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        tags = super().to_internal_value(data)
        return list(dict.fromkeys(tags))  # de-duplicated, first order kept


class FirstMessageSerializer(StrictInputSerializer):
    body = TextField(max_length=MAX_BODY)


class ConversationCreateSerializer(StrictInputSerializer):
    contact_id = serializers.CharField(required=False)
    contact = ContactCreateSerializer(required=False)
    subject = TextField(max_length=500, required=False, allow_blank=True, allow_null=True)
    priority = serializers.ChoiceField(choices=Priority.choices, required=False)
    tags = TagsField(required=False, allow_null=True)
    assignee_id = serializers.CharField(required=False, allow_null=True)
    channel = serializers.ChoiceField(choices=Channel.choices, required=False)
    handled_by = serializers.ChoiceField(choices=HandledBy.choices, required=False)
    message = FirstMessageSerializer(required=False)

    def validate(self, attrs):
        if "contact_id" in attrs and "contact" in attrs:
            raise serializers.ValidationError({"contact": ["Send either contact_id or contact, not both."]})
        if "contact_id" not in attrs and "contact" not in attrs:
            raise serializers.ValidationError({"contact_id": ["Send contact_id or a contact object."]})
        return attrs


class ConversationUpdateSerializer(StrictInputSerializer):
    status = serializers.ChoiceField(choices=Status.choices, required=False)
    priority = serializers.ChoiceField(choices=Priority.choices, required=False)
    subject = TextField(max_length=500, required=False, allow_blank=True, allow_null=True)
    tags = TagsField(required=False, allow_null=True)
    assignee_id = serializers.CharField(required=False, allow_null=True)
    snoozed_until = InputTimestampField(required=False, allow_null=True)
    handled_by = serializers.ChoiceField(choices=HandledBy.choices, required=False)


class MessageCreateSerializer(StrictInputSerializer):
    body = TextField(max_length=MAX_BODY)
    # The API posts as the token's member (agent) or relays an inbound contact message.
    author_type = serializers.ChoiceField(choices=[AuthorType.AGENT, AuthorType.CONTACT], required=False)


class NoteCreateSerializer(StrictInputSerializer):
    body = TextField(max_length=MAX_BODY)
