from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from leadiosa.api.serializers import StrictInputSerializer
from leadiosa.api.views import WorkspaceAPIView
from leadiosa.tenancy import current_workspace_id

from .serializers import WidgetSerializer, WidgetUpdateSerializer, WidgetWithSecretSerializer
from .services import widget_secret_rotate, widget_settings_get, widget_settings_update


class WidgetView(WorkspaceAPIView):
    """The chat widget's settings (admin and owner)."""

    read_role = "admin"
    write_role = "admin"

    @extend_schema(responses=WidgetSerializer, operation_id="widget_retrieve", tags=["channels"])
    def get(self, request):
        return Response(WidgetSerializer(widget_settings_get(workspace_id=current_workspace_id())).data)

    @extend_schema(
        request=WidgetUpdateSerializer,
        responses=WidgetSerializer,
        operation_id="widget_partial_update",
        tags=["channels"],
    )
    def patch(self, request):
        body = WidgetUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = widget_settings_update(workspace_id=current_workspace_id(), changes=body.validated_data)
        return Response(WidgetSerializer(data).data)


class WidgetSecretView(WorkspaceAPIView):
    """A new identity-verification secret (admin and owner), shown once."""

    read_role = "admin"
    write_role = "admin"

    @extend_schema(
        request=None,
        responses={200: WidgetWithSecretSerializer},
        operation_id="widget_rotate_secret",
        tags=["channels"],
    )
    def post(self, request):
        StrictInputSerializer(data=request.data).is_valid(raise_exception=True)  # takes no fields
        workspace_id = current_workspace_id()
        secret = widget_secret_rotate(workspace_id)
        data = {**widget_settings_get(workspace_id=workspace_id), "identity_secret": secret}
        return Response(WidgetWithSecretSerializer(data).data)
