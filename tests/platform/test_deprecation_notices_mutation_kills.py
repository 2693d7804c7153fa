"""Kills for the surviving mutants of leadiosa/api/deprecation_notices.py (mutation, sixth batch).

The mail's exact text, the event it emits, the clock it is given, and a workspace skipped (closed, or
without owners to mail) not stopping the others: the loader is wrapped so that the first workspace
asked for, whichever the query returns first, is the one skipped.
"""

import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.core import mail
from django.db import connections, transaction
from django.test import override_settings
from django.utils import timezone

from leadiosa.api import deprecation_notices
from leadiosa.api.deprecation_notices import send_deprecation_notices
from leadiosa.context import SYSTEM, acting_as
from leadiosa.models import DeprecatedUsage

ASKED: list[str] = []
SKIP_FIRST_AS: list[object] = []


def skipping_the_first(workspace_id):
    from apps.workspaces.selectors import workspace_owners_to_notify

    ASKED.append(str(workspace_id))
    found = workspace_owners_to_notify(workspace_id)
    if len(ASKED) == 1:
        return SKIP_FIRST_AS[0](found)
    return found


LOADER = f"{__name__}.skipping_the_first"


def _usage(workspace, feature="GET /api/v1/legacy", *, now, sunset_in_days=120, used_days_ago=1, use_count=3):
    return DeprecatedUsage.all_workspaces.create(
        workspace=workspace,
        feature=feature,
        sunset=(now + timedelta(days=sunset_in_days)).date(),
        last_used_at=now - timedelta(days=used_days_ago),
        use_count=use_count,
    )


def _send(**kwargs) -> int:
    with acting_as(SYSTEM):
        return send_deprecation_notices(**kwargs)


def test_the_mail_names_each_feature_its_sunset_and_uses_in_order(owner, workspace):
    now = timezone.now()
    late = _usage(workspace, "GET /api/v1/b", now=now, sunset_in_days=200, use_count=1)
    early = _usage(workspace, "GET /api/v1/a", now=now, sunset_in_days=120, use_count=5)
    assert _send() == 1
    [email] = mail.outbox
    assert (
        email.subject
        == f"[Leadiosa] Deprecated API features in use — first sunset {early.sunset.isoformat()}"
    )
    assert email.from_email == settings.DEFAULT_FROM_EMAIL
    assert email.body == "\n".join(
        [
            f"Your Leadiosa workspace “{workspace.name}” ({workspace.id}) used API features that will stop "
            "working on their sunset date:",
            "",
            f"  • GET /api/v1/a — sunset {early.sunset.isoformat()} (last used "
            f"{early.last_used_at:%Y-%m-%d}, 5 uses recorded)",
            f"  • GET /api/v1/b — sunset {late.sunset.isoformat()} (last used "
            f"{late.last_used_at:%Y-%m-%d}, 1 use recorded)",
            "",
            "Responses to these requests carry an X-API-Deprecation header with the sunset date and a link to",
            "the migration guide. Please move to the replacements before the sunset.",
            "",
            "You receive this because you own this workspace.",
        ]
    )


def test_features_sharing_a_sunset_are_listed_by_name():
    class Row:
        def __init__(self, feature, sunset):
            self.feature, self.sunset, self.use_count = feature, sunset, 2
            self.last_used_at = timezone.now()

    day = timezone.now().date()
    subject, body = deprecation_notices._message("ws_1", "W", [Row("b", day), Row("a", day)])
    assert body.index("  • a —") < body.index("  • b —")
    assert "2 uses recorded" in body


def test_the_notice_is_an_event_of_the_workspace(owner, workspace, monkeypatch):
    seen = []
    real = deprecation_notices.emit

    def recording(*args, **kwargs):
        seen.append((args, kwargs))
        return real(*args, **kwargs)

    monkeypatch.setattr(deprecation_notices, "emit", recording)
    now = timezone.now()
    _usage(workspace, "GET /api/v1/a", now=now)
    _usage(workspace, "GET /api/v1/b", now=now, sunset_in_days=150)
    assert _send() == 1
    [(args, kwargs)] = seen
    assert args == ("workspace.deprecation_notice.sent",)
    assert kwargs["workspace_id"] == workspace.id and kwargs["resource_id"] == workspace.id
    assert kwargs["resource_type"] == "workspace"
    assert kwargs["changes"] == ["deprecation_notice"]
    assert sorted(kwargs["features"]) == ["GET /api/v1/a", "GET /api/v1/b"]


def test_the_clock_given_is_the_one_used(owner, workspace):
    then = timezone.now() - timedelta(days=400)
    usage = _usage(workspace, now=then)
    # By the real clock the use is long past and its sunset too: nothing is due.
    assert _send() == 0
    assert _send(now=then) == 1
    usage.refresh_from_db()
    assert usage.last_notified_at == then


def test_only_the_rows_mailed_about_are_stamped(owner, workspace):
    now = timezone.now()
    due = _usage(workspace, "GET /api/v1/a", now=now)
    old = _usage(workspace, "GET /api/v1/old", now=now, used_days_ago=60)
    assert _send(now=now) == 1
    due.refresh_from_db()
    old.refresh_from_db()
    assert due.last_notified_at == now and old.last_notified_at is None


@pytest.mark.parametrize(
    "skip_as",
    [lambda found: None, lambda found: (found[0], [])],
    ids=["not active", "no owners"],
)
def test_a_skipped_workspace_does_not_stop_the_others(owner, stranger, workspace, other_workspace, skip_as):
    ASKED.clear()
    SKIP_FIRST_AS[:] = [skip_as]
    now = timezone.now()
    _usage(workspace, now=now)
    _usage(other_workspace, now=now)
    with override_settings(NOTICE_RECIPIENTS_LOADER=LOADER):
        assert _send(now=now) == 1
    assert len(ASKED) == 2
    assert len(mail.outbox) == 1
    skipped = DeprecatedUsage.all_workspaces.get(workspace_id=ASKED[0])
    mailed = DeprecatedUsage.all_workspaces.get(workspace_id=ASKED[1])
    assert skipped.last_notified_at is None and mailed.last_notified_at == now


def test_the_owners_are_loaded_in_the_workspaces_scope(owner, workspace):
    from leadiosa.tenancy import current_workspace_id_or_none

    ASKED.clear()
    SKIP_FIRST_AS[:] = [lambda found: found]
    scopes = []

    def recording(workspace_id):
        scopes.append(current_workspace_id_or_none())
        return skipping_the_first(workspace_id)

    _usage(workspace, now=timezone.now())
    with mock.patch.object(deprecation_notices, "import_string", return_value=recording):
        assert _send() == 1
    assert scopes == [workspace.id]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_rows_another_run_holds_are_skipped_not_waited_for(owner, workspace):
    """Two beat runs overlapping: the second skips the rows the first has locked, sends nothing."""
    now = timezone.now()
    usage = _usage(workspace, now=now)
    held, release = threading.Event(), threading.Event()
    result = {}

    def hold():
        try:
            with transaction.atomic():
                list(DeprecatedUsage.all_workspaces.select_for_update().filter(pk=usage.pk))
                held.set()
                release.wait(20)
        finally:
            connections.close_all()

    def send():
        try:
            result["sent"] = _send(now=now)
        except Exception as error:  # noqa: BLE001
            result["error"] = error
        finally:
            connections.close_all()

    holding = threading.Thread(target=hold)
    holding.start()
    assert held.wait(20)
    sending = threading.Thread(target=send)
    sending.start()
    sending.join(5)
    finished = not sending.is_alive()
    release.set()
    holding.join(30)
    sending.join(30)
    assert finished, "the second run waited on the rows the first holds"
    assert result == {"sent": 0}
    assert mail.outbox == []
