"""The one place a service's refusal becomes words on a page.

Services raise `leadiosa.errors.DomainError` (or, where not yet migrated, `leadiosa.api.errors.ApiError`);
both carry a stable `code` and a human `message`. Views catch `SERVICE_ERRORS` around a service call and
show `service_error_message(exc)` inline; nothing else in the dashboard inspects a service error.
"""

from __future__ import annotations

from leadiosa.api.errors import ApiError
from leadiosa.errors import DomainError

SERVICE_ERRORS = (DomainError, ApiError)

# Clearer words for the refusals a person meets in the dashboard; anything else shows the service's message.
MESSAGES = {
    "conversation_closed": "This conversation is closed. Reopen it (Status: open) before changing it.",
    "invalid_status_transition": "A closed conversation can only be reopened (Status: open).",
    "assignee_not_member": "That person is not a member of this workspace.",
    "contact_exists": "Another contact already has this email or external id.",
    "workspace_closed": "This workspace is closed: it can be read but not changed.",
    "rate_limited": "Too many attempts. Wait a minute and try again.",
}


def service_error_message(exc: Exception) -> str:
    """A sentence for a person: what was refused and, where it helps, what to do instead."""
    code = getattr(exc, "code", None)
    if code in MESSAGES:
        return MESSAGES[code]
    message = getattr(exc, "message", None) or str(exc)
    return message


def service_error_status(exc: Exception) -> int:
    """The HTTP status an inline error fragment answers with (htmx swaps it in all the same)."""
    status = getattr(exc, "status", None) or getattr(exc, "status_hint", None)
    return int(status) if status else 400
