from celery import shared_task
from django.utils import timezone

from leadiosa.context import SYSTEM, acting_as
from leadiosa.tenancy import with_workspace

from .models import Conversation, Status
from .services import conversation_wake

BATCH = 500


@shared_task
def wake_snoozed_conversations() -> int:
    """Beat task (every minute): snoozed conversations whose `snoozed_until` has passed go back to open.

    Scans the partial index of snoozed rows; each wake is its own short transaction (row lock with
    SKIP LOCKED), so a conversation a request is changing right now is simply taken next round.
    """
    woken = 0
    while True:
        due = list(
            Conversation.all_workspaces.filter(status=Status.SNOOZED, snoozed_until__lte=timezone.now())
            .order_by("snoozed_until")
            .values_list("id", "workspace_id")[:BATCH]
        )
        progressed = 0
        for conversation_id, workspace_id in due:
            with with_workspace(workspace_id), acting_as(SYSTEM):
                if conversation_wake(conversation_id=conversation_id, workspace_id=workspace_id):
                    progressed += 1
        woken += progressed
        if len(due) < BATCH or progressed == 0:
            return woken
