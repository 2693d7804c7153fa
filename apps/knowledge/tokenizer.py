"""A deterministic, offline tokenizer: the unit of chunk sizes and of the extractive provider's usage.

It approximates the sub-word tokenizers of hosted models without shipping one: a run of letters or
digits counts one token per started 6 characters, every punctuation mark or symbol is one token, and
every CJK character (Chinese, Japanese kana, Korean syllables), written without spaces, is one token.
Counts are additive over concatenation boundaries only in one direction (joining two pieces never
counts more than the pieces did), which is what lets the chunker bound a chunk by summing its parts.
"""

from __future__ import annotations

import re
import unicodedata

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_TOKEN_RE = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+|[^\w\s]")
CHARS_PER_TOKEN = 6


def normalize(text: str) -> str:
    """NFC, so a composed and a decomposed `é` are the same text (and the same count)."""
    return unicodedata.normalize("NFC", text)


def count_tokens(text: str) -> int:
    pieces = _TOKEN_RE.findall(text)
    # One token per piece, plus one per further started CHARS_PER_TOKEN characters of a long piece.
    return len(pieces) + sum((len(p) - 1) // CHARS_PER_TOKEN for p in pieces if len(p) > CHARS_PER_TOKEN)


def words(text: str) -> list[str]:
    """The letter/digit runs (and CJK characters) of a text, lower-cased."""
    return [piece.lower() for piece in _TOKEN_RE.findall(normalize(text)) if piece[0].isalnum()]


def token_pieces(text: str) -> list[str]:
    """The text's pieces as the tokenizer sees them (whitespace dropped)."""
    return _TOKEN_RE.findall(text)
