"""Reads of subscriptions and usage. A read never writes: periods roll over in the beat task
(`roll_over_billing_periods`) and when usage is recorded; until then a read computes the period that
contains now, with zero usage, without persisting it."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from apps.workspaces.models import Workspace

from .models import Subscription, UsagePeriod
from .services import period_bounds


def subscription_current(*, workspace_id: str, now: datetime | None = None) -> dict:
    """{"subscription", "period", "plan"} of the workspace as it stands at `now`, as
    SubscriptionSerializer wants. Three queries; no row is created or changed."""
    now = now or timezone.now()
    workspace = Workspace.objects.select_related("plan").only("id", "created_at", "plan").get(id=workspace_id)
    plan = workspace.plan
    subscription = Subscription.objects.for_workspace(workspace_id).first()
    if subscription is None:  # created by the workspace.created sink; a read shows the default meanwhile
        anchor = min(workspace.created_at, now)
        subscription = Subscription(workspace_id=workspace_id, anchor_at=anchor)
        subscription.current_period_start, subscription.current_period_end = period_bounds(
            anchor, Subscription.Cycle.MONTHLY, now
        )
    elif not subscription.current_period_start <= now < subscription.current_period_end:
        subscription.current_period_start, subscription.current_period_end = period_bounds(
            subscription.anchor_at, subscription.billing_cycle, now
        )
    period = (
        UsagePeriod.objects.for_workspace(workspace_id)
        .filter(period_start__lte=now, period_end__gt=now)
        .order_by("-period_start")
        .first()
    )
    if period is None:  # the period has not been rolled over yet: nothing used in it
        period = UsagePeriod(
            workspace_id=workspace_id,
            plan=plan,
            period_start=subscription.current_period_start,
            period_end=subscription.current_period_end,
            ai_tokens_included=plan.ai_tokens_included,
        )
    elif period.plan_id != plan.id or period.ai_tokens_included != plan.ai_tokens_included:
        period.plan, period.ai_tokens_included = (
            plan,
            plan.ai_tokens_included,
        )  # the plan changed: shown as is
    return {"subscription": subscription, "period": period, "plan": plan}
