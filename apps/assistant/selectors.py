"""What the assistant would answer from: the relevant passages of the knowledge base for a question."""

from __future__ import annotations

from django.conf import settings

from apps.knowledge.search import Hit, search

MAX_QUESTION_CHARS = 1000


def is_relevant(hit: Hit) -> bool:
    if hit.fts_rank is not None and hit.coverage >= settings.KNOWLEDGE_MIN_TERM_COVERAGE:
        return True
    return hit.similarity is not None and hit.similarity >= settings.KNOWLEDGE_MIN_VECTOR_SIMILARITY


def retrieve(*, workspace_id: str, question: str) -> list[Hit]:
    """The passages the assistant answers `question` from (only those it deems relevant): what it
    grounds a reply in, and what the dashboard's knowledge search shows a person. Raises
    ProviderError."""
    result = search(
        workspace_id=workspace_id,
        query=question[:MAX_QUESTION_CHARS],
        limit=settings.ASSISTANT_CONTEXT_CHUNKS,
        cache_query_embedding=False,  # a contact's words: no copy may outlive an erasure
    )
    return [hit for hit in result.hits if is_relevant(hit)]
