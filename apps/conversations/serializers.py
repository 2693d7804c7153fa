"""Conversations, messages, notes: output shapes and write inputs.

The output serializers describe the shapes for the OpenAPI spec; the output itself is one plain
function per object in `representation.py` (shared with lists, services, webhooks and the archive).
"""

from __future__ import annotations

from rest_framework import serializers

from apps.contacts.serializers import ContactCreateSerializer
from leadiosa.api.serializers import ApiSerializer, StrictInputSerializer, TimestampField

from .models import AuthorType, Channel, HandledBy, Priority, Status
from .representation import conversation_representation, message_representation, note_representation

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

    class Meta:
        optional_fields = ("subject", "tags", "assignee_id", "snoozed_until", "last_message_at", "closed_at")

    def to_representation(self, conversation) -> dict:
        return conversation_representation(conversation)


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
    delivery_status = serializers.ChoiceField(
        choices=["queued", "sent", "retrying", "failed"],
        required=False,
        help_text="Replies on e-mail conversations only: where the e-mail to the contact is.",
    )

    class Meta:
        optional_fields = ("usage", "delivery_status")

    def to_representation(self, message) -> dict:
        return message_representation(message)


class NoteSerializer(ApiSerializer):
    """An internal note: never shown to the contact, never part of the thread."""

    id = serializers.CharField()
    conversation_id = serializers.CharField()
    author_id = serializers.CharField()
    body = serializers.CharField()
    created_at = TimestampField()

    def to_representation(self, note) -> dict:
        return note_representation(note)


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
    snoozed_until = TimestampField(required=False, allow_null=True)
    handled_by = serializers.ChoiceField(choices=HandledBy.choices, required=False)


class MessageCreateSerializer(StrictInputSerializer):
    body = TextField(max_length=MAX_BODY)
    # The API posts as the token's member (agent) or relays an inbound contact message.
    author_type = serializers.ChoiceField(choices=[AuthorType.AGENT, AuthorType.CONTACT], required=False)


class NoteCreateSerializer(StrictInputSerializer):
    body = TextField(max_length=MAX_BODY)
