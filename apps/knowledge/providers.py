"""Embedding providers, and the HTTP client for OpenAI-compatible servers.

- no provider (the default): full-text search only.
- `openai`: any OpenAI-compatible server (`POST {base}/embeddings`) over httpx, with connect/read
  timeouts and retries (timeouts, connection errors, 429 and 5xx, with exponential back-off that
  honours `Retry-After`). Usage comes from the server's `usage` object.

The assistant's chat providers (apps/assistant/providers.py) use the same client and errors.
Providers never touch the database: callers meter the returned `Usage` (see metering.py).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Protocol

import httpx

from . import conf
from .models import EMBEDDING_DIMENSIONS
from .tokenizer import count_tokens

logger = logging.getLogger("apps.knowledge.providers")


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
class Embeddings:
    vectors: list[list[float]]
    usage: Usage
    model: str = ""
    extra: dict = field(default_factory=dict)


class EmbeddingProvider(Protocol):
    name: str
    model: str

    def embed(self, texts: list[str]) -> Embeddings: ...


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
