from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from leadiosa.api.views import WorkspaceAPIView
from leadiosa.representation import row_by_pk
from leadiosa.tenancy import current_workspace_id

from .models import Workspace
from .representation import WORKSPACE, workspace_data
from .serializers import WorkspaceSerializer


class WorkspaceDetailView(WorkspaceAPIView):
    """The token's workspace."""

    @extend_schema(responses=WorkspaceSerializer, operation_id="workspace_retrieve", tags=["workspace"])
    def get(self, request):
        # The workspace in scope (never a tenant door: its id comes from the token), read with its SQL
        # written out once: no queryset is built per request on this hot path.
        return Response(workspace_data(row_by_pk(Workspace, WORKSPACE, current_workspace_id())))
