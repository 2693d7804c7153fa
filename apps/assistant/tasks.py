from celery import shared_task

from leadiosa.context import SYSTEM, acting_as
from leadiosa.tenancy import with_workspace


# The name the task had when the assistant lived in apps.knowledge: messages already queued in Redis
# (or queued by a web process still running the previous release during a deploy) carry it, and a
# worker discards a message whose task name it does not know. One stable name, no alias.
@shared_task(name="apps.knowledge.tasks.assistant_reply")
def assistant_reply(workspace_id: str, conversation_id: str, message_id: str) -> str:
    """Answer (or hand off) a contact's message in a conversation the assistant handles."""
    from .services import assistant_respond

    with with_workspace(workspace_id), acting_as(SYSTEM):
        return assistant_respond(conversation_id=conversation_id, message_id=message_id)
