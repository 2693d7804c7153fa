"""Retrieval: full-text ranking per article language, vector similarity, and their fusion.

Full text: each chunk's `tsvector` was built with its article's language (`search_config`), so a
query is parsed once per language present in the workspace and matched against the chunks of that
language only (the GIN index on (workspace, search_vector) serves each branch). All words must match
(`websearch_to_tsquery`: quotes, `or`, `-word` work as on a search engine); when nothing does, any
word may, and the assistant then keeps only hits that cover enough of the question's words.

Vectors: cosine distance on the HNSW index, with pgvector's iterative scan so the workspace and
`published` filters do not starve the result.

Hybrid: when the workspace has embedded chunks and an embedding provider is configured, both lists
are fused by reciprocal rank (score = Σ 1 / (60 + rank)); otherwise the score is the full-text rank
normalised to 0..1 (`ts_rank_cd(…, 32)`).
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field, replace

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count

from . import conf, metering
from .locales import search_config_for
from .models import Article
from .providers import ProviderError, Usage, embedding_provider, pad_embedding
from .tokenizer import words

logger = logging.getLogger("apps.knowledge.search")

RRF_K = 60
MAX_QUERY_TERMS = 12
PROFILE_TTL_SECONDS = 300
QUERY_EMBEDDING_TTL_SECONDS = 3600


@dataclass(frozen=True)
class Hit:
    chunk_id: str
    article_id: str
    article_title: str
    article_locale: str
    position: int
    text: str
    token_count: int
    score: float
    fts_rank: float | None = None
    similarity: float | None = None
    # Share of the question's meaningful words the chunk contains (1.0 when all words matched).
    coverage: float = 1.0


@dataclass
class SearchResult:
    hits: list[Hit]
    mode: str  # "fulltext", "hybrid" or "none"
    usage: list[Usage] = field(default_factory=list)


# --- the workspace's search profile (languages present, embeddings present), cached -----------------


def _profile_key(workspace_id: str) -> str:
    return f"knowledge:profile:{workspace_id}"


def forget_profile(workspace_id: str) -> None:
    """Drop the cached profile now and again after commit (so a search racing the commit cannot keep
    a stale one): the next search recomputes it."""
    key = _profile_key(workspace_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def search_profile(workspace_id: str) -> dict:
    """{"configs": [text-search configs of published articles], "embedding_models": [...]}."""
    key = _profile_key(workspace_id)
    profile = cache.get(key)
    if profile is None:
        rows = (
            Article.objects.filter(status=Article.Status.PUBLISHED, chunk_count__gt=0)
            .values("locale", "embedding_model")
            .annotate(n=Count("id"))
        )
        configs = sorted({search_config_for(row["locale"]) for row in rows})
        models = sorted({row["embedding_model"] for row in rows if row["embedding_model"]})
        profile = {"configs": configs, "embedding_models": models}
        cache.set(key, profile, PROFILE_TTL_SECONDS)
    return profile


# --- query shaping ----------------------------------------------------------------------------------


def query_terms(query: str) -> list[str]:
    """The distinct words of a query (for the any-word fallback), without websearch operators."""
    seen: list[str] = []
    for word in words(query):
        if word != "or" and word not in seen:
            seen.append(word)
    return seen[:MAX_QUERY_TERMS]


def uses_search_syntax(query: str) -> bool:
    """A quoted phrase, `-word` or `or`: the user said what must match, so no any-word fallback."""
    return (
        '"' in query
        or re.search(r"(^|\s)-\w", query) is not None
        or re.search(r"\sor\s", query, re.I) is not None
    )


def _locale_filter(locale: str | None, alias: str) -> tuple[str, list]:
    if not locale:
        return "", []
    if "-" in locale:
        return f" AND {alias}.locale = %s", [locale]
    return f" AND ({alias}.locale = %s OR {alias}.locale LIKE %s)", [locale, f"{locale}-%"]


# --- full text --------------------------------------------------------------------------------------


def fulltext_search(
    *, workspace_id: str, query: str, limit: int, locale: str | None = None, any_word: bool = False
) -> list[Hit]:
    """Chunks of published articles matching the query, best first."""
    configs = [search_config_for(locale)] if locale else search_profile(workspace_id)["configs"]
    if not configs:
        return []
    terms = query_terms(query)
    if any_word:
        if len(terms) < 2:
            return []
        text = " or ".join(terms)
    else:
        text = query
    # One row per language: its parsed query; the same without phrases (`loose`: a phrase is looked up
    # as all of its words, then checked as a phrase on the candidates only, because checking a phrase
    # needs the row and common words share many rows); for coverage, each term parsed alone.
    loose = text.replace('"', " ")
    values = ", ".join(
        "(%s::text, websearch_to_tsquery(%s::regconfig, %s), websearch_to_tsquery(%s::regconfig, %s), "
        "ARRAY[" + ", ".join(["plainto_tsquery(%s::regconfig, %s)"] * len(terms)) + "]::tsquery[])"
        for _ in configs
    )
    params: list = []
    for config in configs:
        params += [config, config, text, config, loose]
        for term in terms:
            params += [config, term]
    locale_sql, locale_params = _locale_filter(locale, "c")
    # Candidates first, ranked after. A query whose words are everywhere matches tens of thousands of
    # chunks; ranking them all would cost in proportion. So the candidates are the chunks whose article
    # *title* matches (the likeliest answers) plus the body matches, each capped, and only those are
    # ranked: the cost stays flat, and below the cap (any specific query) the ranking is exact.
    cap = conf.get("KNOWLEDGE_SEARCH_CANDIDATES")
    sql = f"""
        WITH q(cfg, query, loose, terms) AS (VALUES {values}),
        candidate_ids AS (
            (SELECT c.id FROM q
             JOIN knowledge_chunk c
               ON c.workspace_id = %s AND c.search_config = q.cfg AND c.title_vector @@ q.loose
             WHERE c.published{locale_sql}
             LIMIT %s)
            UNION
            (SELECT c.id FROM q
             JOIN knowledge_chunk c
               ON c.workspace_id = %s AND c.search_config = q.cfg AND c.search_vector @@ q.loose
             WHERE c.published{locale_sql}
             LIMIT %s)
        ),
        ranked AS (
            SELECT c.id, c.article_id, c.position, c.text, c.token_count, c.search_vector, q.terms,
                   ts_rank_cd(c.search_vector, q.query, 32) AS rank
            FROM candidate_ids i
            JOIN knowledge_chunk c ON c.id = i.id
            JOIN q ON q.cfg = c.search_config
            -- `IS TRUE`: a check on these rows, not an index condition (which would fetch every match).
            WHERE (c.search_vector @@ q.query) IS TRUE
            ORDER BY rank DESC, c.id
            LIMIT %s
        )
        SELECT r.id, r.article_id, r.position, r.text, r.token_count, a.title, a.locale, r.rank,
               (SELECT count(*) FROM unnest(r.terms) t WHERE numnode(t) > 0 AND r.search_vector @@ t),
               (SELECT count(*) FROM unnest(r.terms) t WHERE numnode(t) > 0)
        FROM ranked r
        JOIN knowledge_article a ON a.id = r.article_id
        ORDER BY r.rank DESC, r.id
    """  # noqa: S608 - only placeholders are interpolated
    params += [workspace_id, *locale_params, cap, workspace_id, *locale_params, cap, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    hits = []
    for chunk_id, article_id, position, text_, tokens, title, art_locale, rank, matched, meaningful in rows:
        coverage = 1.0 if not any_word else (matched / meaningful if meaningful else 0.0)
        hits.append(
            Hit(
                chunk_id=chunk_id,
                article_id=article_id,
                article_title=title,
                article_locale=art_locale,
                position=position,
                text=text_,
                token_count=tokens,
                score=round(float(rank), 6),
                fts_rank=float(rank),
                coverage=coverage,
            )
        )
    return hits


# --- vectors ----------------------------------------------------------------------------------------


def vector_search(
    *, workspace_id: str, embedding: list[float], model: str, limit: int, locale: str | None = None
) -> list[Hit]:
    literal = "[" + ",".join(repr(float(v)) for v in embedding) + "]"
    locale_sql, locale_params = _locale_filter(locale, "c")
    sql = f"""
        SELECT c.id, c.article_id, c.position, c.text, c.token_count, a.title, a.locale,
               c.embedding <=> %s::vector AS distance
        FROM knowledge_chunk c
        JOIN knowledge_article a ON a.id = c.article_id
        WHERE c.workspace_id = %s AND c.embedding IS NOT NULL AND c.published
          AND a.embedding_model = %s{locale_sql}
        ORDER BY c.embedding <=> %s::vector
        LIMIT %s
    """  # noqa: S608 - only placeholders are interpolated
    with transaction.atomic(), connection.cursor() as cursor:
        # Filtered HNSW scans keep walking the graph until `limit` rows pass the filters.
        cursor.execute(
            "SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true), "
            "set_config('hnsw.ef_search', %s, true)",
            [str(max(40, limit * 2))],
        )
        cursor.execute(sql, [literal, workspace_id, model, *locale_params, literal, limit])
        rows = cursor.fetchall()
    hits = [
        Hit(
            chunk_id=chunk_id,
            article_id=article_id,
            article_title=title,
            article_locale=art_locale,
            position=position,
            text=text_,
            token_count=tokens,
            score=round(1.0 - float(distance), 6),
            similarity=1.0 - float(distance),
            coverage=0.0,
        )
        for chunk_id, article_id, position, text_, tokens, title, art_locale, distance in rows
    ]
    # Relaxed order: re-sort. Too distant to mean anything: not a result.
    floor = conf.get("KNOWLEDGE_MIN_VECTOR_SIMILARITY")
    hits = [hit for hit in hits if (hit.similarity or 0.0) >= floor]
    hits.sort(key=lambda hit: (-(hit.similarity or 0.0), hit.chunk_id))
    return hits


def fuse(ranked_lists: list[list[Hit]], limit: int) -> list[Hit]:
    """Reciprocal-rank fusion: score = Σ 1/(60 + rank) over the lists a chunk appears in."""
    scores: dict[str, float] = {}
    merged: dict[str, Hit] = {}
    for hits in ranked_lists:
        for rank, hit in enumerate(hits, start=1):
            scores[hit.chunk_id] = scores.get(hit.chunk_id, 0.0) + 1.0 / (RRF_K + rank)
            known = merged.get(hit.chunk_id)
            if known is None:
                merged[hit.chunk_id] = hit
            else:
                merged[hit.chunk_id] = replace(
                    known,
                    fts_rank=known.fts_rank if known.fts_rank is not None else hit.fts_rank,
                    similarity=known.similarity if known.similarity is not None else hit.similarity,
                    coverage=max(known.coverage, hit.coverage),
                )
    ordered = sorted(merged.values(), key=lambda hit: (-scores[hit.chunk_id], hit.chunk_id))
    return [replace(hit, score=round(scores[hit.chunk_id], 6)) for hit in ordered[:limit]]


# --- the search ---------------------------------------------------------------------------------------


def query_embedding(
    *, workspace_id: str, query: str, provider, result: SearchResult, store: bool = True
) -> list[float]:
    """The query's embedding, from the cache when this workspace asked the same thing within the hour
    (no call, so nothing to meter); else from the provider, metered. Keyed by workspace too: a shared
    entry would let one tenant notice, by speed or bill, what another searched. `store=False` (a
    contact's own words, which the erasure must not leave behind) reads the cache but never fills it."""
    digest = hashlib.sha256(f"{workspace_id}\x00{provider.model}\x00{query}".encode()).hexdigest()
    key = f"knowledge:query-embedding:{digest}"
    cached = cache.get(key)
    if cached is not None:
        return pad_embedding(cached)
    embedded = provider.embed([query])
    metering.record_usage(workspace_id=workspace_id, usage=embedded.usage)
    result.usage.append(embedded.usage)
    vector = embedded.vectors[0]
    trimmed = list(vector)
    while trimmed and trimmed[-1] == 0.0:  # the padding: no need to store it
        trimmed.pop()
    if store:
        cache.set(key, trimmed or [0.0], QUERY_EMBEDDING_TTL_SECONDS)
    return vector


def search(
    *,
    workspace_id: str,
    query: str,
    limit: int,
    locale: str | None = None,
    any_word_fallback: bool = True,
    cache_query_embedding: bool = True,
) -> SearchResult:
    """Ranked chunks for a query: full text alone, or fused with vectors when embeddings exist.

    `cache_query_embedding=False` for a query made of a contact's message (the assistant): its
    embedding is a derived copy of personal data, so it is not kept in the cache."""
    depth = max(limit, 20)
    fts = fulltext_search(workspace_id=workspace_id, query=query, limit=depth, locale=locale)
    if not fts and any_word_fallback and not uses_search_syntax(query):
        fts = fulltext_search(
            workspace_id=workspace_id, query=query, limit=depth, locale=locale, any_word=True
        )
    result = SearchResult(hits=fts[:limit], mode="fulltext" if fts else "none")
    provider = embedding_provider(for_query=True)
    if provider is None or provider.model not in search_profile(workspace_id)["embedding_models"]:
        return result
    try:
        embedding = query_embedding(
            workspace_id=workspace_id,
            query=query,
            provider=provider,
            result=result,
            store=cache_query_embedding,
        )
    except ProviderError as exc:
        logger.warning("query embedding failed, full-text results only: %s", exc)
        return result
    vectors = vector_search(
        workspace_id=workspace_id,
        embedding=embedding,
        model=provider.model,
        limit=depth,
        locale=locale,
    )
    if not vectors:
        return result
    result.hits = fuse([fts, vectors], limit)
    result.mode = "hybrid"
    return result
