"""Reads of subscriptions and usage."""

from __future__ import annotations

from apps.workspaces.models import Workspace

from .models import Subscription
from .services import current_period


def subscription_current(*, workspace_id: str) -> dict:
    """{"subscription", "period", "plan"} of the workspace (created lazily), as SubscriptionSerializer wants."""
    period = current_period(workspace_id=workspace_id)
    subscription = Subscription.objects.for_workspace(workspace_id).get()
    plan = Workspace.objects.select_related("plan").get(id=workspace_id).plan
    return {"subscription": subscription, "period": period, "plan": plan}
