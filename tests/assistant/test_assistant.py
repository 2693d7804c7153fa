"""The assistant: grounded replies with usage, and every hand-off path."""

import pytest

from apps.assistant import services as assistant_module
from apps.assistant.providers import ExtractiveProvider
from apps.assistant.services import asks_for_human, assistant_respond
from apps.billing.models import ModelUsage, UsagePeriod
from apps.billing.services import record_ai_usage
from apps.conversations.models import Conversation, Message
from apps.conversations.services import conversation_update
from leadiosa.tenancy import with_workspace
from tests.knowledge import corpus
from tests.knowledge.fake_openai import CHAT_USAGE, Fault

# These tests assert what the tasks did: they run in the caller.
pytestmark = pytest.mark.usefixtures("eager_tasks")


@pytest.fixture
def kb(agent):
    return corpus.load(agent.workspace)


@pytest.fixture
def converse(agent, django_capture_on_commit_callbacks):
    """Open a conversation with a first contact message, running the after-commit work (the assistant)."""

    def open_conversation(body, **extra):
        payload = {"contact": {"email": "pat@example.com"}, "message": {"body": body}, **extra}
        with django_capture_on_commit_callbacks(execute=True):
            response = agent.api.post("conversations", payload)
        assert response.status_code == 201, response.json()
        return response.json()["id"]

    return open_conversation


@pytest.fixture
def say(agent, django_capture_on_commit_callbacks):
    def post(conversation_id, body, author_type="contact"):
        with django_capture_on_commit_callbacks(execute=True):
            response = agent.api.post(
                f"conversations/{conversation_id}/messages", {"author_type": author_type, "body": body}
            )
        assert response.status_code == 201, response.json()
        return response.json()

    return post


def thread(agent, conversation_id):
    return agent.api.get(f"conversations/{conversation_id}/messages").json()["data"]


def conversation(agent, conversation_id):
    return agent.api.get(f"conversations/{conversation_id}").json()


def handoffs(events):
    return [e.data["handoff_reason"] for e in events if e.type == "conversation.handed_off"]


# --- replies ----------------------------------------------------------------------------------------


def test_the_assistant_answers_a_contact_from_the_knowledge_base(agent, kb, converse, events):
    conversation_id = converse("How do I reset my password?")
    messages = thread(agent, conversation_id)
    assert [m["author"]["type"] for m in messages] == ["contact", "assistant"]
    reply = messages[1]
    assert "To reset your password, open the login page" in reply["body"]
    assert reply["body"].endswith("Source: Reset your password")
    usage = reply["usage"]
    assert usage["model"] == "extractive" and usage["prompt_tokens"] > 0 and usage["completion_tokens"] > 0
    assert conversation(agent, conversation_id)["handled_by"] == "assistant"
    assert handoffs(events) == []
    # Metered to the workspace's billing period, exactly what the message reports.
    metered = ModelUsage.all_workspaces.get(workspace=agent.workspace, model="extractive")
    assert (metered.prompt_tokens, metered.completion_tokens, metered.calls) == (
        usage["prompt_tokens"],
        usage["completion_tokens"],
        1,
    )


def test_each_contact_message_gets_one_reply_and_the_assistant_never_answers_itself(agent, kb, converse, say):
    conversation_id = converse("How do I reset my password?")
    say(conversation_id, "And how long does international shipping take?")
    types = [m["author"]["type"] for m in thread(agent, conversation_id)]
    assert types == ["contact", "assistant", "contact", "assistant"]
    assert "International shipping takes up to ten days." in thread(agent, conversation_id)[3]["body"]


def test_agent_messages_do_not_trigger_the_assistant(agent, kb, converse, say):
    conversation_id = converse("How do I reset my password?")
    say(conversation_id, "Hi, I am also here if you need me.", author_type="agent")
    assert [m["author"]["type"] for m in thread(agent, conversation_id)] == ["contact", "assistant", "agent"]


def test_the_assistant_never_answers_in_a_conversation_handled_by_a_human(agent, kb, converse, say, events):
    conversation_id = converse("How do I reset my password?", handled_by="human")
    say(conversation_id, "Refund please?")
    assert [m["author"]["type"] for m in thread(agent, conversation_id)] == ["contact", "contact"]
    assert handoffs(events) == []
    assert not ModelUsage.all_workspaces.filter(workspace=agent.workspace).exists()


def test_an_agent_taking_over_stops_the_assistant(agent, kb, converse, say):
    conversation_id = converse("How do I reset my password?")
    agent.api.patch(f"conversations/{conversation_id}", {"handled_by": "human"})
    say(conversation_id, "And shipping?")
    assert [m["author"]["type"] for m in thread(agent, conversation_id)] == [
        "contact",
        "assistant",
        "contact",
    ]


def test_the_assistant_stays_silent_when_the_workspace_turned_it_off(agent, kb, converse):
    conversation_id = converse("How do I reset my password?", handled_by="assistant")
    agent.workspace.assistant_enabled = False
    agent.workspace.save(update_fields=["assistant_enabled"])
    with with_workspace(agent.workspace.id):
        message = Message.objects.filter(conversation_id=conversation_id, author_type="contact").get()
        Message.objects.filter(conversation_id=conversation_id, author_type="assistant").delete()
        assert (
            assistant_respond(conversation_id=conversation_id, message_id=message.id)
            == "skipped:assistant_disabled"
        )


def test_only_the_latest_contact_message_is_answered(agent, kb, converse, say):
    conversation_id = converse("How do I reset my password?", handled_by="human")
    first = thread(agent, conversation_id)[0]
    say(conversation_id, "Never mind.")
    Conversation.all_workspaces.filter(pk=conversation_id).update(handled_by="assistant")
    with with_workspace(agent.workspace.id):
        assert (
            assistant_respond(conversation_id=conversation_id, message_id=first["id"]) == "skipped:superseded"
        )


def test_a_reply_is_dropped_when_a_person_takes_over_during_the_model_call(agent, kb, converse, monkeypatch):
    conversation_id = converse("hello", handled_by="human")
    contact_message = thread(agent, conversation_id)[0]
    Conversation.all_workspaces.filter(pk=conversation_id).update(handled_by="assistant")
    with with_workspace(agent.workspace.id):
        Message.objects.filter(pk=contact_message["id"]).update(body="How do I reset my password?")

    class SlowProvider(ExtractiveProvider):
        def reply(self, **kwargs):
            taken = Conversation.all_workspaces.get(pk=conversation_id)
            conversation_update(conversation=taken, changes={"handled_by": "human"})  # an agent, meanwhile
            return super().reply(**kwargs)

    monkeypatch.setattr(assistant_module, "assistant_provider", SlowProvider)
    with with_workspace(agent.workspace.id):
        outcome = assistant_respond(conversation_id=conversation_id, message_id=contact_message["id"])
    assert outcome == "skipped:taken_over"
    assert [m["author"]["type"] for m in thread(agent, conversation_id)] == ["contact"]


# --- hand-offs --------------------------------------------------------------------------------------


def test_nothing_relevant_hands_off_to_a_human(agent, kb, converse, events):
    conversation_id = converse("What is the weather like on Mars today?")
    assert conversation(agent, conversation_id)["handled_by"] == "human"
    assert [m["author"]["type"] for m in thread(agent, conversation_id)] == ["contact"]
    assert handoffs(events) == ["no_relevant_knowledge"]


def test_an_empty_knowledge_base_hands_off(agent, converse, events):
    converse("How do I reset my password?")
    assert handoffs(events) == ["no_relevant_knowledge"]


def test_a_weak_any_word_match_is_not_relevant(agent, kb, converse, events):
    # Only "password" matches among many meaningful words: not enough to answer from.
    converse("Is the password field compatible with my grandmother's vintage typewriter keyboard layout?")
    assert handoffs(events) == ["no_relevant_knowledge"]


@pytest.mark.parametrize(
    "text",
    [
        "Can I talk to a human please?",
        "I want to speak to someone about my password",
        "Get me a real person",
        "Je voudrais parler à un conseiller",
        "Ich möchte mit einem Mitarbeiter sprechen",
        "Quiero hablar con un agente",
    ],
)
def test_asking_for_a_person_hands_off(agent, kb, converse, events, text):
    conversation_id = converse(text)
    assert conversation(agent, conversation_id)["handled_by"] == "human"
    assert handoffs(events) == ["contact_requested_human"]
    assert not ModelUsage.all_workspaces.filter(workspace=agent.workspace).exists()


@pytest.mark.parametrize(
    "text", ["How do I reset my password?", "Where is my parcel?", "Is the humidity a problem?"]
)
def test_ordinary_questions_are_not_requests_for_a_person(text):
    assert not asks_for_human(text)


def test_a_spent_ai_quota_hands_off(agent, kb, converse, events):
    included = agent.workspace.plan.ai_tokens_included
    record_ai_usage(
        workspace_id=agent.workspace.id, prompt_tokens=included, completion_tokens=0, model="other"
    )
    conversation_id = converse("How do I reset my password?")
    assert conversation(agent, conversation_id)["handled_by"] == "human"
    assert handoffs(events) == ["ai_quota_exceeded"]
    assert UsagePeriod.all_workspaces.get(workspace=agent.workspace).ai_tokens_used == included


# --- the openai provider, end to end ---------------------------------------------------------------------


def test_openai_replies_are_posted_with_the_servers_usage(agent, kb, converse, openai_assistant, fake_openai):
    conversation_id = converse("How do I reset my password?")
    reply = thread(agent, conversation_id)[1]
    assert reply["author"]["type"] == "assistant"
    assert reply["body"].startswith("From our docs:")
    assert reply["usage"] == {
        "prompt_tokens": CHAT_USAGE["prompt_tokens"],
        "completion_tokens": CHAT_USAGE["completion_tokens"],
        "model": "gpt-test-2024",
    }
    prompt = fake_openai.requests[0][1]["messages"]
    assert "To reset your password" in prompt[0]["content"]
    assert prompt[-1] == {"role": "user", "content": "How do I reset my password?"}
    metered = ModelUsage.all_workspaces.get(workspace=agent.workspace, model="gpt-test-2024")
    assert (metered.prompt_tokens, metered.completion_tokens) == (321, 54)


def test_openai_sees_the_recent_thread(agent, kb, converse, say, openai_assistant, fake_openai):
    conversation_id = converse("How do I reset my password?")
    say(conversation_id, "And international shipping?")
    roles = [(m["role"], m["content"][:14]) for m in fake_openai.requests[-1][1]["messages"][1:]]
    assert roles == [
        ("user", "How do I reset"),
        ("assistant", "From our docs:"),
        ("user", "And internatio"),
    ]


@pytest.mark.parametrize("fault", [Fault(status=500), Fault(status=503), Fault(delay=1.0)])
def test_openai_failing_after_retries_hands_off(
    agent, kb, converse, openai_assistant, fake_openai, events, fault
):
    fake_openai.faults = [fault] * 3
    conversation_id = converse("How do I reset my password?")
    assert len(fake_openai.requests) == 3  # the first attempt and two retries
    assert conversation(agent, conversation_id)["handled_by"] == "human"
    assert handoffs(events) == ["assistant_provider_failed"]
    assert [m["author"]["type"] for m in thread(agent, conversation_id)] == ["contact"]


def test_openai_recovering_within_its_retries_still_answers(
    agent, kb, converse, openai_assistant, fake_openai
):
    fake_openai.faults = [Fault(status=502), Fault(delay=1.0)]
    conversation_id = converse("How do I reset my password?")
    assert [m["author"]["type"] for m in thread(agent, conversation_id)] == ["contact", "assistant"]


def test_openai_saying_it_cannot_answer_hands_off_and_is_still_metered(
    agent, kb, converse, openai_assistant, fake_openai, events
):
    fake_openai.chat_reply = "HANDOFF"
    converse("How do I reset my password?")
    assert handoffs(events) == ["no_relevant_knowledge"]
    assert ModelUsage.all_workspaces.get(workspace=agent.workspace, model="gpt-test-2024").calls == 1


def test_with_embeddings_a_misspelled_question_is_still_answered(
    agent, converse, openai_embeddings, fake_openai
):
    corpus.load(agent.workspace)
    conversation_id = converse("passwordz?")  # no full-text match; the vectors find the article
    reply = thread(agent, conversation_id)[-1]
    assert reply["author"]["type"] == "assistant"
    assert "Reset your password" in reply["body"]
    # The question's embedding was metered too (one call per article ingested, plus this one).
    assert ModelUsage.all_workspaces.get(workspace=agent.workspace, model="embed-test").calls == 5 + 1


def test_the_assistant_does_not_cache_the_embedding_of_a_contact_message(
    agent, converse, openai_embeddings, fake_openai
):
    """A cached query embedding is a derived copy of the contact's words that an erasure would miss."""
    corpus.load(agent.workspace)
    question = "passwordz?"
    for _ in range(2):
        assert thread(agent, converse(question))[-1]["author"]["type"] == "assistant"
    # Each contact message was embedded afresh: nothing was kept for the next one.
    assert ModelUsage.all_workspaces.get(workspace=agent.workspace, model="embed-test").calls == 5 + 2
    # The knowledge search endpoint's own queries are still cached.
    fake_openai.requests.clear()
    for _ in range(2):
        assert agent.api.get("knowledge/search", {"q": "passwordz"}).status_code == 200
    assert fake_openai.paths() == ["/v1/embeddings"]


def test_the_task_keeps_the_name_queued_messages_carry():
    """Messages queued before the assistant left apps.knowledge name the task by its old path; a
    worker drops a message whose task name it does not know."""
    from config.celery import app

    app.loader.import_default_modules()  # what a worker does at start: every app's tasks module
    registered = app.tasks["apps.knowledge.tasks.assistant_reply"]
    assert registered.__module__ == "apps.assistant.tasks"
    assert "apps.assistant.tasks.assistant_reply" not in app.tasks
