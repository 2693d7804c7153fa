"""The reference views the API is compared against, served by the same gunicorn processes.

- `bare_static`: the framework's floor: a plain Django view returning a constant 25-item JSON list.
- `floor_*` ("floor-db"): the floor for a database-backed list: a plain Django view, no DRF, no auth, no
  rate limit, running the product's keyset SQL by hand (the same columns, the same `to_char` timestamps,
  the same index) and building the same JSON with a plain loop. No cursor signing, no workspace scope.
- `Typical*List`: what a straightforward DRF app does: ListAPIView + ModelSerializer + CursorPagination
  (ordering by -created_at), no authentication, DRF's default timestamp rendering.
"""

from __future__ import annotations

import base64
import json
import time

from django.db import connection
from django.http import JsonResponse
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer

from apps.contacts.models import Contact
from apps.conversations.models import Conversation, Message

_TS = """to_char({} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')"""
_CURSOR = """to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"')"""

STATIC_ITEMS = [
    {
        "id": f"conv_0VcTf3k7ZiG1lbsPHceJx{i:02d}",
        "contact_id": "ct_0VcTf3k7ZiG1lbsPHceJxI",
        "status": "open",
        "priority": "normal",
        "subject": "Where is my order?",
        "channel": "api",
        "handled_by": "human",
        "message_count": 3,
        "last_message_at": "2026-05-12T07:28:25.901Z",
        "created_at": "2026-05-12T07:28:25.901Z",
        "updated_at": "2026-05-12T07:28:25.901Z",
    }
    for i in range(25)
]


def bare_static(request):
    return JsonResponse({"data": STATIC_ITEMS, "pagination": {"has_more": False}})


def held(request):
    """A request that waits without using CPU or a database connection, like a widget long poll
    (apps/channels_widget/live.py) waiting for a message: `?seconds=` (at most 60)."""
    time.sleep(min(float(request.GET.get("seconds", "20")), 60.0))
    return JsonResponse({"data": [], "pagination": {"has_more": False}})


def _cursor(position: str, row_id: str) -> str:
    return base64.urlsafe_b64encode(f"{position}|{row_id}".encode()).decode()


def _page(request, sql: str, params: list, descending: bool, row_json) -> JsonResponse:
    limit = min(max(int(request.GET.get("limit", 25)), 1), 100)
    after = request.GET.get("after")
    if after:
        position, last_id = base64.urlsafe_b64decode(after).decode().split("|", 1)
        sql += f" AND (created_at, id) {'<' if descending else '>'} (%s, %s)"
        params = [*params, position, last_id]
    order = "DESC" if descending else "ASC"
    sql += f" ORDER BY created_at {order}, id {order} LIMIT %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit + 1])
        rows = cursor.fetchall()
    has_more = len(rows) > limit
    rows = rows[:limit]
    pagination = {"has_more": has_more}
    if has_more:
        pagination["next_cursor"] = _cursor(rows[-1][-1], rows[-1][0])
    return JsonResponse({"data": [row_json(r) for r in rows], "pagination": pagination})


CONVERSATION_SQL = (
    "SELECT id, contact_id, status, priority, subject, channel, tags, assignee_id, "  # noqa: S608
    f"{_TS.format('snoozed_until')}, handled_by, message_count, {_TS.format('last_message_at')}, "
    f"{_TS.format('created_at')}, {_TS.format('updated_at')}, {_TS.format('closed_at')}, {_CURSOR} "
    "FROM conversations_conversation WHERE workspace_id = %s"
)


def _conversation_json(row) -> dict:
    (id_, contact_id, status, priority, subject, channel, tags, assignee_id, snoozed_until, handled_by,
     message_count, last_message_at, created_at, updated_at, closed_at, _position) = row  # fmt: skip
    data = {"id": id_, "contact_id": contact_id, "status": status, "priority": priority}
    if subject:
        data["subject"] = subject
    data["channel"] = channel
    if tags:
        data["tags"] = tags
    if assignee_id:
        data["assignee_id"] = assignee_id
    if snoozed_until:
        data["snoozed_until"] = snoozed_until
    data["handled_by"] = handled_by
    data["message_count"] = message_count
    if last_message_at:
        data["last_message_at"] = last_message_at
    data["created_at"] = created_at
    data["updated_at"] = updated_at
    if closed_at:
        data["closed_at"] = closed_at
    return data


def floor_conversations(request, workspace_id):
    return _page(request, CONVERSATION_SQL, [workspace_id], True, _conversation_json)


MESSAGE_SQL = (
    "SELECT id, conversation_id, author_type, author_id, body, usage, "  # noqa: S608
    f"{_TS.format('created_at')}, {_CURSOR} FROM conversations_message "
    "WHERE workspace_id = %s AND conversation_id = %s"
)


def _message_json(row) -> dict:
    id_, conversation_id, author_type, author_id, body, usage, created_at, _position = row
    author = {"type": author_type}
    if author_id:
        author["id"] = author_id
    data = {"id": id_, "conversation_id": conversation_id, "author": author, "body": body}
    data["created_at"] = created_at
    if usage:
        data["usage"] = json.loads(usage)  # jsonb arrives as text on Django's connection
    return data


def floor_messages(request, conversation_id):
    # The product checks the conversation's workspace through its token; the floor takes it from a
    # parameter, so it costs the same single query.
    return _page(request, MESSAGE_SQL, [request.GET["ws"], conversation_id], False, _message_json)


CONTACT_SQL = (
    "SELECT id, email, name, phone, external_id, attributes, "  # noqa: S608
    f"{_TS.format('created_at')}, {_TS.format('updated_at')}, {_TS.format('last_seen_at')}, {_CURSOR} "
    "FROM contacts_contact WHERE workspace_id = %s"
)


def _contact_json(row) -> dict:
    id_, email, name, phone, external_id, attributes, created_at, updated_at, last_seen_at, _p = row
    data = {"id": id_}
    if email:
        data["email"] = email
    if name:
        data["name"] = name
    if phone:
        data["phone"] = phone
    if external_id:
        data["external_id"] = external_id
    if attributes and attributes != "{}":
        data["attributes"] = json.loads(attributes)  # jsonb arrives as text on Django's connection
    data["created_at"] = created_at
    data["updated_at"] = updated_at
    if last_seen_at:
        data["last_seen_at"] = last_seen_at
    return data


def floor_contacts(request, workspace_id):
    return _page(request, CONTACT_SQL, [workspace_id], True, _contact_json)


class _TypicalList(ListAPIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    filter_backends: list = []


class _NewestFirst(CursorPagination):
    ordering = "-created_at"
    page_size = 25


class _OldestFirst(CursorPagination):
    ordering = "created_at"
    page_size = 25


class TypicalConversationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Conversation
        fields = ("id", "contact", "status", "priority", "subject", "channel", "tags", "assignee",
                  "snoozed_until", "handled_by", "message_count", "last_message_at", "created_at",
                  "updated_at", "closed_at")  # fmt: skip


class TypicalConversationList(_TypicalList):
    serializer_class = TypicalConversationSerializer
    pagination_class = _NewestFirst

    def get_queryset(self):
        return Conversation.objects.for_workspace(self.kwargs["workspace_id"])


class TypicalMessageSerializer(serializers.ModelSerializer):
    class Meta:
        model = Message
        fields = ("id", "conversation", "author_type", "author_id", "body", "usage", "created_at")


class TypicalMessageList(_TypicalList):
    serializer_class = TypicalMessageSerializer
    pagination_class = _OldestFirst

    def get_queryset(self):
        return Message.objects.for_workspace(self.request.GET["ws"]).filter(
            conversation_id=self.kwargs["conversation_id"]
        )


class TypicalContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contact
        fields = ("id", "email", "name", "phone", "external_id", "attributes", "created_at", "updated_at",
                  "last_seen_at")  # fmt: skip


class TypicalContactList(_TypicalList):
    serializer_class = TypicalContactSerializer
    pagination_class = _NewestFirst

    def get_queryset(self):
        return Contact.objects.for_workspace(self.kwargs["workspace_id"])
