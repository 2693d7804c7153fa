from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from leadiosa.api.views import WorkspaceAPIView

from .serializers import WorkspaceSerializer


class WorkspaceDetailView(WorkspaceAPIView):
    """The token's workspace."""

    @extend_schema(responses=WorkspaceSerializer, operation_id="workspace_retrieve", tags=["workspace"])
    def get(self, request):
        # The token's workspace, as read with the token (see TokenContext.workspace): no query here.
        return Response(request.auth.workspace)
