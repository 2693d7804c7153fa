from rest_framework import serializers

from leadiosa.api.serializers import ApiSerializer, TimestampField

from .representation import workspace_representation


class WorkspaceSerializer(ApiSerializer):
    id = serializers.CharField()
    name = serializers.CharField()
    status = serializers.ChoiceField(choices=["active", "closed"])
    plan = serializers.CharField(source="plan_id")
    created_at = TimestampField()
    closed_at = TimestampField(required=False)
    purge_after = TimestampField(required=False)

    class Meta:
        optional_fields = ("closed_at", "purge_after")

    def to_representation(self, workspace) -> dict:
        return workspace_representation(workspace)
