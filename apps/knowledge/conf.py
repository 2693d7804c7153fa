"""The knowledge base's settings: Django settings first, then the environment.

Every value can be set in the settings module or in the environment under the same name, so an
operator configures embeddings without a code change (`KNOWLEDGE_EMBEDDING_PROVIDER=openai
OPENAI_API_KEY=…`). Nothing here needs a key or a model download: the default is no embeddings
(full-text search only). The assistant (apps/assistant) reads its own settings from Django settings.
"""

from __future__ import annotations

import os

from django.conf import settings

DEFAULTS: dict[str, object] = {
    # Which provider embeds chunks and queries: "" (none: full-text search only) or "openai".
    "KNOWLEDGE_EMBEDDING_PROVIDER": "",
    "OPENAI_BASE_URL": "https://api.openai.com/v1",
    "OPENAI_API_KEY": "",
    "OPENAI_EMBEDDING_MODEL": "text-embedding-3-small",
    "OPENAI_TIMEOUT_SECONDS": 30.0,
    "OPENAI_CONNECT_TIMEOUT_SECONDS": 5.0,
    # Retries after the first attempt, on timeouts, connection errors, 429 and 5xx.
    "OPENAI_MAX_RETRIES": 2,
    "OPENAI_RETRY_BACKOFF_SECONDS": 0.5,
    "OPENAI_EMBEDDING_BATCH_SIZE": 64,
    # Embedding a search query: a person (or the assistant) is waiting.
    "KNOWLEDGE_QUERY_EMBEDDING_TIMEOUT_SECONDS": 5.0,
    # Chunking: bounded length and a small overlap, in tokens of the deterministic tokenizer.
    "KNOWLEDGE_CHUNK_MAX_TOKENS": 200,
    "KNOWLEDGE_CHUNK_OVERLAP_TOKENS": 30,
    # A full-text query ranks at most this many title matches plus this many body matches (bounds the
    # cost of very common words; below it the ranking is exact).
    "KNOWLEDGE_SEARCH_CANDIDATES": 200,
    # A vector hit counts as relevant from this cosine similarity up (model dependent).
    "KNOWLEDGE_MIN_VECTOR_SIMILARITY": 0.35,
}

_FLOATS = {
    "KNOWLEDGE_QUERY_EMBEDDING_TIMEOUT_SECONDS",
    "OPENAI_TIMEOUT_SECONDS",
    "OPENAI_CONNECT_TIMEOUT_SECONDS",
    "OPENAI_RETRY_BACKOFF_SECONDS",
    "KNOWLEDGE_MIN_VECTOR_SIMILARITY",
}
_INTS = {
    "OPENAI_MAX_RETRIES",
    "OPENAI_EMBEDDING_BATCH_SIZE",
    "KNOWLEDGE_CHUNK_MAX_TOKENS",
    "KNOWLEDGE_CHUNK_OVERLAP_TOKENS",
    "KNOWLEDGE_SEARCH_CANDIDATES",
}


def get(name: str):
    """The setting `name`: Django settings, else the environment, else the default above."""
    if hasattr(settings, name):
        return getattr(settings, name)
    raw = os.environ.get(name)
    if raw is None:
        return DEFAULTS[name]
    if name in _FLOATS:
        return float(raw)
    if name in _INTS:
        return int(raw)
    return raw
