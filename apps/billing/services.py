"""Every write to subscriptions and usage: periods, AI token counting, thresholds, plan changes.

The hot path is `record_ai_usage` (called after every assistant model call): one UPDATE … SET used =
used + n on the current period's row, so concurrent increments never lose a token, and each threshold
(80 %, 100 % of the included tokens) is claimed by a conditional UPDATE (`… WHERE reached_at IS NULL`),
so its event fires exactly once per period whatever the concurrency.
"""

from __future__ import annotations

import calendar
from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone

from apps.workspaces.models import Workspace
from leadiosa.api.auth import forget_tokens_now_and_after_commit
from leadiosa.events import emit
from leadiosa.tenancy import with_workspace

from .models import ModelUsage, Plan, Subscription, UsagePeriod
from .representation import subscription_data

THRESHOLDS = ((80, "threshold_80_reached_at"), (100, "threshold_100_reached_at"))


# -- period arithmetic ------------------------------------------------------------------------------


def add_months(moment: datetime, months: int) -> datetime:
    """`moment` moved by whole months, the day clamped to the month's length (Jan 31 + 1 → Feb 28/29)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def period_bounds(anchor: datetime, cycle: str, now: datetime) -> tuple[datetime, datetime]:
    """The billing period [start, end) that contains `now`, counted from `anchor`."""
    step = 12 if cycle == Subscription.Cycle.YEARLY else 1
    if now < anchor:
        return anchor, add_months(anchor, step)
    # Start from an estimate, then correct: each period is a whole number of months from the anchor
    # (not from the previous period), so clamped days do not drift (Jan 31 → Feb 28 → Mar 31).
    n = ((now.year - anchor.year) * 12 + now.month - anchor.month) // step
    n = max(n, 0)
    while add_months(anchor, n * step) > now:
        n -= 1
    while add_months(anchor, (n + 1) * step) <= now:
        n += 1
    return add_months(anchor, n * step), add_months(anchor, (n + 1) * step)


# -- subscriptions ----------------------------------------------------------------------------------


def subscription_ensure(*, workspace_id: str) -> Subscription:
    """The workspace's subscription, created (active, monthly, anchored at the workspace's creation) when
    missing. Safe under concurrency: the unique constraint decides, the loser reads the winner's row."""
    subscription = Subscription.objects.for_workspace(workspace_id).first()
    if subscription is not None:
        return subscription
    workspace = Workspace.objects.only("id", "created_at").get(id=workspace_id)
    now = timezone.now()
    anchor = min(workspace.created_at, now)
    start, end = period_bounds(anchor, Subscription.Cycle.MONTHLY, now)
    with transaction.atomic():
        subscription, created = Subscription.objects.for_workspace(workspace_id).get_or_create(
            workspace_id=workspace_id,
            defaults={
                "anchor_at": anchor,
                "current_period_start": start,
                "current_period_end": end,
            },
        )
        if created:
            emit(
                "subscription.created",
                workspace_id=workspace_id,
                resource_type="subscription",
                resource_id=workspace_id,
                changes=["status", "billing_cycle", "current_period_start", "current_period_end"],
            )
    return subscription


def subscription_on_workspace_created(event) -> None:
    """Event sink: a new workspace gets its subscription in the same transaction."""
    if event.type == "workspace.created":
        subscription_ensure(workspace_id=event.workspace_id)


def _period_ensure(*, subscription: Subscription, plan: Plan) -> UsagePeriod:
    period, _ = UsagePeriod.objects.for_workspace(subscription.workspace_id).get_or_create(
        workspace_id=subscription.workspace_id,
        period_start=subscription.current_period_start,
        defaults={
            "period_end": subscription.current_period_end,
            "plan": plan,
            "ai_tokens_included": plan.ai_tokens_included,
        },
    )
    return period


@transaction.atomic
def subscription_roll_over(*, workspace_id: str, now: datetime | None = None) -> UsagePeriod:
    """Move the subscription to the period containing `now` and make sure that period's usage row exists.

    Usage starts at zero in the new period; earlier periods stay as history. Locks the subscription, so
    the beat task and a lazy roll-over from record_ai_usage cannot both advance it.
    """
    now = now or timezone.now()
    subscription_ensure(workspace_id=workspace_id)
    subscription = Subscription.objects.for_workspace(workspace_id).select_for_update().get()
    plan = Workspace.objects.select_related("plan").only("plan").get(id=workspace_id).plan
    if subscription.current_period_end <= now or subscription.current_period_start > now:
        previous = {
            "current_period_start": subscription.current_period_start,
            "current_period_end": subscription.current_period_end,
        }
        start, end = period_bounds(subscription.anchor_at, subscription.billing_cycle, now)
        subscription.current_period_start, subscription.current_period_end = start, end
        subscription.save(update_fields=["current_period_start", "current_period_end", "updated_at"])
        period = _period_ensure(subscription=subscription, plan=plan)
        with with_workspace(workspace_id):
            emit(
                "subscription.renewed",
                workspace_id=workspace_id,
                resource_type="subscription",
                resource_id=workspace_id,
                data=subscription_representation(subscription=subscription, period=period, plan=plan),
                previous_attributes={k: v.isoformat() for k, v in previous.items()},
                changes=["current_period_start", "current_period_end"],
            )
        return period
    return _period_ensure(subscription=subscription, plan=plan)


def current_period(*, workspace_id: str, now: datetime | None = None) -> UsagePeriod:
    """The usage row of the period containing now (rolled over / created lazily when missing)."""
    now = now or timezone.now()
    period = (
        UsagePeriod.objects.for_workspace(workspace_id)
        .filter(period_start__lte=now, period_end__gt=now)
        .select_related("workspace__plan")
        .order_by("-period_start")
        .first()
    )
    if period is None:
        return subscription_roll_over(workspace_id=workspace_id, now=now)
    plan = period.workspace.plan
    if period.plan_id != plan.id or period.ai_tokens_included != plan.ai_tokens_included:
        # The plan changed (API service, or the workspace admin page): the current period's allowance
        # follows; past periods keep theirs.
        UsagePeriod.objects.for_workspace(workspace_id).filter(id=period.id).update(
            plan=plan, ai_tokens_included=plan.ai_tokens_included
        )
        period.plan, period.ai_tokens_included = plan, plan.ai_tokens_included
    return period


def roll_over_due_subscriptions(*, now: datetime | None = None, batch_size: int = 500) -> int:
    """Roll over every subscription whose period has ended (the beat task). Returns how many."""
    now = now or timezone.now()
    count = 0
    due = (
        Subscription.all_workspaces.filter(current_period_end__lte=now)
        .values_list("workspace_id", flat=True)
        .iterator(chunk_size=batch_size)
    )
    for workspace_id in due:
        subscription_roll_over(workspace_id=workspace_id, now=now)
        count += 1
    return count


@transaction.atomic
def subscription_change_plan(*, workspace_id: str, plan_id: str) -> Subscription:
    """Move a workspace to another plan: the current period's allowance follows at once, and the cached
    tokens are dropped so the new rate limit applies from the next request."""
    from apps.workspaces.services import workspace_token_hashes

    plan = Plan.objects.get(id=plan_id)
    workspace = Workspace.objects.select_for_update().get(id=workspace_id)
    previous_plan = workspace.plan_id
    subscription = subscription_ensure(workspace_id=workspace_id)
    if previous_plan != plan.id:
        workspace.plan = plan
        workspace.save(update_fields=["plan", "updated_at"])
        period = current_period(workspace_id=workspace_id)  # follows the new plan
        with with_workspace(workspace_id):
            emit(
                "subscription.updated",
                workspace_id=workspace_id,
                resource_type="subscription",
                resource_id=workspace_id,
                data=subscription_representation(subscription=subscription, period=period, plan=plan),
                previous_attributes={"plan": {"id": previous_plan}},
                changes=["plan"],
            )
        forget_tokens_now_and_after_commit(workspace_token_hashes(workspace_id=workspace_id))
    return subscription


# -- AI usage ---------------------------------------------------------------------------------------


def record_ai_usage(*, workspace_id: str, prompt_tokens: int, completion_tokens: int, model: str) -> None:
    """Add one model call's tokens to the workspace's current period, atomically.

    Creates the subscription and the period lazily. Fires `billing.ai_tokens.threshold_reached` once per
    period at 80 % and once at 100 % of the included tokens (the event's `threshold_percent` says which).
    """
    prompt_tokens, completion_tokens = int(prompt_tokens), int(completion_tokens)
    if prompt_tokens < 0 or completion_tokens < 0:
        raise ValueError("Token counts cannot be negative.")
    total = prompt_tokens + completion_tokens
    now = timezone.now()
    with transaction.atomic():
        period = current_period(workspace_id=workspace_id, now=now)
        table = UsagePeriod._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET ai_tokens_used = ai_tokens_used + %s, "  # noqa: S608 - our table name
                "prompt_tokens = prompt_tokens + %s, completion_tokens = completion_tokens + %s "
                "WHERE id = %s RETURNING ai_tokens_used, ai_tokens_included",
                [total, prompt_tokens, completion_tokens, period.id],
            )
            used, included = cursor.fetchone()
            cursor.execute(
                f"INSERT INTO {ModelUsage._meta.db_table} "  # noqa: S608 - our table name
                "(workspace_id, period_id, model, prompt_tokens, completion_tokens, calls) "
                "VALUES (%s, %s, %s, %s, %s, 1) "
                "ON CONFLICT (period_id, model) DO UPDATE SET "
                "prompt_tokens = EXCLUDED.prompt_tokens + "
                f"{ModelUsage._meta.db_table}.prompt_tokens, "
                "completion_tokens = EXCLUDED.completion_tokens + "
                f"{ModelUsage._meta.db_table}.completion_tokens, "
                f"calls = {ModelUsage._meta.db_table}.calls + 1",
                [workspace_id, period.id, (model or "unknown")[:200], prompt_tokens, completion_tokens],
            )
        if included <= 0:
            return
        for percent, column in THRESHOLDS:
            if used * 100 < included * percent:
                break
            # Claim the threshold: only the one transaction that flips NULL → now fires the event.
            claimed = (
                UsagePeriod.objects.for_workspace(workspace_id)
                .filter(id=period.id, **{f"{column}__isnull": True})
                .update(**{column: now})
            )
            if claimed:
                _emit_threshold(
                    workspace_id=workspace_id, period_id=period.id, percent=percent, used_before=used - total
                )


def _emit_threshold(*, workspace_id: str, period_id: int, percent: int, used_before: int) -> None:
    """The subscription as it is now, and (previous_attributes) its usage before the crossing call, so a
    subscriber sees which threshold was crossed: `threshold_percent` is in the audit/event extras too."""
    period = UsagePeriod.objects.for_workspace(workspace_id).select_related("plan").get(id=period_id)
    subscription = Subscription.objects.for_workspace(workspace_id).get()
    included = period.ai_tokens_included
    previous = {
        "ai_tokens": {"included": included, "used": used_before, "remaining": max(0, included - used_before)}
    }
    with with_workspace(workspace_id):
        emit(
            "billing.ai_tokens.threshold_reached",
            workspace_id=workspace_id,
            resource_type="subscription",
            resource_id=workspace_id,
            data=subscription_representation(subscription=subscription, period=period, plan=period.plan),
            previous_attributes=previous,
            changes=["ai_tokens"],
            threshold_percent=percent,
        )


def ai_quota_exceeded(*, workspace_id: str) -> bool:
    """True when the current period's included AI tokens are used up: the assistant hands off."""
    period = current_period(workspace_id=workspace_id)
    return period.ai_tokens_used >= period.ai_tokens_included


# -- representation (shared by the API view and the events) -------------------------------------------


def subscription_representation(
    *, subscription: Subscription, period: UsagePeriod, plan: Plan | None = None
) -> dict:
    plan = plan or Workspace.objects.select_related("plan").get(id=subscription.workspace_id).plan
    return subscription_data(subscription=subscription, period=period, plan=plan)
