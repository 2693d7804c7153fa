"""The assistant's providers: the offline extractive one, and the chat prompt and usage of the
OpenAI-compatible one against a real local server (its retries: tests/knowledge/test_providers.py)."""

from apps.assistant.providers import (
    ExtractiveProvider,
    OpenAIProvider,
    Passage,
    Turn,
    build_messages,
    prompt_tokens,
)
from apps.knowledge.tokenizer import count_tokens
from tests.knowledge.fake_openai import CHAT_USAGE
from tests.knowledge.test_providers import PASSAGES

# --- extractive -------------------------------------------------------------------------------------


def test_extractive_answers_with_the_matching_sentences_and_names_the_source():
    reply = ExtractiveProvider().reply(
        question="Can I get a refund for my order?", passages=PASSAGES, history=[]
    )
    assert "We refund any order within 30 days." in reply.text
    assert reply.text.endswith("Source: Refunds")
    assert not reply.cannot_answer


def test_extractive_usage_is_the_deterministic_token_count():
    history = [Turn("user", "Hello"), Turn("assistant", "Hi, how can I help?")]
    question = "How long does shipping take?"
    reply = ExtractiveProvider().reply(question=question, passages=PASSAGES, history=history)
    messages = build_messages(question=question, passages=PASSAGES, history=history)
    assert reply.usage.prompt_tokens == prompt_tokens(messages) > 0
    assert reply.usage.completion_tokens == count_tokens(reply.text) > 0
    assert reply.usage.model == "extractive"
    again = ExtractiveProvider().reply(question=question, passages=PASSAGES, history=history)
    assert again == reply


def test_extractive_without_passages_cannot_answer():
    reply = ExtractiveProvider().reply(question="Anything?", passages=[], history=[])
    assert reply.cannot_answer


def test_extractive_labels_the_source_in_the_article_language():
    passage = Passage(
        "chk_3", "art_3", "Rückerstattung", "Wir erstatten jede Bestellung innerhalb von 30 Tagen.", "de"
    )
    reply = ExtractiveProvider().reply(question="Bestellung erstatten?", passages=[passage], history=[])
    assert reply.text.endswith("Quelle: Rückerstattung")


# --- OpenAI-compatible: chat completions --------------------------------------------------------------


def test_openai_chat_sends_a_grounded_prompt_and_reads_usage_from_the_response(openai_settings, fake_openai):
    reply = OpenAIProvider().reply(
        question="Can I get a refund?", passages=PASSAGES, history=[Turn("user", "Hi there")]
    )
    assert fake_openai.paths() == ["/v1/chat/completions"]
    _, payload, headers = fake_openai.requests[0]
    assert headers["Authorization"] == "Bearer sk-test-key"
    assert payload["model"] == "gpt-test"
    roles = [m["role"] for m in payload["messages"]]
    assert roles == ["system", "user", "user"]
    assert "We refund any order within 30 days." in payload["messages"][0]["content"]
    assert payload["messages"][-1]["content"] == "Can I get a refund?"
    assert reply.text.startswith("From our docs:")
    assert (reply.usage.prompt_tokens, reply.usage.completion_tokens) == (
        CHAT_USAGE["prompt_tokens"],
        CHAT_USAGE["completion_tokens"],
    )
    assert reply.usage.model == "gpt-test-2024"  # the model the server says it used


def test_openai_chat_without_usage_is_metered_with_the_deterministic_tokenizer(openai_settings, fake_openai):
    fake_openai.omit_usage = True
    reply = OpenAIProvider().reply(question="Refund?", passages=PASSAGES, history=[])
    assert reply.usage.completion_tokens == count_tokens(reply.text)
    assert reply.usage.prompt_tokens == prompt_tokens(
        build_messages(question="Refund?", passages=PASSAGES, history=[])
    )


def test_openai_chat_handoff_answer_means_cannot_answer(openai_settings, fake_openai):
    fake_openai.chat_reply = "HANDOFF"
    assert OpenAIProvider().reply(question="Weather?", passages=PASSAGES, history=[]).cannot_answer
