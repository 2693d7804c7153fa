"""The subscription as the API shows it: {plan, status, billing_cycle, current_period_start/end,
rate_limit_per_minute, ai_tokens}. A plain function (services and events use it without DRF);
`SubscriptionSerializer` describes it for the spec and delegates."""

from __future__ import annotations

from leadiosa.timestamps import format_timestamp


def subscription_data(*, subscription, period, plan) -> dict:
    return {
        "plan": {"id": plan.id, "name": plan.name},
        "status": subscription.status,
        "billing_cycle": subscription.billing_cycle,
        "current_period_start": format_timestamp(subscription.current_period_start),
        "current_period_end": format_timestamp(subscription.current_period_end),
        "rate_limit_per_minute": plan.rate_limit_per_minute,
        "ai_tokens": {
            "included": period.ai_tokens_included,
            "used": period.ai_tokens_used,
            "remaining": period.ai_tokens_remaining,
        },
    }
