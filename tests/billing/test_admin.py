import pytest
from django.test import Client

from apps.billing.models import Subscription
from apps.billing.services import current_period, record_ai_usage, subscription_ensure
from apps.workspaces.models import User


@pytest.fixture
def staff_client(db):
    user = User.objects.create_superuser(username="support", email="support@leadiosa.com", password="x")
    client = Client()
    client.force_login(user)
    return client


def test_billing_admin_pages_render(staff_client, workspace):
    record_ai_usage(workspace_id=workspace.id, prompt_tokens=1, completion_tokens=1, model="m")
    subscription = Subscription.all_workspaces.get(workspace=workspace)
    period = current_period(workspace_id=workspace.id)
    for url in (
        "/admin/billing/plan/",
        "/admin/billing/plan/team/change/",
        "/admin/billing/subscription/",
        f"/admin/billing/subscription/{subscription.pk}/change/",
        "/admin/billing/usageperiod/",
        f"/admin/billing/usageperiod/{period.pk}/change/",
    ):
        assert staff_client.get(url).status_code == 200, url


def test_changing_the_plan_in_the_admin_moves_the_workspace_and_its_rate_limit(
    staff_client, workspace, admin
):
    assert admin.api.get("billing/subscription")["X-RateLimit-Limit"] == "300"
    # A read never writes: the subscription is the one workspace_create starts (the factory does not).
    subscription = subscription_ensure(workspace_id=workspace.id)
    response = staff_client.post(
        f"/admin/billing/subscription/{subscription.pk}/change/",
        {"status": "past_due", "billing_cycle": "monthly", "plan": "business"},
    )
    assert response.status_code == 302, response.content[:2000]
    workspace.refresh_from_db()
    subscription.refresh_from_db()
    # The status is the billing system's: read-only in the admin (issue 17), only the plan moves.
    assert (workspace.plan_id, subscription.status) == ("business", "active")
    body = admin.api.get("billing/subscription")
    assert body["X-RateLimit-Limit"] == "1200"
    assert body.json()["status"] == "active"
    assert body.json()["ai_tokens"]["included"] == 10_000_000
