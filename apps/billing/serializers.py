from rest_framework import serializers

from leadiosa.api.serializers import ApiSerializer, TimestampField

from .representation import subscription_data


class PlanRefSerializer(ApiSerializer):
    id = serializers.CharField(help_text="The plan's stable id, e.g. `team` (the workspace's `plan`).")
    name = serializers.CharField(help_text="The plan's display name, e.g. `Team`.")


class AiTokensSerializer(ApiSerializer):
    included = serializers.IntegerField(
        source="ai_tokens_included", help_text="Model tokens the plan includes per billing period."
    )
    used = serializers.IntegerField(
        source="ai_tokens_used", help_text="Model tokens the assistant used so far this period."
    )
    remaining = serializers.IntegerField(
        source="ai_tokens_remaining",
        help_text="`included` − `used`, never below 0. At 0 the assistant hands conversations to your team "
        "(`ai_quota_exceeded`).",
    )


class SubscriptionSerializer(ApiSerializer):
    """Renders {"subscription", "period", "plan"}: the subscription with its current period's usage."""

    plan = PlanRefSerializer(help_text="The workspace's plan.")
    status = serializers.ChoiceField(
        choices=["trialing", "active", "past_due", "canceled"],
        source="subscription.status",
        help_text="`trialing`, `active`, `past_due` (a payment failed; service continues while it is retried) "
        "or `canceled`.",
    )
    billing_cycle = serializers.ChoiceField(
        choices=["monthly", "yearly"],
        source="subscription.billing_cycle",
        help_text="How often it is billed.",
    )
    current_period_start = TimestampField(
        source="subscription.current_period_start", help_text="When the current billing period began (UTC)."
    )
    current_period_end = TimestampField(
        source="subscription.current_period_end",
        help_text="When it ends (UTC): the AI token allowance renews then.",
    )
    rate_limit_per_minute = serializers.IntegerField(
        source="plan.rate_limit_per_minute",
        help_text="API requests each token may make per minute (`X-RateLimit-Limit`).",
    )
    ai_tokens = AiTokensSerializer(source="period", help_text="AI token usage of the current period.")

    def to_representation(self, instance) -> dict:
        return subscription_data(**instance)
