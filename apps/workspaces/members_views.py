"""GET /members, GET /members/{id} and GET /me (CONTRACT §2 "members and me"): every role may read.

Integrators use `user_id` from here as a conversation's `assignee_id`.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from leadiosa.api.serializers import ApiSerializer, TimestampField
from leadiosa.api.views import WorkspaceAPIView, WorkspaceViewSet

from .models import ApiToken, Member

MEMBER_EXAMPLE = {
    "id": "mem_2x4Lq8ZtVb7hK1mNcP0sRwYe",
    "user_id": "usr_8GfT2kLmQz4xNb6VhR1sDcWp",
    "name": "Grace Hopper",
    "email": "grace@example.com",
    "role": "admin",
    "created_at": "2026-05-12T07:28:25.901Z",
}


class MemberSerializer(ApiSerializer):
    id = serializers.CharField(help_text="The membership's id (`mem_…`).")
    user_id = serializers.CharField(
        help_text="The person's user id (`usr_…`): what a conversation's `assignee_id` takes, and a note's "
        "or a message's author id."
    )
    name = serializers.CharField(
        source="user.get_full_name", required=False, help_text="Full name; omitted when the user has none."
    )
    email = serializers.EmailField(source="user.email", help_text="The user's sign-in e-mail address.")
    role = serializers.ChoiceField(
        choices=["owner", "admin", "agent"],
        help_text="`agent` (conversations, contacts), `admin` (also settings, webhooks, knowledge, audit) or "
        "`owner` (also archive, close and billing).",
    )
    created_at = TimestampField(
        help_text="When the person joined the workspace (UTC, `YYYY-MM-DDTHH:MM:SS.mmmZ`)."
    )

    class Meta:
        optional_fields = ("name",)


class MeTokenSerializer(ApiSerializer):
    id = serializers.CharField(help_text="The calling token's id (`tok_…`), never its secret.")
    name = serializers.CharField(required=False, help_text="The name it was given; omitted when none.")
    role = serializers.ChoiceField(
        choices=["owner", "admin", "agent"],
        help_text="Its effective role: the role it was minted with, lowered to its member's current role.",
    )
    scope = serializers.ChoiceField(
        choices=["read_write", "read"], help_text="`read` tokens may only read: every write answers 403."
    )
    expires_at = TimestampField(
        required=False, help_text="When it stops working (UTC); omitted for a token that never expires."
    )

    class Meta:
        optional_fields = ("name", "expires_at")


class MeWorkspaceSerializer(ApiSerializer):
    id = serializers.CharField(help_text="The workspace's id (`ws_…`).")
    name = serializers.CharField(help_text="Its display name.")


class MeSerializer(ApiSerializer):
    member = MemberSerializer(help_text="The member the token belongs to.")
    token = MeTokenSerializer(help_text="The calling token.")
    workspace = MeWorkspaceSerializer(help_text="The token's workspace.")


def _members():
    return Member.objects.select_related("user").only(
        "id",
        "workspace_id",
        "user_id",
        "role",
        "created_at",
        "user__email",
        "user__first_name",
        "user__last_name",
    )


@extend_schema(tags=["members"])
class MemberViewSet(WorkspaceViewSet):
    """The members of the token's workspace (every role)."""

    read_role = "agent"
    write_role = "owner"
    not_found_code = "member_not_found"
    resource_label = "Member"
    serializer_class = MemberSerializer

    def scoped_queryset(self):
        return _members()

    @extend_schema(
        operation_id="members_list",
        summary="List the workspace's members",
        description="Every member of the workspace, newest first. `user_id` is what `assignee_id` takes.",
        responses=MemberSerializer(many=True),
    )
    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(MemberSerializer(page, many=True).data)

    @extend_schema(
        operation_id="members_retrieve",
        summary="Retrieve a member",
        responses=MemberSerializer,
        examples=[OpenApiExample("A member", value=MEMBER_EXAMPLE, response_only=True)],
    )
    def retrieve(self, request, pk=None):
        return Response(MemberSerializer(self.get_object()).data)


class MeView(WorkspaceAPIView):
    """The calling token: its member, the token itself and its workspace."""

    read_role = "agent"
    write_role = "owner"

    @extend_schema(
        operation_id="me_retrieve",
        summary="Who is calling",
        description="The member behind the calling token, the token (its effective role: never above "
        "the member's current role) and the workspace.",
        responses=MeSerializer,
        tags=["members"],
        examples=[
            OpenApiExample(
                "An admin's read-write token",
                value={
                    "member": MEMBER_EXAMPLE,
                    "token": {
                        "id": "tok_5RkW1nQx8ZbT3mLcVh7sPdYe",
                        "name": "CRM sync",
                        "role": "admin",
                        "scope": "read_write",
                    },
                    "workspace": {"id": "ws_9QpL2mVx7ZkT4bNcRh1sWdYe", "name": "Acme"},
                },
                response_only=True,
            )
        ],
    )
    def get(self, request):
        ctx = request.auth
        member = _members().get(user_id=ctx.user_id)
        token = ApiToken.objects.only("id", "name", "scope", "expires_at").get(id=ctx.token_id)
        # The workspace as read with the token (TokenContext.workspace): no query of its own.
        workspace = {"id": ctx.workspace["id"], "name": ctx.workspace["name"]}
        return Response(
            MeSerializer(
                {
                    "member": member,
                    "token": {
                        "id": token.id,
                        "name": token.name,
                        "role": ctx.role,
                        "scope": token.scope,
                        "expires_at": token.expires_at,
                    },
                    "workspace": workspace,
                }
            ).data
        )
