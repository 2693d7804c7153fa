"""The OpenAI-compatible client (retries, timeouts) and embeddings, against a real local server.

The assistant's own providers (extractive, chat prompt and usage) are tested in tests/assistant."""

import pytest

from apps.assistant.providers import OpenAIProvider, Passage
from apps.knowledge.models import EMBEDDING_DIMENSIONS
from apps.knowledge.providers import OpenAICompatibleClient, OpenAIEmbeddingProvider, ProviderError

from .fake_openai import Fault, embed

PASSAGES = [
    Passage(
        "chk_1",
        "art_1",
        "Refunds",
        "Refunds\n\nWe refund any order within 30 days. Shipping is not refunded.",
    ),
    Passage("chk_2", "art_2", "Shipping", "Shipping\n\nOrders ship within two days. Tracking is e-mailed."),
]


# --- OpenAI-compatible: the client's retries (through the assistant's chat provider) ----------------


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
