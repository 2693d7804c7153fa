from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from leadiosa.api.views import WorkspaceAPIView
from leadiosa.tenancy import current_workspace_id

from .models import Workspace
from .representation import WORKSPACE, workspace_data
from .serializers import WorkspaceSerializer


class WorkspaceDetailView(WorkspaceAPIView):
    """The token's workspace."""

    @extend_schema(responses=WorkspaceSerializer, operation_id="workspace_retrieve", tags=["workspace"])
    def get(self, request):
        row = WORKSPACE.values(Workspace.objects.filter(id=current_workspace_id())).get()
        return Response(workspace_data(row))
