"""Settings → E-mail (admin and owner): the workspace's inbound address and secret inbound URL (what
`GET /api/v1/email` returns), how to route mail to it, and the replies whose e-mail is not delivered
(retrying or failed), so a person notices them without reading every thread."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from apps.channels_email.addresses import inbound_url, inbox_address
from apps.channels_email.delivery import email_resend
from apps.channels_email.models import DeliveryStatus, Direction, EmailRecord

from .access import Access, workspace_page
from .errors import SERVICE_ERRORS, service_error_message
from .views_settings import settings_page

UNDELIVERED_SHOWN = 20


def _undelivered() -> list[dict]:
    """The latest replies not (yet) delivered, newest first: when, to which conversation, status, why.
    No address is shown: the conversation link leads to the contact."""
    return list(
        EmailRecord.objects.filter(
            direction=Direction.OUTBOUND,
            delivery_status__in=(DeliveryStatus.RETRYING, DeliveryStatus.FAILED),
        )
        .order_by("-created_at", "-id")
        .values(
            "message_id",
            "conversation_id",
            "delivery_status",
            "attempts",
            "last_error",
            "next_attempt_at",
            "created_at",
        )[:UNDELIVERED_SHOWN]
    )


@require_GET
@workspace_page("manage_settings")
def settings_email(request, access: Access):
    workspace_id = access.workspace.id
    return settings_page(
        request,
        access,
        "email.html",
        {
            "address": inbox_address(workspace_id),
            "inbound_url": inbound_url(workspace_id),
            "smtp_host": settings.EMAIL_HOST if settings.EMAIL_BACKEND.endswith("smtp.EmailBackend") else "",
            "undelivered": _undelivered(),
        },
        tab="email",
    )


@require_POST
@workspace_page("manage_settings")
def settings_email_resend(request, access: Access):
    """Send a failed reply again (a fresh round of attempts), e.g. once the SMTP settings are fixed."""
    try:
        email_resend(workspace_id=access.workspace.id, message_id=request.POST.get("message_id", ""))
    except SERVICE_ERRORS as exc:
        messages.error(request, service_error_message(exc))
    else:
        messages.success(request, "The reply is queued to be sent again.")
    return redirect("dashboard:settings_email", ws_id=access.workspace.id)
