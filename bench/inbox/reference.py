"""The two references GET /api/v1/conversations is measured against, over the same table and index.

- `bare_conversations`: the floor for a database-backed list. A plain Django view, no DRF, no auth, no
  rate limit: the same keyset SQL written by hand, the same JSON.
- `TypicalConversationList`: what a straightforward DRF app does: ListAPIView + ModelSerializer +
  CursorPagination (ordering by -created_at), no authentication.
"""

from __future__ import annotations

import base64

from django.db import connection
from django.http import JsonResponse
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer

from apps.conversations.models import Conversation
from leadiosa.timestamps import format_timestamp

COLUMNS = (
    "id, contact_id, status, priority, subject, channel, tags, assignee_id, snoozed_until, handled_by, "
    "message_count, last_message_at, created_at, updated_at, closed_at"
)


def _row_json(row) -> dict:
    (
        id_,
        contact_id,
        status,
        priority,
        subject,
        channel,
        tags,
        assignee_id,
        snoozed_until,
        handled_by,
        message_count,
        last_message_at,
        created_at,
        updated_at,
        closed_at,
    ) = row
    data = {"id": id_, "contact_id": contact_id, "status": status, "priority": priority}
    if subject:
        data["subject"] = subject
    data["channel"] = channel
    if tags:
        data["tags"] = tags
    if assignee_id:
        data["assignee_id"] = assignee_id
    if snoozed_until:
        data["snoozed_until"] = format_timestamp(snoozed_until)
    data["handled_by"] = handled_by
    data["message_count"] = message_count
    if last_message_at:
        data["last_message_at"] = format_timestamp(last_message_at)
    data["created_at"] = format_timestamp(created_at)
    data["updated_at"] = format_timestamp(updated_at)
    if closed_at:
        data["closed_at"] = format_timestamp(closed_at)
    return data


def bare_cursor(created_at, id_) -> str:
    return base64.urlsafe_b64encode(f"{created_at.isoformat()}|{id_}".encode()).decode()


def bare_conversations(request, workspace_id):
    limit = min(max(int(request.GET.get("limit", 25)), 1), 100)
    after = request.GET.get("after")
    sql = f"SELECT {COLUMNS} FROM conversations_conversation WHERE workspace_id = %s"  # noqa: S608 - constant
    params: list = [workspace_id]
    if after:
        created_at, last_id = base64.urlsafe_b64decode(after).decode().split("|", 1)
        sql += " AND (created_at, id) < (%s, %s)"
        params += [created_at, last_id]
    sql += " ORDER BY created_at DESC, id DESC LIMIT %s"
    params.append(limit + 1)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    has_more = len(rows) > limit
    rows = rows[:limit]
    pagination = {"has_more": has_more}
    if has_more:
        pagination["next_cursor"] = bare_cursor(rows[-1][12], rows[-1][0])
    return JsonResponse({"data": [_row_json(r) for r in rows], "pagination": pagination})


class TypicalConversationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Conversation
        fields = (
            "id",
            "contact",
            "status",
            "priority",
            "subject",
            "channel",
            "tags",
            "assignee",
            "snoozed_until",
            "handled_by",
            "message_count",
            "last_message_at",
            "created_at",
            "updated_at",
            "closed_at",
        )


class TypicalCursorPagination(CursorPagination):
    ordering = "-created_at"
    page_size = 25


class TypicalConversationList(ListAPIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    filter_backends: list = []
    serializer_class = TypicalConversationSerializer
    pagination_class = TypicalCursorPagination

    def get_queryset(self):
        return Conversation.all_workspaces.filter(workspace_id=self.kwargs["workspace_id"])
