"""Deprecation notices (leadiosa/api/deprecation_notices.py): who is mailed, when, and how often."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from apps.workspaces.models import Workspace
from leadiosa.models import DeprecatedUsage
from leadiosa.tasks import send_deprecation_notices
from tests.conftest import make_persona

# These tests assert what the tasks did: they run in the caller.
pytestmark = pytest.mark.usefixtures("eager_tasks")


def _usage(workspace, feature="GET /api/v1/legacy", *, sunset_in_days=120, used_days_ago=1, **extra):
    now = timezone.now()
    return DeprecatedUsage.all_workspaces.create(
        workspace=workspace,
        feature=feature,
        sunset=(now + timedelta(days=sunset_in_days)).date(),
        last_used_at=now - timedelta(days=used_days_ago),
        use_count=3,
        **extra,
    )


def test_owners_of_a_workspace_using_a_deprecated_feature_get_one_email(owner, admin, workspace):
    second_owner = make_persona(workspace, "owner")
    usage = _usage(workspace)
    _usage(workspace, "GET /api/v1/conversations?sort", sunset_in_days=200)
    assert send_deprecation_notices.delay().get() == 1
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert sorted(email.to) == sorted([owner.member.user.email, second_owner.member.user.email])
    assert admin.member.user.email not in email.to
    assert "GET /api/v1/legacy" in email.body and "GET /api/v1/conversations?sort" in email.body
    assert usage.sunset.isoformat() in email.subject
    usage.refresh_from_db()
    assert usage.last_notified_at is not None


def test_notices_are_not_resent_on_every_run(owner, workspace):
    _usage(workspace)
    send_deprecation_notices.delay().get()
    assert send_deprecation_notices.delay().get() == 0
    assert len(mail.outbox) == 1


def test_a_reminder_follows_after_thirty_days_of_continued_use(owner, workspace):
    _usage(workspace, last_notified_at=timezone.now() - timedelta(days=31))
    assert send_deprecation_notices.delay().get() == 1


def test_no_notice_without_use_in_the_last_thirty_days_or_after_the_sunset(owner, workspace, stranger):
    _usage(workspace, used_days_ago=31)
    _usage(stranger.workspace, sunset_in_days=-1)
    assert send_deprecation_notices.delay().get() == 0
    assert mail.outbox == []


def test_each_workspace_mails_only_its_own_owners(owner, stranger, workspace, other_workspace):
    _usage(workspace)
    _usage(other_workspace, "GET /api/v1/other")
    assert send_deprecation_notices.delay().get() == 2
    by_recipient = {tuple(m.to): m.body for m in mail.outbox}
    assert "GET /api/v1/legacy" in by_recipient[(owner.member.user.email,)]
    assert "GET /api/v1/other" not in by_recipient[(owner.member.user.email,)]
    assert "GET /api/v1/other" in by_recipient[(stranger.member.user.email,)]


def test_closed_workspaces_are_not_mailed(owner, workspace):
    _usage(workspace)
    Workspace.objects.filter(id=workspace.id).update(status="closed")
    assert send_deprecation_notices.delay().get() == 0


def test_a_use_recorded_by_the_api_leads_to_a_notice_well_before_the_sunset(owner, workspace):
    from leadiosa.api.deprecation import Deprecation, record_use

    sunset = date.today() + timedelta(days=180)
    record_use(workspace.id, Deprecation(feature="GET /api/v1/old", sunset=sunset))
    assert send_deprecation_notices.delay().get() == 1
    # Sent on the first run after the use: 180 days ahead of the sunset.
    assert len(mail.outbox) == 1 and sunset.isoformat() in mail.outbox[0].body
