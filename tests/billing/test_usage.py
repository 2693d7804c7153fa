import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from apps.billing.models import ModelUsage, Subscription, UsagePeriod
from apps.billing.services import (
    ai_quota_exceeded,
    current_period,
    period_bounds,
    record_ai_usage,
    roll_over_due_subscriptions,
    subscription_change_plan,
)
from apps.workspaces.services import workspace_create
from tests.factories import WorkspaceFactory


def _threshold_events(captured, workspace_id):
    return [
        e.extra["threshold_percent"]
        for e in captured
        if e.type == "billing.ai_tokens.threshold_reached" and e.workspace_id == workspace_id
    ]


def test_workspace_create_creates_its_subscription(db):
    workspace = workspace_create(name="New", owner_email="new-owner@example.com")
    subscription = Subscription.all_workspaces.get(workspace=workspace)
    assert subscription.status == "active"
    assert subscription.billing_cycle == "monthly"
    assert subscription.current_period_start <= subscription.anchor_at < subscription.current_period_end


def test_record_ai_usage_adds_to_the_current_period_and_per_model(db):
    workspace = WorkspaceFactory()
    record_ai_usage(workspace_id=workspace.id, prompt_tokens=100, completion_tokens=20, model="extractive")
    record_ai_usage(workspace_id=workspace.id, prompt_tokens=5, completion_tokens=1, model="gpt-x")
    record_ai_usage(workspace_id=workspace.id, prompt_tokens=1, completion_tokens=1, model="extractive")
    period = current_period(workspace_id=workspace.id)
    assert (period.ai_tokens_used, period.prompt_tokens, period.completion_tokens) == (128, 106, 22)
    assert period.ai_tokens_included == workspace.plan.ai_tokens_included
    by_model = {
        m.model: (m.prompt_tokens, m.completion_tokens, m.calls)
        for m in ModelUsage.all_workspaces.filter(workspace=workspace)
    }
    assert by_model == {"extractive": (101, 21, 2), "gpt-x": (5, 1, 1)}


def test_record_ai_usage_refuses_negative_counts(db):
    workspace = WorkspaceFactory()
    with pytest.raises(ValueError):
        record_ai_usage(workspace_id=workspace.id, prompt_tokens=-1, completion_tokens=0, model="m")


def test_threshold_events_fire_once_at_80_and_once_at_100_percent(db, captured_events):
    workspace = WorkspaceFactory(plan_id="free")  # 50 000 tokens included
    record_ai_usage(workspace_id=workspace.id, prompt_tokens=39_999, completion_tokens=0, model="m")
    assert _threshold_events(captured_events, workspace.id) == []
    assert not ai_quota_exceeded(workspace_id=workspace.id)
    record_ai_usage(workspace_id=workspace.id, prompt_tokens=1, completion_tokens=0, model="m")
    assert _threshold_events(captured_events, workspace.id) == [80]
    record_ai_usage(workspace_id=workspace.id, prompt_tokens=5_000, completion_tokens=0, model="m")
    assert _threshold_events(captured_events, workspace.id) == [80]
    record_ai_usage(workspace_id=workspace.id, prompt_tokens=5_000, completion_tokens=0, model="m")
    record_ai_usage(workspace_id=workspace.id, prompt_tokens=5_000, completion_tokens=0, model="m")
    assert _threshold_events(captured_events, workspace.id) == [80, 100]
    assert ai_quota_exceeded(workspace_id=workspace.id)
    event = [e for e in captured_events if e.type == "billing.ai_tokens.threshold_reached"][-1]
    assert event.data["ai_tokens"] == {"included": 50_000, "used": 50_000, "remaining": 0}
    assert event.data["plan"] == {"id": "free", "name": "Free"}
    assert event.previous_attributes == {
        "ai_tokens": {"included": 50_000, "used": 45_000, "remaining": 5_000}
    }


def test_one_jump_past_both_thresholds_fires_both_in_order(db, captured_events):
    workspace = WorkspaceFactory(plan_id="free")
    record_ai_usage(workspace_id=workspace.id, prompt_tokens=60_000, completion_tokens=0, model="m")
    assert _threshold_events(captured_events, workspace.id) == [80, 100]


def test_usage_of_one_workspace_never_counts_for_another(db):
    mine, other = WorkspaceFactory(plan_id="free"), WorkspaceFactory(plan_id="free")
    record_ai_usage(workspace_id=mine.id, prompt_tokens=50_000, completion_tokens=0, model="m")
    assert ai_quota_exceeded(workspace_id=mine.id)
    assert not ai_quota_exceeded(workspace_id=other.id)
    assert current_period(workspace_id=other.id).ai_tokens_used == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_usage_increments_stay_exact_and_thresholds_fire_once(captured_events):
    workspace = WorkspaceFactory(plan_id="free")  # 50 000 included
    current_period(workspace_id=workspace.id)
    threads, calls, tokens = 8, 25, 300  # 60 000 tokens in all: crosses 80 % and 100 % under contention
    barrier = threading.Barrier(threads)
    errors = []

    def worker():
        try:
            barrier.wait()
            for _ in range(calls):
                record_ai_usage(
                    workspace_id=workspace.id, prompt_tokens=tokens - 50, completion_tokens=50, model="m"
                )
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    assert errors == []
    period = current_period(workspace_id=workspace.id)
    assert period.ai_tokens_used == threads * calls * tokens
    assert ModelUsage.all_workspaces.get(period=period).calls == threads * calls
    assert sorted(_threshold_events(captured_events, workspace.id)) == [80, 100]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_first_use_creates_one_subscription_and_one_period():
    workspace = WorkspaceFactory()
    barrier = threading.Barrier(6)
    errors = []

    def worker():
        try:
            barrier.wait()
            record_ai_usage(workspace_id=workspace.id, prompt_tokens=10, completion_tokens=0, model="m")
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    pool = [threading.Thread(target=worker) for _ in range(6)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    assert errors == []
    assert Subscription.all_workspaces.filter(workspace=workspace).count() == 1
    assert UsagePeriod.all_workspaces.get(workspace=workspace).ai_tokens_used == 60


def test_monthly_periods_count_from_the_anchor_without_drifting():
    anchor = datetime(2026, 1, 31, 10, 0, tzinfo=UTC)
    assert period_bounds(anchor, "monthly", datetime(2026, 2, 15, tzinfo=UTC)) == (
        datetime(2026, 1, 31, 10, 0, tzinfo=UTC),
        datetime(2026, 2, 28, 10, 0, tzinfo=UTC),
    )
    assert period_bounds(anchor, "monthly", datetime(2026, 3, 1, tzinfo=UTC)) == (
        datetime(2026, 2, 28, 10, 0, tzinfo=UTC),
        datetime(2026, 3, 31, 10, 0, tzinfo=UTC),
    )
    # The boundary instant belongs to the next period.
    assert period_bounds(anchor, "monthly", datetime(2026, 3, 31, 10, 0, tzinfo=UTC))[0] == datetime(
        2026, 3, 31, 10, 0, tzinfo=UTC
    )
    assert period_bounds(anchor, "yearly", datetime(2028, 2, 1, tzinfo=UTC)) == (
        datetime(2028, 1, 31, 10, 0, tzinfo=UTC),
        datetime(2029, 1, 31, 10, 0, tzinfo=UTC),
    )


def test_roll_over_at_the_boundary_resets_usage_and_keeps_history(db, captured_events):
    workspace = WorkspaceFactory(plan_id="free")
    anchor = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
    start, end = period_bounds(anchor, "monthly", anchor)
    Subscription.all_workspaces.create(
        workspace=workspace, anchor_at=anchor, current_period_start=start, current_period_end=end
    )
    just_before = end - timedelta(microseconds=1)
    old = current_period(workspace_id=workspace.id, now=just_before)
    UsagePeriod.all_workspaces.filter(id=old.id).update(ai_tokens_used=50_000)

    assert roll_over_due_subscriptions(now=just_before) == 0
    assert roll_over_due_subscriptions(now=end) == 1
    assert roll_over_due_subscriptions(now=end) == 0  # idempotent

    subscription = Subscription.all_workspaces.get(workspace=workspace)
    assert (subscription.current_period_start, subscription.current_period_end) == (
        datetime(2026, 2, 15, 12, 0, tzinfo=UTC),
        datetime(2026, 3, 15, 12, 0, tzinfo=UTC),
    )
    periods = list(UsagePeriod.all_workspaces.filter(workspace=workspace).order_by("period_start"))
    assert [(p.period_start, p.ai_tokens_used) for p in periods] == [(start, 50_000), (end, 0)]
    assert "subscription.renewed" in [e.type for e in captured_events]


def test_a_new_period_counts_from_zero_and_fires_its_thresholds_again(db, captured_events):
    workspace = WorkspaceFactory(plan_id="free")
    now = timezone.now()
    anchor = now - timedelta(days=90)
    start, end = period_bounds(anchor, "monthly", now - timedelta(days=40))
    Subscription.all_workspaces.create(
        workspace=workspace, anchor_at=anchor, current_period_start=start, current_period_end=end
    )
    old = current_period(workspace_id=workspace.id, now=start)
    UsagePeriod.all_workspaces.filter(id=old.id).update(
        ai_tokens_used=50_000, threshold_80_reached_at=start, threshold_100_reached_at=start
    )
    # No beat task ran: the next use rolls the subscription over lazily.
    record_ai_usage(workspace_id=workspace.id, prompt_tokens=45_000, completion_tokens=0, model="m")
    period = current_period(workspace_id=workspace.id)
    assert period.id != old.id
    assert period.period_start <= now < period.period_end
    assert period.ai_tokens_used == 45_000
    assert _threshold_events(captured_events, workspace.id) == [80]
    old.refresh_from_db()
    assert old.ai_tokens_used == 50_000


def test_plan_change_moves_the_allowance_of_the_current_period(db, captured_events):
    workspace = WorkspaceFactory(plan_id="free")
    record_ai_usage(workspace_id=workspace.id, prompt_tokens=50_000, completion_tokens=0, model="m")
    assert ai_quota_exceeded(workspace_id=workspace.id)
    subscription_change_plan(workspace_id=workspace.id, plan_id="business")
    workspace.refresh_from_db()
    assert workspace.plan_id == "business"
    assert current_period(workspace_id=workspace.id).ai_tokens_included == 10_000_000
    assert not ai_quota_exceeded(workspace_id=workspace.id)
    assert "subscription.updated" in [e.type for e in captured_events]


def test_a_plan_changed_on_the_workspace_directly_moves_the_current_allowance(db):
    workspace = WorkspaceFactory(plan_id="free")
    record_ai_usage(workspace_id=workspace.id, prompt_tokens=50_000, completion_tokens=0, model="m")
    old = current_period(workspace_id=workspace.id)
    workspace.plan_id = "team"
    workspace.save()  # as the workspace admin page does
    assert not ai_quota_exceeded(workspace_id=workspace.id)
    period = current_period(workspace_id=workspace.id)
    assert (period.id, period.plan_id, period.ai_tokens_included) == (old.id, "team", 1_000_000)


def test_the_beat_task_rolls_over_every_ended_period(eager_tasks, db):
    from apps.billing.tasks import roll_over_billing_periods

    ended, running = WorkspaceFactory(), WorkspaceFactory()
    for workspace in (ended, running):
        current_period(workspace_id=workspace.id)
    subscription = Subscription.all_workspaces.get(workspace=ended)
    Subscription.all_workspaces.filter(id=subscription.id).update(
        current_period_start=subscription.current_period_start - timedelta(days=62),
        current_period_end=subscription.current_period_start - timedelta(days=31),
    )
    assert roll_over_billing_periods.delay().get() == 1
    subscription.refresh_from_db()
    assert subscription.current_period_start <= timezone.now() < subscription.current_period_end
