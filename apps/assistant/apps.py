from django.apps import AppConfig


def _queue_assistant(event) -> None:
    """`message.created` from a contact → the assistant's task, after the message commits."""
    if event.type != "message.created":
        return
    data = event.data or {}
    if (data.get("author") or {}).get("type") != "contact":
        return
    conversation_id = data.get("conversation_id") or event.extra.get("conversation_id")
    if not conversation_id:
        return
    if event.extra.get("handled_by", "assistant") != "assistant":
        # A human handles the conversation: the task would only find that out (and the web process
        # would pay for queueing it on every contact message). So a message that arrives while a human
        # handles the conversation is never the assistant's, even if the conversation is handed to the
        # assistant before the task would have run (before, a task still queued then answered it).
        return
    from django.db import transaction

    from .tasks import assistant_reply

    workspace_id, message_id = event.workspace_id, event.resource_id
    # robust: a failing queue or (eager) task must not turn the contact's committed message into a 500.
    transaction.on_commit(
        lambda: assistant_reply.delay(workspace_id, conversation_id, message_id), robust=True
    )


class AssistantConfig(AppConfig):
    """The assistant: answers contacts from the knowledge base, or hands the conversation to the team.
    No models of its own (the switch is `Workspace.assistant_enabled`, usage is billing's)."""

    name = "apps.assistant"
    label = "assistant"

    def ready(self):
        from leadiosa.events import register_sink

        register_sink(_queue_assistant)
