"""Split an article (Markdown or plain text) into bounded, overlapping chunks.

1. The body is cut into sections at headings (ATX `#` and setext `===`/`---`); each chunk starts with
   its section's heading path, so a chunk read alone still says what it is about.
2. A section is cut into paragraphs at blank lines; a fenced code block stays one paragraph.
3. Paragraphs are packed greedily up to `max_tokens`. A paragraph too long for one chunk is cut at
   sentence ends, a sentence too long at word boundaries, and a word too long (a URL, unspaced CJK
   text) into pieces.
4. A new chunk of the same section repeats the tail of the previous one (up to `overlap_tokens`), so
   a passage cut at a boundary is whole in at least one chunk.

Every chunk's `token_count` is at most `max_tokens`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import conf
from .tokenizer import CHARS_PER_TOKEN, count_tokens, normalize, token_pieces

_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$")
_THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_SENTENCE_END = re.compile(r"(?<=[.!?;:…])\s+|(?<=[。！？；])")
_SPACE = re.compile(r"\s+")

PARAGRAPH = "\n\n"
SENTENCE = " "
PIECE = ""


@dataclass(frozen=True)
class Chunk:
    position: int
    text: str
    token_count: int


@dataclass(frozen=True)
class _Unit:
    text: str
    joiner: str  # how it attaches to the unit before it
    tokens: int


def _sections(body: str) -> list[tuple[list[str], list[str]]]:
    """[(heading path, paragraphs)] in document order."""
    lines = body.split("\n")
    sections: list[tuple[list[str], list[str]]] = []
    path: list[tuple[int, str]] = []
    paragraphs: list[str] = []
    current: list[str] = []
    in_fence: str | None = None

    def flush_paragraph():
        text = "\n".join(current).strip()
        current.clear()
        if text:
            paragraphs.append(text)

    def start_section(level: int, title: str):
        flush_paragraph()
        if paragraphs:
            sections.append(([t for _, t in path], list(paragraphs)))
            paragraphs.clear()
        while path and path[-1][0] >= level:
            path.pop()
        if title:
            path.append((level, title))

    for index, line in enumerate(lines):
        if in_fence:
            current.append(line)
            if line.strip().startswith(in_fence):
                in_fence = None
                flush_paragraph()
            continue
        fence = _FENCE.match(line)
        if fence:
            flush_paragraph()
            in_fence = fence.group(1)
            current.append(line)
            continue
        heading = _ATX_HEADING.match(line)
        if heading:
            start_section(len(heading.group(1)), (heading.group(2) or "").strip())
            continue
        underline = _SETEXT_UNDERLINE.match(line)
        if underline and len(current) == 1 and index > 0 and current[0].strip():
            title = current.pop().strip()
            start_section(1 if underline.group(1)[0] == "=" else 2, title)
            continue
        if not line.strip() or _THEMATIC_BREAK.match(line):
            flush_paragraph()
        else:
            current.append(line)
    flush_paragraph()
    if paragraphs:
        sections.append(([t for _, t in path], list(paragraphs)))
    return sections


def _split_word(word: str, budget: int, joiner: str) -> list[_Unit]:
    """A word too long for one chunk, as pieces of at most `budget` tokens each (the caller passes a
    small budget, the overlap's, so the tail of such a word can be repeated in the next chunk)."""
    pieces: list[str] = []
    for piece in token_pieces(word):
        if len(piece) > budget * CHARS_PER_TOKEN:
            size = budget * CHARS_PER_TOKEN
            pieces.extend(piece[i : i + size] for i in range(0, len(piece), size))
        else:
            pieces.append(piece)
    units: list[_Unit] = []
    text, tokens = "", 0
    for piece in pieces:
        piece_tokens = count_tokens(piece)
        if text and tokens + piece_tokens > budget:
            units.append(_Unit(text, joiner if not units else PIECE, tokens))
            text, tokens = "", 0
        text += piece
        tokens += piece_tokens
    if text:
        units.append(_Unit(text, joiner if not units else PIECE, tokens))
    return units


def _units(paragraph: str, budget: int, grain: int) -> list[_Unit]:
    """A paragraph as units that each fit the budget: the paragraph, its sentences, words or pieces."""
    tokens = count_tokens(paragraph)
    if tokens <= budget:
        return [_Unit(paragraph, PARAGRAPH, tokens)]
    units: list[_Unit] = []
    for s_index, sentence in enumerate(s for s in _SENTENCE_END.split(paragraph) if s.strip()):
        joiner = PARAGRAPH if s_index == 0 else SENTENCE
        sentence = sentence.strip()
        tokens = count_tokens(sentence)
        if tokens <= budget:
            units.append(_Unit(sentence, joiner, tokens))
            continue
        for w_index, word in enumerate(_SPACE.split(sentence)):
            word_joiner = joiner if w_index == 0 else SENTENCE
            tokens = count_tokens(word)
            if tokens <= budget:
                units.append(_Unit(word, word_joiner, tokens))
            else:
                units.extend(_split_word(word, min(budget, grain), word_joiner))
    return units


def _overlap(units: list[_Unit], overlap_tokens: int) -> list[_Unit]:
    """The tail of a chunk to repeat at the start of the next one, at most `overlap_tokens`."""
    if overlap_tokens <= 0:
        return []
    tail: list[_Unit] = []
    total = 0
    for unit in reversed(units):
        if total + unit.tokens > overlap_tokens:
            if not tail:
                # The last unit alone is too long: repeat its last words instead (words are separated
                # by whitespace, so their counts add up).
                words = unit.text.split()
                kept: list[str] = []
                total_words = 0
                for word in reversed(words):
                    word_tokens = count_tokens(word)
                    if total_words + word_tokens > overlap_tokens:
                        break
                    kept.insert(0, word)
                    total_words += word_tokens
                if kept and len(kept) < len(words):
                    text = " ".join(kept)
                    tail.append(_Unit(text, PARAGRAPH, total_words))
            break
        tail.insert(0, unit)
        total += unit.tokens
    return tail


def _render(heading: str, units: list[_Unit]) -> str:
    parts = [heading + PARAGRAPH] if heading else []
    for index, unit in enumerate(units):
        parts.append(unit.text if index == 0 else unit.joiner + unit.text)
    return "".join(parts)


def chunk_text(body: str, *, max_tokens: int | None = None, overlap_tokens: int | None = None) -> list[Chunk]:
    """The chunks of a body, in order. An empty or blank body has none."""
    max_tokens = max_tokens or conf.get("KNOWLEDGE_CHUNK_MAX_TOKENS")
    overlap_tokens = conf.get("KNOWLEDGE_CHUNK_OVERLAP_TOKENS") if overlap_tokens is None else overlap_tokens
    overlap_tokens = min(overlap_tokens, max_tokens // 2)
    body = normalize(body).replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    texts: list[str] = []
    for path, paragraphs in _sections(body):
        heading = " > ".join(path)
        heading_tokens = count_tokens(heading) + (1 if heading else 0)
        if heading_tokens > max_tokens // 2:  # an absurd heading must not crowd out the text
            heading, heading_tokens = "", 0
        budget = max_tokens - heading_tokens
        grain = max(1, overlap_tokens or budget)
        units = [unit for paragraph in paragraphs for unit in _units(paragraph, budget, grain)]
        current: list[_Unit] = []
        used = 0
        fresh = 0  # units in `current` that are not overlap from the previous chunk
        for unit in units:
            if current and used + unit.tokens > budget:
                texts.append(_render(heading, current))
                current = _overlap(current, overlap_tokens)
                while current and sum(u.tokens for u in current) + unit.tokens > budget:
                    current.pop(0)
                used = sum(u.tokens for u in current)
                fresh = 0
            current.append(unit)
            used += unit.tokens
            fresh += 1
        if current and fresh:
            texts.append(_render(heading, current))
    return [Chunk(position=i, text=text, token_count=count_tokens(text)) for i, text in enumerate(texts)]
