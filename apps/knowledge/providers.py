"""Model providers behind one small interface: answer a question from passages; embed texts.

- `extractive` (the default): offline and deterministic. It answers with the passages' sentences that
  best match the question and counts tokens with the project's deterministic tokenizer.
- `openai`: any OpenAI-compatible server (`POST {base}/chat/completions`, `POST {base}/embeddings`)
  over httpx, with connect/read timeouts and retries (timeouts, connection errors, 429 and 5xx, with
  exponential back-off that honours `Retry-After`). Usage comes from the server's `usage` object.

Providers never touch the database: callers meter the returned `Usage` (see metering.py).
"""

from __future__ import annotations

import contextlib
import logging
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Protocol

import httpx

from . import conf
from .models import EMBEDDING_DIMENSIONS
from .tokenizer import count_tokens, words

logger = logging.getLogger("apps.knowledge.providers")

# The model's answer when the passages do not answer the question: the assistant then hands off.
CANNOT_ANSWER = "HANDOFF"

SYSTEM_PROMPT = (
    "You are the customer-support assistant of this company. Answer the customer's last message "
    "using only the knowledge-base passages below; be brief and reply in the customer's language. "
    "Never invent facts, prices or promises. If the passages do not contain the answer, reply with "
    f"exactly {CANNOT_ANSWER} and nothing else."
)


class ProviderError(Exception):
    """The provider could not produce a result (after its retries, or for a non-retryable reason)."""


@dataclass(frozen=True)
class Usage:
    prompt_tokens: int
    completion_tokens: int
    model: str

    def as_dict(self) -> dict:
        return {
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "model": self.model,
        }


@dataclass(frozen=True)
class Passage:
    chunk_id: str
    article_id: str
    title: str
    text: str
    locale: str = "en"


@dataclass(frozen=True)
class Turn:
    role: str  # "user" (the contact) or "assistant" (the assistant or an agent)
    text: str


@dataclass(frozen=True)
class Reply:
    text: str
    usage: Usage
    cannot_answer: bool = False


@dataclass(frozen=True)
class Embeddings:
    vectors: list[list[float]]
    usage: Usage
    model: str = ""
    extra: dict = field(default_factory=dict)


class AssistantProvider(Protocol):
    name: str

    def reply(self, *, question: str, passages: list[Passage], history: list[Turn]) -> Reply: ...


class EmbeddingProvider(Protocol):
    name: str
    model: str

    def embed(self, texts: list[str]) -> Embeddings: ...


def build_messages(*, question: str, passages: list[Passage], history: list[Turn]) -> list[dict]:
    """The grounded chat prompt: instructions and numbered passages, the recent thread, the question."""
    context = "\n\n".join(
        f"[{index}] {passage.title}\n{passage.text}" for index, passage in enumerate(passages, start=1)
    )
    messages = [{"role": "system", "content": f"{SYSTEM_PROMPT}\n\nKnowledge-base passages:\n\n{context}"}]
    messages += [{"role": turn.role, "content": turn.text} for turn in history]
    messages.append({"role": "user", "content": question})
    return messages


def prompt_tokens(messages: list[dict]) -> int:
    # Chat formats add a few tokens per message for the role markers.
    return sum(count_tokens(m["content"]) + 4 for m in messages)


# --- extractive ------------------------------------------------------------------------------------

_STOP_WORDS = frozenset(
    [
        "the",
        "and",
        "for",
        "you",
        "your",
        "can",
        "how",
        "what",
        "get",
        "are",
        "with",
        "this",
        "that",
        "from",
        "have",
        "does",
        "did",
        "not",
        "any",
        "our",
        "was",
        "will",
        "which",
        "when",
        "where",
        "why",
        "who",
        "has",
        "had",
        "its",
        "into",
        "about",
        "there",
        "their",
        "them",
        "they",
        "then",
        "than",
    ]
)


def _keywords(text: str) -> set[str]:
    """Content words, crudely stemmed (first 5 letters), so `refund` meets `refunded`."""
    return {w[:5] for w in words(text) if len(w) > 2 and w not in _STOP_WORDS}


_SOURCE_LABEL = {"en": "Source", "fr": "Source", "de": "Quelle", "es": "Fuente", "it": "Fonte", "pt": "Fonte"}
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?。！？])\s+|\n+")


class ExtractiveProvider:
    """Answers with the passages' sentences that share the most words with the question."""

    name = "extractive"
    model = "extractive"
    max_sentences = 3

    def reply(self, *, question: str, passages: list[Passage], history: list[Turn]) -> Reply:
        messages = build_messages(question=question, passages=passages, history=history)
        if not passages:
            return Reply(CANNOT_ANSWER, Usage(prompt_tokens(messages), 1, self.model), cannot_answer=True)
        question_words = _keywords(question)
        candidates = []  # (overlap, passage rank, sentence index, sentence, passage)
        for rank, passage in enumerate(passages[:3]):
            paragraphs = passage.text.split("\n\n")
            # The chunker starts a chunk with its heading path: not a sentence worth quoting.
            has_heading = len(paragraphs) > 1 and "." not in paragraphs[0]
            body = "\n\n".join(paragraphs[1:]) if has_heading else passage.text
            for index, sentence in enumerate(s.strip() for s in _SENTENCE_SPLIT.split(body)):
                if len(sentence.split()) < 3 and len(sentence) < 12:
                    continue
                overlap = len(question_words & _keywords(sentence))
                candidates.append((overlap, rank, index, sentence, passage))
        if not candidates:
            return Reply(CANNOT_ANSWER, Usage(prompt_tokens(messages), 1, self.model), cannot_answer=True)
        # The retrieval's best passage first; other passages only for sentences matching as well as
        # the best one does (so a question about refunds does not drift into shipping).
        top_overlap = max(c[0] for c in candidates)
        ranked = sorted(candidates, key=lambda c: (-c[0], c[1], c[2]))
        best = [c for c in ranked if c[1] == 0 and c[0] > 0]
        best += [c for c in ranked if c[1] > 0 and c[0] == top_overlap > 0]
        best = best[: self.max_sentences]
        if not best:  # nothing shares a word: quote the top passage's opening instead
            best = [c for c in candidates if c[1] == 0][:2] or candidates[:2]
        best.sort(key=lambda c: (c[1], c[2]))
        used = []
        for candidate in best:
            if candidate[4].article_id not in [p.article_id for p in used]:
                used.append(candidate[4])
        label = _SOURCE_LABEL.get(used[0].locale.split("-")[0], "Source")
        text = " ".join(c[3] for c in best) + "\n\n" + f"{label}: " + "; ".join(p.title for p in used)
        return Reply(text, Usage(prompt_tokens(messages), count_tokens(text), self.model))


# --- OpenAI-compatible -----------------------------------------------------------------------------

RETRYABLE_STATUS = frozenset({408, 425, 429})  # and every 5xx
_clients: dict[tuple, httpx.Client] = {}
_clients_lock = threading.Lock()


class OpenAICompatibleClient:
    """POSTs JSON to an OpenAI-compatible server with timeouts and bounded, backed-off retries."""

    def __init__(
        self,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout: float | None = None,
        connect_timeout: float | None = None,
        max_retries: int | None = None,
        backoff: float | None = None,
        transport: httpx.BaseTransport | None = None,
    ):
        self.base_url = (base_url or conf.get("OPENAI_BASE_URL")).rstrip("/")
        self.api_key = conf.get("OPENAI_API_KEY") if api_key is None else api_key
        self.timeout = httpx.Timeout(
            conf.get("OPENAI_TIMEOUT_SECONDS") if timeout is None else timeout,
            connect=conf.get("OPENAI_CONNECT_TIMEOUT_SECONDS")
            if connect_timeout is None
            else connect_timeout,
        )
        self.max_retries = conf.get("OPENAI_MAX_RETRIES") if max_retries is None else max_retries
        self.backoff = conf.get("OPENAI_RETRY_BACKOFF_SECONDS") if backoff is None else backoff
        self.transport = transport

    def post(self, path: str, payload: dict) -> dict:
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        url = f"{self.base_url}/{path.lstrip('/')}"
        last_problem = "no attempt made"
        last_retry_after: str | None = None
        client = self._client()
        for attempt in range(self.max_retries + 1):
            if attempt:
                time.sleep(self._delay(attempt, last_retry_after))
            last_retry_after = None
            try:
                response = client.post(url, json=payload, headers=headers)
            except httpx.TimeoutException as exc:
                last_problem = f"timeout ({type(exc).__name__})"
                continue
            except httpx.TransportError as exc:
                last_problem = f"connection error ({type(exc).__name__})"
                continue
            if response.status_code in RETRYABLE_STATUS or response.status_code >= 500:
                last_problem = f"HTTP {response.status_code}"
                last_retry_after = response.headers.get("Retry-After")
                continue
            if response.status_code >= 300:
                raise ProviderError(f"{path}: HTTP {response.status_code} (not retried)")
            try:
                return response.json()
            except ValueError:
                raise ProviderError(f"{path}: the response is not JSON") from None
        raise ProviderError(f"{path}: {last_problem} after {self.max_retries + 1} attempts")

    def _client(self) -> httpx.Client:
        """A pooled client per server and timeout, shared by the process's calls: a search must not
        pay a new TCP (and TLS) handshake each time."""
        if self.transport is not None:
            return httpx.Client(timeout=self.timeout, transport=self.transport, follow_redirects=False)
        key = (self.base_url, self.timeout.connect, self.timeout.read)
        with _clients_lock:
            client = _clients.get(key)
            if client is None or client.is_closed:
                client = _clients[key] = httpx.Client(timeout=self.timeout, follow_redirects=False)
        return client

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        delay = self.backoff * 2 ** (attempt - 1)
        if retry_after:
            with contextlib.suppress(ValueError):
                delay = max(delay, min(float(retry_after), 30.0))
        return delay


class OpenAIProvider:
    name = "openai"

    def __init__(self, client: OpenAICompatibleClient | None = None, model: str | None = None):
        self.client = client or OpenAICompatibleClient()
        self.model = model or conf.get("OPENAI_MODEL")

    def reply(self, *, question: str, passages: list[Passage], history: list[Turn]) -> Reply:
        messages = build_messages(question=question, passages=passages, history=history)
        body = self.client.post(
            "chat/completions",
            {
                "model": self.model,
                "messages": messages,
                "temperature": 0.2,
                "max_tokens": conf.get("OPENAI_MAX_COMPLETION_TOKENS"),
            },
        )
        try:
            text = (body["choices"][0]["message"]["content"] or "").strip()
        except (KeyError, IndexError, TypeError):
            raise ProviderError("chat/completions: no choices[0].message.content in the response") from None
        usage = _usage(body, self.model, fallback_prompt=prompt_tokens(messages), fallback_completion=text)
        cannot_answer = not text or text.strip().strip(".").upper() == CANNOT_ANSWER
        return Reply(text, usage, cannot_answer=cannot_answer)


class OpenAIEmbeddingProvider:
    name = "openai"

    def __init__(self, client: OpenAICompatibleClient | None = None, model: str | None = None):
        self.client = client or OpenAICompatibleClient()
        self.model = model or conf.get("OPENAI_EMBEDDING_MODEL")

    def embed(self, texts: list[str]) -> Embeddings:
        vectors: list[list[float]] = []
        prompt = 0
        model = self.model
        size = max(1, conf.get("OPENAI_EMBEDDING_BATCH_SIZE"))
        for start in range(0, len(texts), size):
            batch = texts[start : start + size]
            body = self.client.post("embeddings", {"model": self.model, "input": batch})
            try:
                rows = sorted(body["data"], key=lambda row: row.get("index", 0))
                batch_vectors = [pad_embedding(row["embedding"]) for row in rows]
            except (KeyError, TypeError, ValueError) as exc:
                raise ProviderError(f"embeddings: malformed response ({exc})") from None
            if len(batch_vectors) != len(batch):
                raise ProviderError(f"embeddings: {len(batch_vectors)} vectors for {len(batch)} inputs")
            vectors.extend(batch_vectors)
            usage = body.get("usage") or {}
            prompt += int(usage.get("prompt_tokens") or usage.get("total_tokens") or 0) or sum(
                count_tokens(t) for t in batch
            )
            model = body.get("model") or model
        return Embeddings(vectors=vectors, usage=Usage(prompt, 0, model), model=self.model)


def pad_embedding(vector: list[float]) -> list[float]:
    """Fit a vector to the column: zero-pad a shorter one (cosine distance is unchanged)."""
    values = [float(v) for v in vector]
    if not values:
        raise ValueError("empty embedding")
    if len(values) > EMBEDDING_DIMENSIONS:
        raise ValueError(f"{len(values)} dimensions; the index holds at most {EMBEDDING_DIMENSIONS}")
    return values + [0.0] * (EMBEDDING_DIMENSIONS - len(values))


def _usage(body: dict, model: str, *, fallback_prompt: int, fallback_completion: str) -> Usage:
    usage = body.get("usage") or {}
    try:
        prompt = int(usage["prompt_tokens"])
        completion = int(usage["completion_tokens"])
    except (KeyError, TypeError, ValueError):
        # A server that reports no usage is metered with the deterministic tokenizer instead.
        prompt, completion = fallback_prompt, count_tokens(fallback_completion)
    return Usage(prompt, completion, str(body.get("model") or model))


def assistant_provider() -> AssistantProvider:
    name = conf.get("ASSISTANT_PROVIDER") or "extractive"
    if name == "extractive":
        return ExtractiveProvider()
    if name == "openai":
        return OpenAIProvider()
    raise ProviderError(f"unknown ASSISTANT_PROVIDER {name!r} (expected 'extractive' or 'openai')")


def embedding_provider(*, for_query: bool = False) -> EmbeddingProvider | None:
    """The configured embedding provider, or None. `for_query`: a search is waiting on it, so it gets a
    short timeout and one retry (the search then falls back to full text) instead of the ingestion's."""
    name = conf.get("KNOWLEDGE_EMBEDDING_PROVIDER") or ""
    if not name:
        return None
    if name == "openai":
        if for_query:
            timeout = min(
                conf.get("OPENAI_TIMEOUT_SECONDS"), conf.get("KNOWLEDGE_QUERY_EMBEDDING_TIMEOUT_SECONDS")
            )
            return OpenAIEmbeddingProvider(
                client=OpenAICompatibleClient(
                    timeout=timeout, max_retries=min(1, conf.get("OPENAI_MAX_RETRIES"))
                )
            )
        return OpenAIEmbeddingProvider()
    raise ProviderError(f"unknown KNOWLEDGE_EMBEDDING_PROVIDER {name!r} (expected '' or 'openai')")
