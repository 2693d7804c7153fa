from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from leadiosa.api.views import WorkspaceAPIView
from leadiosa.tenancy import current_workspace_id

from .selectors import subscription_current
from .serializers import SubscriptionSerializer


class SubscriptionView(WorkspaceAPIView):
    """The workspace's plan, billing period and AI token usage (admin and owner)."""

    read_role = "admin"
    write_role = "owner"

    @extend_schema(
        responses=SubscriptionSerializer, operation_id="billing_subscription_retrieve", tags=["billing"]
    )
    def get(self, request):
        return Response(
            SubscriptionSerializer(subscription_current(workspace_id=current_workspace_id())).data
        )
