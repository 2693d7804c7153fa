"""What a new message's listeners cost: the e-mail channel and the assistant act on `message.created`
only for their own conversations, and decide that from the event (message_create names the
conversation's channel and handler) instead of a query or a queued task per message."""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from apps.channels_email.models import EmailRecord
from apps.conversations.models import Channel, HandledBy
from tests.conversations.factories import ConversationFactory

pytestmark = pytest.mark.usefixtures("eager_tasks")


def _post_message(api, conversation_id, author_type, capture_on_commit) -> list[str]:
    """POST a message with the after-commit work run (the tasks run in the caller); the SQL it ran."""
    with CaptureQueriesContext(connections["default"]) as queries, capture_on_commit(execute=True):
        response = api.post(
            f"conversations/{conversation_id}/messages", {"author_type": author_type, "body": "Hello"}
        )
    assert response.status_code == 201, response.json()
    return [query["sql"] for query in queries.captured_queries]


def _email_lookups(sql: list[str]) -> list[str]:
    return [q for q in sql if "channels_email_emailrecord" in q or '"channel" = ' in q]


@pytest.mark.parametrize("channel", [Channel.API, Channel.WIDGET])
def test_an_agent_reply_outside_e_mail_looks_up_no_e_mail_thread(
    agent, workspace, channel, django_capture_on_commit_callbacks
):
    conversation = ConversationFactory(workspace=workspace, channel=channel)
    sql = _post_message(agent.api, conversation.id, "agent", django_capture_on_commit_callbacks)
    assert _email_lookups(sql) == []
    assert not EmailRecord.all_workspaces.filter(conversation_id=conversation.id).exists()


def test_an_agent_reply_on_an_e_mail_conversation_still_goes_out_by_e_mail(
    agent, workspace, django_capture_on_commit_callbacks
):
    conversation = ConversationFactory(workspace=workspace, channel=Channel.EMAIL)
    sql = _post_message(agent.api, conversation.id, "agent", django_capture_on_commit_callbacks)
    assert _email_lookups(sql)
    record = EmailRecord.all_workspaces.get(conversation_id=conversation.id)
    assert record.workspace_id == workspace.id


def _assistant_checks(sql: list[str]) -> list[str]:
    return [q for q in sql if "assistant_enabled" in q]


@pytest.mark.parametrize(
    ("handled_by", "reaches_the_assistant"), [(HandledBy.HUMAN, False), (HandledBy.ASSISTANT, True)]
)
def test_a_contact_message_reaches_the_assistant_only_in_its_own_conversations(
    agent, workspace, handled_by, reaches_the_assistant, django_capture_on_commit_callbacks
):
    workspace.assistant_enabled = True
    workspace.save(update_fields=["assistant_enabled"])
    conversation = ConversationFactory(workspace=workspace, handled_by=handled_by)
    sql = _post_message(agent.api, conversation.id, "contact", django_capture_on_commit_callbacks)
    # The assistant's task starts by checking the workspace's switch: a query only it runs.
    assert bool(_assistant_checks(sql)) is reaches_the_assistant
