import pytest

from apps.billing.services import record_ai_usage, subscription_change_plan
from leadiosa.timestamps import format_timestamp


def test_admin_reads_the_subscription_with_current_usage(admin, workspace):
    record_ai_usage(workspace_id=workspace.id, prompt_tokens=700, completion_tokens=300, model="m")
    response = admin.api.get("billing/subscription")
    assert response.status_code == 200
    body = response.json()
    from apps.billing.models import Subscription

    subscription = Subscription.all_workspaces.get(workspace=workspace)
    assert body == {
        "plan": {"id": "team", "name": "Team"},
        "status": "active",
        "billing_cycle": "monthly",
        "current_period_start": format_timestamp(subscription.current_period_start),
        "current_period_end": format_timestamp(subscription.current_period_end),
        "rate_limit_per_minute": 300,
        "ai_tokens": {"included": 1_000_000, "used": 1_000, "remaining": 999_000},
    }


@pytest.mark.parametrize("persona,status", [("owner", 200), ("admin", 200), ("agent", 403), ("reader", 403)])
def test_subscription_needs_the_admin_role(personas, persona, status):
    response = personas[persona].api.get("billing/subscription")
    assert response.status_code == status
    if status == 403:
        assert response.json()["error"]["code"] == "permission_denied"


def test_subscription_without_a_token_is_401(anonymous):
    response = anonymous.get("billing/subscription")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "missing_token"


def test_subscription_is_read_only(admin, owner):
    assert admin.api.post("billing/subscription", {}).status_code == 405  # the method is checked first
    response = owner.api.post("billing/subscription", {})
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_usage_of_another_workspace_never_shows(admin, stranger, workspace, other_workspace):
    record_ai_usage(workspace_id=other_workspace.id, prompt_tokens=5_000, completion_tokens=0, model="m")
    assert admin.api.get("billing/subscription").json()["ai_tokens"]["used"] == 0
    assert stranger.api.get("billing/subscription").json()["ai_tokens"]["used"] == 5_000


def test_plan_change_applies_the_new_rate_limit_on_the_next_request(admin, workspace):
    first = admin.api.get("billing/subscription")
    assert first["X-RateLimit-Limit"] == "300"
    subscription_change_plan(workspace_id=workspace.id, plan_id="business")
    second = admin.api.get("billing/subscription")
    assert second["X-RateLimit-Limit"] == "1200"
    assert second.json()["plan"] == {"id": "business", "name": "Business"}
    assert second.json()["rate_limit_per_minute"] == 1200


def test_threshold_events_reach_subscribed_webhooks_of_that_workspace_only(admin, stranger, workspace):
    import json

    from apps.webhooks.models import WebhookEvent

    for persona in (admin, stranger):
        response = persona.api.post(
            "webhooks",
            {"url": "https://hooks.example.com/b", "events": ["billing.ai_tokens.threshold_reached"]},
        )
        assert response.status_code == 201
    record_ai_usage(workspace_id=workspace.id, prompt_tokens=800_000, completion_tokens=0, model="m")
    events = WebhookEvent.all_workspaces.filter(type="billing.ai_tokens.threshold_reached")
    assert [e.workspace_id for e in events] == [workspace.id]
    body = json.loads(events[0].body)
    assert body["data"]["object"]["ai_tokens"] == {
        "included": 1_000_000,
        "used": 800_000,
        "remaining": 200_000,
    }
    assert body["data"]["previous_attributes"]["ai_tokens"]["used"] == 0


def test_reading_the_subscription_costs_a_few_queries(admin, django_assert_max_num_queries):
    admin.api.get("billing/subscription")  # creates the subscription and its period lazily
    with django_assert_max_num_queries(4):
        assert admin.api.get("billing/subscription").status_code == 200


def test_reading_a_subscription_whose_period_ended_writes_nothing(admin, workspace, captured_events):
    """The beat task rolls periods over; a GET shows the new period (usage 0) without persisting it."""
    from datetime import timedelta

    from apps.billing.models import Subscription, UsagePeriod

    record_ai_usage(workspace_id=workspace.id, prompt_tokens=10, completion_tokens=5, model="m")
    subscription = Subscription.all_workspaces.get(workspace=workspace)
    ended = subscription.current_period_start - timedelta(days=40)
    Subscription.all_workspaces.filter(pk=subscription.pk).update(
        current_period_start=ended, current_period_end=ended + timedelta(days=30)
    )
    UsagePeriod.all_workspaces.filter(workspace=workspace).update(
        period_start=ended, period_end=ended + timedelta(days=30)
    )
    before = (
        list(Subscription.all_workspaces.filter(workspace=workspace).values()),
        list(UsagePeriod.all_workspaces.filter(workspace=workspace).values()),
    )
    captured_events.clear()

    body = admin.api.get("billing/subscription").json()

    assert body["ai_tokens"]["used"] == 0
    assert body["current_period_end"] > format_timestamp(ended + timedelta(days=30))
    after = (
        list(Subscription.all_workspaces.filter(workspace=workspace).values()),
        list(UsagePeriod.all_workspaces.filter(workspace=workspace).values()),
    )
    assert after == before
    assert captured_events == []
