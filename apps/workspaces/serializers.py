from rest_framework import serializers

from leadiosa.api.serializers import ApiSerializer, TimestampField

from .representation import workspace_representation


class WorkspaceSerializer(ApiSerializer):
    id = serializers.CharField(help_text="The workspace's id (`ws_…`).")
    name = serializers.CharField(help_text="Its display name.")
    status = serializers.ChoiceField(
        choices=["active", "closed"],
        help_text="`closed` after `POST /workspace/close`: reads work, writes answer 409 `workspace_closed`.",
    )
    plan = serializers.CharField(
        source="plan_id", help_text="The plan's id, e.g. `team` (see `GET /billing/subscription`)."
    )
    created_at = TimestampField(help_text="When the workspace was created (UTC, `YYYY-MM-DDTHH:MM:SS.mmmZ`).")
    closed_at = TimestampField(
        required=False, help_text="When it was closed (UTC); present only while closed."
    )
    purge_after = TimestampField(
        required=False,
        help_text="When a closed workspace and all its data are erased for good (UTC, 30 days after closing); "
        "present only while closed. `POST /workspace/restore` before then reopens it.",
    )

    class Meta:
        optional_fields = ("closed_at", "purge_after")

    def to_representation(self, workspace) -> dict:
        return workspace_representation(workspace)
