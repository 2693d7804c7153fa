"""Chunking: headings and paragraphs are boundaries, chunks are bounded, consecutive chunks overlap."""

import pytest

from apps.knowledge.chunking import chunk_text
from apps.knowledge.tokenizer import count_tokens


def _sentences(n: int, prefix: str = "Sentence") -> str:
    return " ".join(f"{prefix} number {i} talks about widgets." for i in range(n))


def test_blank_bodies_have_no_chunks():
    assert chunk_text("") == []
    assert chunk_text("  \n\n\t \r\n") == []
    assert chunk_text("###\n\n---\n\n***") == []


def test_short_body_is_one_chunk_with_its_text():
    chunks = chunk_text("Reset your password from the login page.")
    assert [(c.position, c.text) for c in chunks] == [(0, "Reset your password from the login page.")]
    assert chunks[0].token_count == count_tokens(chunks[0].text)


def test_headings_start_new_chunks_and_prefix_their_path():
    body = (
        "# Billing\n\nWe bill monthly.\n\n"
        "## Refunds\n\nRefunds take five days.\n\n"
        "## Invoices\n\nInvoices arrive by e-mail.\n\n"
        "Setext title\n============\n\nA setext section."
    )
    texts = [c.text for c in chunk_text(body, max_tokens=100)]
    assert texts == [
        "Billing\n\nWe bill monthly.",
        "Billing > Refunds\n\nRefunds take five days.",
        "Billing > Invoices\n\nInvoices arrive by e-mail.",
        "Setext title\n\nA setext section.",
    ]


def test_paragraphs_are_packed_up_to_the_bound_and_never_cut_when_they_fit():
    paragraphs = [_sentences(2, prefix=f"P{i}") for i in range(12)]
    chunks = chunk_text("\n\n".join(paragraphs), max_tokens=60, overlap_tokens=0)
    assert len(chunks) > 1
    for chunk in chunks:
        assert chunk.token_count <= 60
        for part in chunk.text.split("\n\n"):
            assert part in paragraphs  # whole paragraphs only
    # Nothing lost, nothing repeated without overlap.
    assert "\n\n".join(c.text for c in chunks) == "\n\n".join(paragraphs)


def test_consecutive_chunks_overlap_by_a_small_tail():
    body = _sentences(40)
    chunks = chunk_text(body, max_tokens=60, overlap_tokens=15)
    assert len(chunks) >= 3
    for previous, current in zip(chunks, chunks[1:], strict=False):
        last_sentence = previous.text.rsplit(". ", 1)[-1]
        assert current.text.startswith(last_sentence.rstrip("."))
        assert count_tokens(last_sentence) <= 15
    # Every sentence is in some chunk.
    for i in range(40):
        assert any(f"Sentence number {i} " in c.text for c in chunks)


def test_no_overlap_across_headings():
    body = "# One\n\n" + _sentences(3) + "\n\n# Two\n\nSecond section text."
    chunks = chunk_text(body, max_tokens=200, overlap_tokens=30)
    assert chunks[-1].text == "Two\n\nSecond section text."


def test_long_paragraph_is_split_at_sentences_then_words():
    sentence_paragraph = _sentences(50)
    word_paragraph = " ".join(["lorem"] * 400)  # no sentence end at all
    for body in (sentence_paragraph, word_paragraph):
        chunks = chunk_text(body, max_tokens=50, overlap_tokens=10)
        assert len(chunks) > 3
        assert all(c.token_count <= 50 for c in chunks)
    word_chunks = chunk_text(word_paragraph, max_tokens=50, overlap_tokens=0)
    assert sum(c.text.count("lorem") for c in word_chunks) == 400


def test_a_single_huge_word_is_cut_into_bounded_pieces():
    url = "https://example.com/" + "a" * 3000
    chunks = chunk_text(url, max_tokens=40, overlap_tokens=0)
    assert len(chunks) > 1
    assert all(c.token_count <= 40 for c in chunks)
    assert "".join(c.text for c in chunks) == url


@pytest.mark.parametrize(
    "text",
    [
        "日本語のテキストは空白なしで書かれます。" * 60,
        "한국어 문장입니다. " * 80,
        "Ünïcödé façade café naïve résumé. " * 60,
        "emoji 🎉🚀 party! " * 80,
        "Привет, как дела? Всё хорошо. " * 60,
    ],
)
def test_unicode_text_is_bounded_and_kept_intact(text):
    chunks = chunk_text(text, max_tokens=40, overlap_tokens=0)
    assert chunks
    assert all(0 < c.token_count <= 40 for c in chunks)
    joined = "".join(c.text.replace(" ", "") for c in chunks)
    assert joined == text.replace(" ", "").strip()


def test_decomposed_and_composed_accents_chunk_identically():
    composed = "Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e."
    decomposed = "Cafe\u0301 cre\u0300me bru\u0302le\u0301e."
    assert chunk_text(composed) == chunk_text(decomposed)


def test_code_fences_stay_whole():
    body = "Intro.\n\n```\nline one\n\nline two after a blank\n```\n\nOutro."
    chunks = chunk_text(body, max_tokens=200)
    assert "```\nline one\n\nline two after a blank\n```" in chunks[0].text


def test_crlf_and_bom_are_normalised():
    assert chunk_text("\ufeffHello there.\r\n\r\nSecond.") == chunk_text("Hello there.\n\nSecond.")


def test_chunking_is_deterministic():
    body = _sentences(30) + "\n\n# Head\n\n" + _sentences(10)
    assert chunk_text(body, max_tokens=50) == chunk_text(body, max_tokens=50)
