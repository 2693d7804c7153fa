"""GET /knowledge/search: ranking on a fixed corpus, languages, drafts, isolation, hybrid fusion."""

import pytest

from apps.billing.models import ModelUsage
from apps.knowledge.models import Chunk
from apps.knowledge.search import Hit, fuse

from . import corpus
from .factories import published


def search(persona, q, **params):
    response = persona.api.get("knowledge/search", {"q": q, **params})
    assert response.status_code == 200, response.json()
    return response.json()["data"]


def top_article(persona, q, **params):
    hits = search(persona, q, **params)
    return hits[0]["article_id"] if hits else None


@pytest.fixture
def kb(agent):
    return corpus.load(agent.workspace)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("reset password", "password"),
        ("forgot my password", "password"),
        ("refund", "refunds"),
        ("international shipping", "shipping"),
        ("tracking number", "shipping"),
        ("cancel subscription", "cancel"),
        ("authenticator app", "2fa"),
        ('"two-factor authentication"', "2fa"),
    ],
)
def test_the_expected_article_ranks_first(agent, kb, query, expected):
    assert top_article(agent, query) == kb[expected].id


def test_results_have_the_chunk_the_article_and_a_descending_score(agent, kb):
    hits = search(agent, "refund")
    assert {h["article_id"] for h in hits} == {kb["refunds"].id, kb["cancel"].id}
    first = hits[0]
    assert set(first) == {"id", "article_id", "article", "position", "text", "token_count", "score"}
    assert first["id"].startswith("chk_")
    assert first["article"] == {"id": kb["refunds"].id, "title": "Refund policy"}
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True) and all(0 < s <= 1 for s in scores)


def test_the_section_that_matches_best_comes_first(agent, kb):
    hits = search(agent, "gift cards refunded")
    assert hits[0]["article_id"] == kb["refunds"].id
    assert hits[0]["text"].startswith("Refunds > Gift cards")


def test_when_no_chunk_has_every_word_any_word_matches(agent, kb):
    hits = search(agent, "password parcel")
    assert {h["article_id"] for h in hits} == {kb["password"].id, kb["shipping"].id}


def test_unrelated_queries_find_nothing(agent, kb):
    assert search(agent, "weather on mars") == []
    assert search(agent, "the and of") == []  # stop words only


def test_limit_bounds_the_results(agent, kb):
    assert len(search(agent, "settings", limit=1)) == 1
    assert len(search(agent, "settings")) == 2


def test_drafts_are_not_searched(agent, kb):
    published(agent.workspace, "Draft password notes", "Internal: password resets by phone.", status="draft")
    assert {h["article_id"] for h in search(agent, "password")} == {kb["password"].id}


def test_another_workspaces_articles_never_appear(agent, stranger, kb):
    theirs = published(stranger.workspace, "Their password page", "Reset your password by calling us.")
    assert theirs.id not in {h["article_id"] for h in search(agent, "password")}
    assert search(stranger, "refund") == []
    assert {h["article_id"] for h in search(stranger, "password")} == {theirs.id}


def test_each_article_is_searched_in_its_own_language(agent, kb):
    french = published(
        agent.workspace,
        "Remboursements",
        "Nous remboursons toutes les commandes sous trente jours.",
        locale="fr",
    )
    german = published(
        agent.workspace,
        "Rückerstattung",
        "Bestellungen werden innerhalb von dreißig Tagen erstattet.",
        locale="de",
    )
    japanese = published(agent.workspace, "返金", "返金 は 30 日 以内 です", locale="ja")
    # French and German stemming: other forms of the same words match.
    assert top_article(agent, "remboursement commande") == french.id
    assert top_article(agent, "Bestellung") == german.id
    # An unknown language is still searchable word for word (the `simple` configuration).
    assert top_article(agent, "返金") == japanese.id
    assert Chunk.all_workspaces.get(article=japanese).search_config == "simple"
    assert Chunk.all_workspaces.get(article=french).search_config == "french"
    # English stemming does not leak into French text, nor the reverse.
    assert french.id not in {h["article_id"] for h in search(agent, "refund")}


def test_the_locale_parameter_restricts_the_languages(agent, kb):
    french = published(
        agent.workspace, "Mot de passe", "Réinitialisez votre password depuis la page.", locale="fr"
    )
    canadian = published(
        agent.workspace, "Mot de passe (CA)", "Réinitialisez votre password ici.", locale="fr-CA"
    )
    assert {h["article_id"] for h in search(agent, "password", locale="fr")} == {french.id, canadian.id}
    assert {h["article_id"] for h in search(agent, "password", locale="fr-CA")} == {canadian.id}
    assert {h["article_id"] for h in search(agent, "password", locale="en")} == {kb["password"].id}
    assert search(agent, "password", locale="de") == []


def test_a_newly_ingested_language_is_searchable_at_once(agent, kb):
    assert search(agent, "commande") == []  # caches the workspace's languages (English only)
    french = published(agent.workspace, "Commandes", "Suivre une commande.", locale="fr")
    assert top_article(agent, "commande") == french.id


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({}, "q"),
        ({"q": "  "}, "q"),
        ({"q": "x" * 1001}, "q"),
        ({"q": "x", "limit": 101}, "limit"),
        ({"q": "x", "limit": "ten"}, "limit"),
        ({"q": "x", "locale": "not a locale"}, "locale"),
    ],
)
def test_bad_parameters_are_refused(agent, params, param):
    response = agent.api.get("knowledge/search", params)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_parameter"
    assert response.json()["error"]["param"] == param


def test_search_runs_a_constant_number_of_queries(agent, kb, django_assert_max_num_queries):
    search(agent, "settings")  # warm the workspace profile cache
    with django_assert_max_num_queries(6):
        assert len(search(agent, "settings", limit=1)) == 1
    with django_assert_max_num_queries(6):
        assert len(search(agent, "settings", limit=100)) == 2


# --- hybrid ---------------------------------------------------------------------------------------------


def _hit(chunk_id, **kwargs):
    return Hit(chunk_id, "art", "t", "en", 0, "text", 1, 0.0, **kwargs)


def test_reciprocal_rank_fusion_rewards_agreement():
    fulltext = [_hit("a", fts_rank=0.5), _hit("b", fts_rank=0.4), _hit("c", fts_rank=0.1)]
    vectors = [
        _hit("b", similarity=0.9, coverage=0.0),
        _hit("c", similarity=0.8, coverage=0.0),
        _hit("d", similarity=0.7, coverage=0.0),
    ]
    fused = fuse([fulltext, vectors], limit=10)
    assert [h.chunk_id for h in fused] == ["b", "c", "a", "d"]
    assert fused[0].score == round(1 / 62 + 1 / 61, 6)
    assert fused[0].coverage == 1.0  # it matched every word in full text
    assert fused[0].fts_rank == 0.4 and fused[0].similarity == 0.9
    assert fused[3].score == round(1 / 63, 6)
    assert [h.chunk_id for h in fuse([fulltext, vectors], limit=2)] == ["b", "c"]


def test_with_embeddings_the_search_is_hybrid(agent, openai_embeddings, fake_openai):
    kb = corpus.load(agent.workspace)
    assert not Chunk.all_workspaces.filter(workspace=agent.workspace, embedding__isnull=True).exists()
    fake_openai.requests.clear()
    # A misspelling full text cannot match; the vector side finds it.
    hits = search(agent, "passwordz")
    assert [h["article_id"] for h in hits] == [kb["password"].id]
    assert fake_openai.paths() == ["/v1/embeddings"]
    # Fused scores: a chunk first in both lists scores 2/61.
    top = search(agent, "reset password")[0]
    assert top["article_id"] == kb["password"].id
    assert top["score"] == round(2 / 61, 6)
    assert search(agent, "weather on mars") == []  # too distant for the vector side too
    usage = ModelUsage.all_workspaces.get(workspace=agent.workspace, model="embed-test")
    assert usage.calls == 3 + 5  # three query embeddings, five articles ingested
    # The same query again within the hour: the embedding comes from the cache (no call, no tokens).
    fake_openai.requests.clear()
    assert search(agent, "reset password")[0]["score"] == round(2 / 61, 6)
    assert fake_openai.requests == []
    usage.refresh_from_db()
    assert usage.calls == 8


def test_search_falls_back_to_full_text_when_the_query_cannot_be_embedded(
    agent, openai_embeddings, fake_openai
):
    kb = corpus.load(agent.workspace)
    from .fake_openai import Fault

    fake_openai.requests.clear()
    fake_openai.faults = [Fault(status=500)] * 2
    hits = search(agent, "reset password")
    assert len(fake_openai.requests) == 2  # a search waits for one retry, not the ingestion's two
    assert hits[0]["article_id"] == kb["password"].id
    assert hits[0]["score"] < 1 and hits[0]["score"] != round(2 / 61, 6)


def test_unpublishing_hides_an_article_at_once_and_republishing_restores_it(admin, agent, kb):
    admin.api.patch(f"knowledge/articles/{kb['password'].id}", {"status": "draft"})
    assert kb["password"].id not in {h["article_id"] for h in search(agent, "password")}
    admin.api.patch(f"knowledge/articles/{kb['password'].id}", {"status": "published"})
    assert top_article(agent, "password") == kb["password"].id


def test_common_words_rank_a_bounded_sample_of_matches(agent, kb, settings):
    settings.KNOWLEDGE_SEARCH_CANDIDATES = 2
    hits = search(agent, "settings")  # two articles match; the cap still lets both through
    assert len(hits) == 2
    settings.KNOWLEDGE_SEARCH_CANDIDATES = 1
    hits = search(agent, "settings")
    assert len(hits) == 1 and hits[0]["article_id"] in {kb["cancel"].id, kb["2fa"].id}


def test_title_matches_are_always_candidates_when_matches_are_capped(agent, kb, settings):
    for i in range(6):
        published(agent.workspace, f"Note {i}", f"Refund remarks number {i}, nothing more.")
    settings.KNOWLEDGE_SEARCH_CANDIDATES = 1
    for _ in range(3):
        assert top_article(agent, "refund") == kb["refunds"].id


def test_explicit_search_syntax_gets_no_any_word_fallback(agent, kb):
    assert search(agent, '"password parcel"') == []  # a phrase that is nowhere
    assert search(agent, "password -reset") == []
    assert search(agent, "password or parcel")  # `or` is itself any-word
    assert {h["article_id"] for h in search(agent, "password parcel")} == {
        kb["password"].id,
        kb["shipping"].id,
    }
