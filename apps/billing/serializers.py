from rest_framework import serializers

from leadiosa.api.serializers import ApiSerializer, TimestampField

from .representation import subscription_data


class PlanRefSerializer(ApiSerializer):
    id = serializers.CharField()
    name = serializers.CharField()


class AiTokensSerializer(ApiSerializer):
    included = serializers.IntegerField(source="ai_tokens_included")
    used = serializers.IntegerField(source="ai_tokens_used")
    remaining = serializers.IntegerField(source="ai_tokens_remaining")


class SubscriptionSerializer(ApiSerializer):
    """Renders {"subscription", "period", "plan"}: the subscription with its current period's usage."""

    plan = PlanRefSerializer()
    status = serializers.ChoiceField(
        choices=["trialing", "active", "past_due", "canceled"], source="subscription.status"
    )
    billing_cycle = serializers.ChoiceField(
        choices=["monthly", "yearly"], source="subscription.billing_cycle"
    )
    current_period_start = TimestampField(source="subscription.current_period_start")
    current_period_end = TimestampField(source="subscription.current_period_end")
    rate_limit_per_minute = serializers.IntegerField(source="plan.rate_limit_per_minute")
    ai_tokens = AiTokensSerializer(source="period")

    def to_representation(self, instance) -> dict:
        return subscription_data(**instance)
