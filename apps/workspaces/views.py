from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from leadiosa.api.views import WorkspaceAPIView
from leadiosa.tenancy import current_workspace_id

from .models import Workspace
from .serializers import WorkspaceSerializer


class WorkspaceDetailView(WorkspaceAPIView):
    """The token's workspace."""

    @extend_schema(responses=WorkspaceSerializer, operation_id="workspace_retrieve", tags=["workspace"])
    def get(self, request):
        workspace = Workspace.objects.only(
            "id", "name", "status", "plan_id", "created_at", "closed_at", "purge_after"
        ).get(id=current_workspace_id())
        return Response(WorkspaceSerializer(workspace).data)
