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

    id = serializers.CharField(help_text="The conversation's id (`conv_…`).")
    contact_id = serializers.CharField(help_text="The contact this conversation is with (`ct_…`).")
    status = serializers.ChoiceField(
        choices=Status.choices,
        help_text="`open`; `pending` (waiting on the contact); `snoozed` (until `snoozed_until`, or until the "
        "contact writes); `closed`. A contact's message reopens a pending, snoozed or closed conversation.",
    )
    priority = serializers.ChoiceField(choices=Priority.choices, help_text="`normal` unless set.")
    subject = serializers.CharField(
        required=False, help_text="A short title (at most 500 characters); omitted when none was given."
    )
    channel = serializers.ChoiceField(
        choices=Channel.choices,
        help_text="Where it started: `api`, the chat `widget`, or an inbound `email`. Never changes.",
    )
    tags = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="Labels of your choice (at most 20, each 1–50 characters), in the order set; omitted when "
        "there are none.",
    )
    assignee_id = serializers.CharField(
        required=False,
        help_text="The assigned member's user id (`usr_…`, the `user_id` of `GET /members`); omitted when "
        "unassigned.",
    )
    snoozed_until = TimestampField(
        required=False, help_text="When a snoozed conversation opens again (UTC); present only while snoozed."
    )
    handled_by = serializers.ChoiceField(
        choices=HandledBy.choices,
        help_text="`assistant`: the AI assistant answers the contact's messages (until it hands off); `human`: "
        "only your team does.",
    )
    message_count = serializers.IntegerField(
        help_text="How many messages the thread holds (contact, agent, assistant and system; notes excluded)."
    )
    last_message_at = TimestampField(
        required=False, help_text="When the newest message was posted (UTC); omitted while there is none."
    )
    created_at = TimestampField(help_text="When the conversation started (UTC, `YYYY-MM-DDTHH:MM:SS.mmmZ`).")
    updated_at = TimestampField(
        help_text="When the conversation or its thread last changed (UTC): any field, a new message."
    )
    closed_at = TimestampField(
        required=False, help_text="When it was closed (UTC); present only while closed."
    )

    class Meta:
        optional_fields = ("subject", "tags", "assignee_id", "snoozed_until", "last_message_at", "closed_at")

    def to_representation(self, conversation) -> dict:
        return conversation_representation(conversation)


class AuthorSerializer(ApiSerializer):
    """Who wrote a message: `id` is the member (agent) or the contact; none for assistant and system."""

    type = serializers.ChoiceField(
        choices=AuthorType.choices,
        help_text="`contact`, `agent` (a member of your team), `assistant` (the AI assistant) or `system`.",
    )
    id = serializers.CharField(
        required=False,
        help_text="The contact's id (`ct_…`) or the agent's user id (`usr_…`); omitted for the assistant and "
        "the system.",
    )


class UsageSerializer(serializers.Serializer):
    """Model tokens an assistant message cost."""

    prompt_tokens = serializers.IntegerField(
        help_text="Tokens the model read (the question and its context)."
    )
    completion_tokens = serializers.IntegerField(help_text="Tokens the model wrote (this reply).")
    model = serializers.CharField(
        help_text="The model that wrote the reply, e.g. `extractive` or a provider's name."
    )


class MessageSerializer(ApiSerializer):
    """One message of a conversation's thread; `usage` only on assistant messages."""

    id = serializers.CharField(help_text="The message's id (`msg_…`).")
    conversation_id = serializers.CharField(help_text="The conversation it belongs to (`conv_…`).")
    author = AuthorSerializer(help_text="Who wrote it.")
    body = serializers.CharField(help_text="The text, as written (plain text, at most 10 000 characters).")
    created_at = TimestampField(help_text="When it was posted (UTC, `YYYY-MM-DDTHH:MM:SS.mmmZ`).")
    usage = UsageSerializer(
        required=False, help_text="What an assistant reply cost in model tokens; only on assistant messages."
    )
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

    id = serializers.CharField(help_text="The note's id (`note_…`).")
    conversation_id = serializers.CharField(help_text="The conversation it is on (`conv_…`).")
    author_id = serializers.CharField(help_text="The member who wrote it: a user id (`usr_…`).")
    body = serializers.CharField(help_text="The text (plain text, at most 10 000 characters).")
    created_at = TimestampField(help_text="When it was added (UTC, `YYYY-MM-DDTHH:MM:SS.mmmZ`).")

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
    body = TextField(
        max_length=MAX_BODY, help_text="The contact's message (plain text, 1–10 000 characters, not blank)."
    )


class ConversationCreateSerializer(StrictInputSerializer):
    contact_id = serializers.CharField(
        required=False,
        help_text="An existing contact (`ct_…`). Send this or `contact`, not both; an unknown id is a 422 "
        "`contact_not_found`.",
    )
    contact = ContactCreateSerializer(
        required=False,
        help_text="The contact, found by `email` (else `external_id`) or created with these fields. Send this "
        "or `contact_id`, not both.",
    )
    subject = TextField(
        max_length=500,
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="A short title, at most 500 characters; null or empty means none.",
    )
    priority = serializers.ChoiceField(
        choices=Priority.choices, required=False, help_text="Default `normal`."
    )
    tags = TagsField(
        required=False,
        allow_null=True,
        help_text="At most 20 labels of 1–50 characters; duplicates are kept once, in order.",
    )
    assignee_id = serializers.CharField(
        required=False,
        allow_null=True,
        help_text="A member's user id (`usr_…`, from `GET /members`) to assign; null or absent leaves it "
        "unassigned.",
    )
    channel = serializers.ChoiceField(
        choices=Channel.choices, required=False, help_text="Where it started; default `api`."
    )
    handled_by = serializers.ChoiceField(
        choices=HandledBy.choices,
        required=False,
        help_text="`assistant` (the AI assistant answers first) or `human`; default `assistant` when the "
        "workspace has the assistant on, else `human`.",
    )
    message = FirstMessageSerializer(
        required=False, help_text="The contact's first message; the thread starts empty without it."
    )

    def validate(self, attrs):
        if "contact_id" in attrs and "contact" in attrs:
            raise serializers.ValidationError({"contact": ["Send either contact_id or contact, not both."]})
        if "contact_id" not in attrs and "contact" not in attrs:
            raise serializers.ValidationError({"contact_id": ["Send contact_id or a contact object."]})
        return attrs


class ConversationUpdateSerializer(StrictInputSerializer):
    status = serializers.ChoiceField(
        choices=Status.choices,
        required=False,
        help_text="The new status: any status may become `closed`; a `closed` one only `open`; `snoozed` needs "
        "a future `snoozed_until` in the same request.",
    )
    priority = serializers.ChoiceField(
        choices=Priority.choices, required=False, help_text="The new priority."
    )
    subject = TextField(
        max_length=500,
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="The new title, at most 500 characters; null or empty removes it.",
    )
    tags = TagsField(
        required=False,
        allow_null=True,
        help_text="The whole new list (it replaces the old one): at most 20 labels of 1–50 characters; null or "
        "`[]` removes them all.",
    )
    assignee_id = serializers.CharField(
        required=False,
        allow_null=True,
        help_text="A member's user id (`usr_…`, from `GET /members`) to assign, or null to unassign.",
    )
    snoozed_until = TimestampField(
        required=False,
        allow_null=True,
        help_text="With `status: snoozed`: when to open again (a future ISO-8601 timestamp with an offset).",
    )
    handled_by = serializers.ChoiceField(
        choices=HandledBy.choices,
        required=False,
        help_text="`assistant` hands the conversation to the AI assistant, `human` takes it back.",
    )


class MessageCreateSerializer(StrictInputSerializer):
    body = TextField(max_length=MAX_BODY, help_text="The text (plain text, 1–10 000 characters, not blank).")
    # The API posts as the token's member (agent) or relays an inbound contact message.
    author_type = serializers.ChoiceField(choices=[AuthorType.AGENT, AuthorType.CONTACT], required=False)


class NoteCreateSerializer(StrictInputSerializer):
    body = TextField(max_length=MAX_BODY, help_text="The note (plain text, 1–10 000 characters, not blank).")
