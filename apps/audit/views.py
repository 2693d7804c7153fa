"""GET /audit (list, detail) and GET /audit/export (streamed). Admin role and above."""

from __future__ import annotations

from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins
from rest_framework.negotiation import DefaultContentNegotiation

from leadiosa.api.errors import ApiError
from leadiosa.api.views import WorkspaceAPIView, WorkspaceViewSet
from leadiosa.context import SOURCES
from leadiosa.events import emit
from leadiosa.tenancy import current_workspace_id

from .export import csv_stream, jsonl_stream
from .models import ENTRY_FIELDS
from .selectors import audit_entries_filtered
from .serializers import AuditEntrySerializer

FILTER_PARAMETERS = [
    OpenApiParameter("action", str, description="Exact action, e.g. `conversation.updated`."),
    OpenApiParameter("actor_id", str, description="`tok_…` or `usr_…`."),
    OpenApiParameter("resource_type", str),
    OpenApiParameter("resource_id", str),
    OpenApiParameter(
        "source",
        str,
        enum=list(SOURCES),
        description="Only entries of changes that came through this door, e.g. `dashboard`.",
    ),
    OpenApiParameter("created_after", OpenApiTypes.DATETIME),
    OpenApiParameter("created_before", OpenApiTypes.DATETIME),
]


class AuditEntryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, WorkspaceViewSet):
    """The workspace's audit log, newest first."""

    serializer_class = AuditEntrySerializer
    read_role = "admin"
    write_role = "admin"
    not_found_code = "audit_entry_not_found"
    resource_label = "Audit entry"

    def scoped_queryset(self):
        if self.action == "list":
            return audit_entries_filtered(self.request.query_params).only(*ENTRY_FIELDS)
        return audit_entries_filtered({}).only(*ENTRY_FIELDS)

    @extend_schema(parameters=FILTER_PARAMETERS, operation_id="audit_list", tags=["audit"])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(operation_id="audit_retrieve", tags=["audit"])
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


class _IgnoreFormatParameter(DefaultContentNegotiation):
    """`?format=` is the export's own parameter here, not DRF's renderer override."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


EXPORT_FORMATS = {"jsonl": "application/x-ndjson; charset=utf-8", "csv": "text/csv; charset=utf-8"}
EXPORT_CHUNK_ROWS = 2000


class AuditExportView(WorkspaceAPIView):
    """The whole filtered range as JSON lines or CSV, oldest first, streamed in constant memory.

    Rows come from a server-side cursor (`.iterator()`, fetched `EXPORT_CHUNK_ROWS` at a time) and go out
    as they are read, so memory does not grow with the range. The response body is produced after the
    view returns (and after the tenant scope is left): the queryset is built, already filtered to this
    workspace, before then. The export is audited (`audit.exported`) before the first byte is sent.
    """

    read_role = "admin"
    write_role = "admin"
    content_negotiation_class = _IgnoreFormatParameter

    @extend_schema(
        operation_id="audit_export",
        tags=["audit"],
        parameters=[
            OpenApiParameter("format", str, enum=list(EXPORT_FORMATS), default="jsonl"),
            *FILTER_PARAMETERS,
        ],
        responses={
            (200, "application/x-ndjson"): OpenApiResponse(OpenApiTypes.STR, description="JSON lines."),
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV with a header line."),
        },
    )
    def get(self, request):
        fmt = request.query_params.get("format") or "jsonl"
        if fmt not in EXPORT_FORMATS:
            raise ApiError(400, "invalid_parameter", "format must be 'jsonl' or 'csv'.", param="format")
        queryset = audit_entries_filtered(request.query_params)
        workspace_id = current_workspace_id()
        emit("audit.exported", workspace_id=workspace_id, resource_type="audit_log", resource_id=workspace_id)
        rows = (
            queryset.order_by("created_at", "id")
            .values_list(*ENTRY_FIELDS)
            .iterator(chunk_size=EXPORT_CHUNK_ROWS)
        )
        body = jsonl_stream(rows) if fmt == "jsonl" else csv_stream(rows)
        response = StreamingHttpResponse(body, content_type=EXPORT_FORMATS[fmt])
        response["Content-Disposition"] = f'attachment; filename="audit-{workspace_id}.{fmt}"'
        response["Cache-Control"] = "no-store"
        return response
