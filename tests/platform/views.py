"""Test-only endpoints that exercise the platform's request path without any product app."""

import time
from datetime import date

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from apps.workspaces.models import Member, Workspace
from apps.workspaces.services import member_ensure
from leadiosa.api.deprecation import Deprecation, mark
from leadiosa.api.serializers import ApiSerializer, StrictInputSerializer, TimestampField
from leadiosa.api.views import WorkspaceAPIView, WorkspaceViewSet
from leadiosa.tenancy import current_workspace_id


class MemberOut(ApiSerializer):
    id = serializers.CharField()
    role = serializers.CharField()
    user_id = serializers.CharField()
    created_at = TimestampField()
    nickname = serializers.CharField(required=False, default=None)

    class Meta:
        optional_fields = ("nickname",)


class AddressIn(StrictInputSerializer):
    city = serializers.CharField(max_length=20)


class MemberIn(StrictInputSerializer):
    email = serializers.EmailField()
    role = serializers.ChoiceField(choices=["owner", "admin", "agent"], default="agent")
    address = AddressIn(required=False)
    since = TimestampField(required=False)
    slow = serializers.BooleanField(default=False)
    explode = serializers.BooleanField(default=False)


class MemberViewSet(WorkspaceViewSet):
    """Lists and creates members: enough to test pagination, validation, roles and idempotency."""

    not_found_code = "member_not_found"
    resource_label = "Member"
    write_role = "admin"
    serializer_class = MemberOut  # what the spec describes, so its list takes limit and after

    def scoped_queryset(self):
        return Member.objects.all()

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(MemberOut(page, many=True).data)

    def retrieve(self, request, pk=None):
        return Response(MemberOut(self.get_object()).data)

    # `x` does nothing: the idempotency tests vary it (another query string is another request).
    @extend_schema(parameters=[OpenApiParameter("x", int)])
    def create(self, request):
        payload = MemberIn(data=request.data)
        payload.is_valid(raise_exception=True)
        if payload.validated_data["slow"]:
            time.sleep(0.5)
        if payload.validated_data["explode"]:
            raise RuntimeError("the handler died")
        workspace = Workspace.objects.get(id=current_workspace_id())
        member = member_ensure(
            workspace=workspace, email=payload.validated_data["email"], role=payload.validated_data["role"]
        )
        body = MemberOut(member).data
        if "since" in payload.validated_data:
            body["since"] = payload.validated_data["since"].isoformat()
        return Response(body, status=201)


class CrashView(WorkspaceAPIView):
    def get(self, request):
        raise RuntimeError("SELECT secret FROM tokens -- this text must never reach a client")


class LegacyView(WorkspaceAPIView):
    deprecated = Deprecation(feature="GET /api/v1/_test/legacy", sunset=date(2027, 6, 30))

    def get(self, request):
        return Response({"ok": True})


class LegacyParamView(WorkspaceAPIView):
    @extend_schema(parameters=[OpenApiParameter("sort", str)])  # the query parameter it takes
    def get(self, request):
        if "sort" in request.query_params:
            mark(request, Deprecation(feature="GET /api/v1/_test/param?sort", sunset=date(2027, 3, 1)))
        return Response({"ok": True})
