"""The floor: a plain Django view that returns the same JSON as GET /api/v1/workspace, without DRF,
authentication, rate limiting or tenancy."""

from django.http import JsonResponse

from apps.workspaces.models import Workspace
from leadiosa.timestamps import format_timestamp


def bare_workspace(request, workspace_id):
    row = Workspace.objects.values("id", "name", "status", "plan_id", "created_at").get(id=workspace_id)
    return JsonResponse(
        {
            "id": row["id"],
            "name": row["name"],
            "status": row["status"],
            "plan": row["plan_id"],
            "created_at": format_timestamp(row["created_at"]),
        }
    )
