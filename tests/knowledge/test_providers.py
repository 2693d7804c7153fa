"""Providers: the offline extractive one, and the OpenAI-compatible one against a real local server."""

import pytest

from apps.knowledge.models import EMBEDDING_DIMENSIONS
from apps.knowledge.providers import (
    ExtractiveProvider,
    OpenAICompatibleClient,
    OpenAIEmbeddingProvider,
    OpenAIProvider,
    Passage,
    ProviderError,
    Turn,
    build_messages,
    prompt_tokens,
)
from apps.knowledge.tokenizer import count_tokens

from .fake_openai import CHAT_USAGE, Fault, embed

PASSAGES = [
    Passage(
        "chk_1",
        "art_1",
        "Refunds",
        "Refunds\n\nWe refund any order within 30 days. Shipping is not refunded.",
    ),
    Passage("chk_2", "art_2", "Shipping", "Shipping\n\nOrders ship within two days. Tracking is e-mailed."),
]


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


@pytest.mark.parametrize("status", [500, 502, 503, 429])
def test_openai_retries_server_errors_then_succeeds(openai_settings, fake_openai, status):
    fake_openai.faults = [Fault(status=status), Fault(status=status)]
    reply = OpenAIProvider().reply(question="Refund?", passages=PASSAGES, history=[])
    assert reply.text
    assert fake_openai.paths() == ["/v1/chat/completions"] * 3


def test_openai_gives_up_after_its_retries_on_5xx(openai_settings, fake_openai):
    fake_openai.faults = [Fault(status=503)] * 5
    with pytest.raises(ProviderError, match="HTTP 503 after 3 attempts"):
        OpenAIProvider().reply(question="Refund?", passages=PASSAGES, history=[])
    assert len(fake_openai.requests) == 3


def test_openai_retries_a_timeout(openai_settings, fake_openai):
    fake_openai.faults = [Fault(delay=1.0)]  # the client's read timeout is 0.5 s
    reply = OpenAIProvider().reply(question="Refund?", passages=PASSAGES, history=[])
    assert reply.text
    assert len(fake_openai.requests) == 2


def test_openai_gives_up_after_repeated_timeouts(openai_settings, fake_openai):
    openai_settings.OPENAI_MAX_RETRIES = 1
    fake_openai.faults = [Fault(delay=1.0), Fault(delay=1.0)]
    with pytest.raises(ProviderError, match="timeout"):
        OpenAIProvider().reply(question="Refund?", passages=PASSAGES, history=[])
    assert len(fake_openai.requests) == 2


def test_openai_does_not_retry_a_client_error(openai_settings, fake_openai):
    fake_openai.faults = [Fault(status=401)]
    with pytest.raises(ProviderError, match="HTTP 401"):
        OpenAIProvider().reply(question="Refund?", passages=PASSAGES, history=[])
    assert len(fake_openai.requests) == 1


def test_openai_connection_refused_is_a_provider_error(openai_settings):
    openai_settings.OPENAI_BASE_URL = "http://127.0.0.1:9/v1"  # discard port: nothing listens
    with pytest.raises(ProviderError, match="connection error"):
        OpenAIProvider().reply(question="Refund?", passages=PASSAGES, history=[])


def test_retry_after_is_honoured_but_capped():
    client = OpenAICompatibleClient(base_url="http://127.0.0.1:9", backoff=0.5)
    assert client._delay(1, None) == 0.5
    assert client._delay(3, None) == 2.0
    assert client._delay(1, "4") == 4.0
    assert client._delay(1, "3600") == 30.0
    assert client._delay(1, "soon") == 0.5


# --- OpenAI-compatible: embeddings --------------------------------------------------------------------


def test_openai_embeddings_are_ordered_by_index_padded_and_metered(openai_settings, fake_openai):
    openai_settings.OPENAI_EMBEDDING_BATCH_SIZE = 2
    texts = ["refund policy", "shipping times", "reset password", "invoice copy", "cancel plan"]
    result = OpenAIEmbeddingProvider().embed(texts)
    assert fake_openai.paths() == ["/v1/embeddings"] * 3  # batches of 2, 2, 1
    assert [p["input"] for _, p, _ in fake_openai.requests] == [texts[:2], texts[2:4], texts[4:]]
    assert len(result.vectors) == 5
    for text, vector in zip(texts, result.vectors, strict=True):
        assert len(vector) == EMBEDDING_DIMENSIONS
        assert vector[:256] == pytest.approx(embed(text))
        assert not any(vector[256:])
    assert result.usage.prompt_tokens == 10  # what the server reported, summed over the batches
    assert result.usage.completion_tokens == 0
    assert result.usage.model == "embed-test"


def test_openai_embeddings_fail_after_retries(openai_settings, fake_openai):
    fake_openai.faults = [Fault(status=500)] * 3
    with pytest.raises(ProviderError):
        OpenAIEmbeddingProvider().embed(["refund policy"])
    assert len(fake_openai.requests) == 3
