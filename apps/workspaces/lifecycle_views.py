"""/workspace/archive-status, /workspace/archive, /workspace/close, /workspace/restore and the signed
archive download. POSTs need the owner role."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.files.storage import default_storage
from django.http import FileResponse
from django.urls import reverse
from django.utils.http import urlencode
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from leadiosa.api.errors import ApiError
from leadiosa.api.serializers import ApiSerializer, StrictInputSerializer, TimestampField
from leadiosa.api.views import WorkspaceAPIView
from leadiosa.events import emit
from leadiosa.tenancy import current_workspace_id

from . import lifecycle
from .serializers import WorkspaceSerializer


class ArchiveStatusSerializer(ApiSerializer):
    status = serializers.ChoiceField(
        choices=["none", "building", "ready", "failed"],
        help_text="`none` (no archive was ever requested), `building`, `ready` (downloadable) or `failed`.",
    )
    requested_at = TimestampField(
        required=False, help_text="When it was requested (UTC); omitted with `none`."
    )
    completed_at = TimestampField(
        required=False, help_text="When it was finished (UTC); present once `ready` or `failed`."
    )
    size_bytes = serializers.IntegerField(
        required=False, help_text="The zip file's size in bytes; present once `ready`."
    )
    download_url = serializers.URLField(
        required=False, help_text="Signed and expiring; shown to owners only, when the archive is ready."
    )
    expires_at = TimestampField(required=False, help_text="When download_url stops working.")


class NoBodySerializer(StrictInputSerializer):
    """These actions take no fields: anything sent is refused (no mass assignment)."""


def _no_body(request) -> None:
    NoBodySerializer(data=request.data if request.data else {}).is_valid(raise_exception=True)


def _status_body(request, archive) -> dict:
    download = None
    if request.auth.role == "owner":

        def download(token: str) -> str:
            path = reverse("workspace-archive-download") + "?" + urlencode({"signature": token})
            return settings.PUBLIC_BASE_URL + path  # never the request's Host header

    return lifecycle.archive_status_representation(archive, download_url_for=download)


class ArchiveStatusView(WorkspaceAPIView):
    """The newest archive of the workspace. Every role sees its status; only owners get the link."""

    @extend_schema(
        responses=ArchiveStatusSerializer, operation_id="workspace_archive_status", tags=["workspace"]
    )
    def get(self, request):
        archive = lifecycle.archive_latest(workspace_id=current_workspace_id())
        return Response(_status_body(request, archive))


class ArchiveRequestView(WorkspaceAPIView):
    """Build a full export (every resource as JSON lines, zipped) in the background."""

    write_role = "owner"
    action = "archive"
    allowed_when_closed = ("archive",)  # exporting changes nothing: a closed workspace may export

    @extend_schema(
        request=None,
        responses={202: ArchiveStatusSerializer},
        operation_id="workspace_archive_create",
        tags=["workspace"],
    )
    def post(self, request):
        _no_body(request)
        archive = lifecycle.archive_request(workspace_id=current_workspace_id())
        archive.refresh_from_db()  # the build may already have run (tasks run in-process without Redis)
        return Response(_status_body(request, archive), status=status.HTTP_202_ACCEPTED)


class WorkspaceCloseView(WorkspaceAPIView):
    """Close: writes answer 409 workspace_closed, reads still work, everything is purged after 30 days."""

    write_role = "owner"
    action = "close"

    @extend_schema(
        request=None, responses=WorkspaceSerializer, operation_id="workspace_close", tags=["workspace"]
    )
    def post(self, request):
        _no_body(request)
        workspace = lifecycle.workspace_close(workspace_id=current_workspace_id())
        return Response(WorkspaceSerializer(workspace).data)


class WorkspaceRestoreView(WorkspaceAPIView):
    """Reopen a closed workspace within its 30-day grace."""

    write_role = "owner"
    action = "restore"
    allowed_when_closed = ("restore",)

    @extend_schema(
        request=None, responses=WorkspaceSerializer, operation_id="workspace_restore", tags=["workspace"]
    )
    def post(self, request):
        _no_body(request)
        workspace = lifecycle.workspace_restore(workspace_id=current_workspace_id())
        return Response(WorkspaceSerializer(workspace).data)


class ArchiveDownloadView(APIView):
    """The archive itself. The signed, expiring `signature` is the credential: no token needed, so the
    link works in a browser or with curl."""

    authentication_classes = ()
    permission_classes = (AllowAny,)

    @extend_schema(
        auth=[],
        parameters=[OpenApiParameter("signature", str, required=True, description="From archive-status.")],
        responses={
            (200, "application/zip"): OpenApiResponse(OpenApiTypes.BINARY, description="The zip."),
            404: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="`archive_not_found`: replaced by a newer archive, or purged.",
            ),
        },
        operation_id="workspace_archive_download",
        tags=["workspace"],
    )
    def get(self, request):
        token = request.query_params.get("signature", "")
        try:
            archive = lifecycle.archive_from_download_token(token) if token else None
        except signing.SignatureExpired:
            raise ApiError(403, "download_url_expired", "This download link has expired.") from None
        except signing.BadSignature:
            raise ApiError(403, "invalid_signature", "This download link is not valid.") from None
        if not token:
            raise ApiError(
                400, "invalid_parameter", "The signature parameter is required.", param="signature"
            )
        if archive is None or not default_storage.exists(archive.file_name):
            raise ApiError(404, "archive_not_found", "This archive no longer exists.")
        # Exports are audited (CONTRACT §2): whoever holds the link, from which address, with this request id.
        emit(
            "workspace.archive.downloaded",
            workspace_id=archive.workspace_id,
            resource_type="workspace_archive",
            resource_id=str(archive.pk),
        )
        filename = f"{archive.workspace_id}-archive-{archive.completed_at:%Y%m%d%H%M%S}.zip"
        return FileResponse(
            default_storage.open(archive.file_name, "rb"),
            as_attachment=True,
            filename=filename,
            content_type="application/zip",
        )
