"""Deprecation notices: owners of workspaces that still use a deprecated endpoint or parameter are told by
e-mail, well before the sunset date (CONTRACT §1: at least 90 days before).

A workspace is notified when it used a deprecated feature in the last 30 days and the sunset is still
ahead. The first notice goes out on the first run after the use is recorded (deprecations are announced
more than 90 days ahead, so that is at least 90 days before the sunset); a reminder follows every 30 days
while the use continues (so one always lands in the last month). `last_notified_at` keeps the task from
re-sending on every run.

It sits next to the header and the usage counter (deprecation.py). The platform imports no app, so the
workspace's name, status and owners come from settings.NOTICE_RECIPIENTS_LOADER (the workspaces app's
`workspace_owners_to_notify`), as the token comes from API_TOKEN_LOADER.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from leadiosa.events import emit
from leadiosa.models import DeprecatedUsage
from leadiosa.tenancy import with_workspace

RECENT_USE = timedelta(days=30)
REMINDER_EVERY = timedelta(days=30)


def _due(now) -> Q:
    return Q(last_used_at__gte=now - RECENT_USE, sunset__gt=now.date()) & (
        Q(last_notified_at__isnull=True) | Q(last_notified_at__lte=now - REMINDER_EVERY)
    )


def _message(workspace_id: str, workspace_name: str, rows: list[DeprecatedUsage]) -> tuple[str, str]:
    lines = [
        f"Your Leadiosa workspace “{workspace_name}” ({workspace_id}) used API features that will stop "
        "working on their sunset date:",
        "",
    ]
    for row in sorted(rows, key=lambda r: (r.sunset, r.feature)):
        lines.append(
            f"  • {row.feature} — sunset {row.sunset.isoformat()} (last used "
            f"{row.last_used_at:%Y-%m-%d}, {row.use_count} use{'s' if row.use_count != 1 else ''} recorded)"
        )
    lines += [
        "",
        "Responses to these requests carry an X-API-Deprecation header with the sunset date and a link to",
        "the migration guide. Please move to the replacements before the sunset.",
        "",
        "You receive this because you own this workspace.",
    ]
    first = min(r.sunset for r in rows)
    return f"[Leadiosa] Deprecated API features in use — first sunset {first.isoformat()}", "\n".join(lines)


def load_recipients(workspace_id: str) -> tuple[str, list[str]] | None:
    """The workspace's name and its owners' e-mails, or None when it is not active."""
    return import_string(settings.NOTICE_RECIPIENTS_LOADER)(workspace_id)


def send_deprecation_notices(*, now=None) -> int:
    """E-mail the owners of every workspace with due notices; returns how many e-mails went out."""
    now = now or timezone.now()
    workspace_ids = list(
        DeprecatedUsage.all_workspaces.filter(_due(now)).values_list("workspace_id", flat=True).distinct()
    )
    sent = 0
    for workspace_id in workspace_ids:
        with transaction.atomic(), with_workspace(workspace_id):
            # Lock the rows: two beat runs overlapping never mail the same owners twice.
            rows = list(
                DeprecatedUsage.objects.for_workspace(workspace_id)
                .select_for_update(skip_locked=True)
                .filter(_due(now))
                .order_by("id")
            )
            owners = load_recipients(workspace_id) if rows else None
            if owners is None:
                continue
            workspace_name, recipients = owners
            if not recipients:
                continue
            subject, body = _message(workspace_id, workspace_name, rows)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
            DeprecatedUsage.objects.for_workspace(workspace_id).filter(id__in=[r.id for r in rows]).update(
                last_notified_at=now
            )
            emit(
                "workspace.deprecation_notice.sent",
                workspace_id=workspace_id,
                resource_type="workspace",
                resource_id=workspace_id,
                changes=["deprecation_notice"],
                features=[r.feature for r in rows],
            )
            sent += 1
    return sent
