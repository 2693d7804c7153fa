"""The assistant's models behind one small interface: answer a question from passages.

- `extractive` (the default): offline and deterministic. It answers with the passages' sentences that
  best match the question and counts tokens with the project's deterministic tokenizer.
- `openai`: any OpenAI-compatible chat-completions endpoint, through the knowledge base's
  `OpenAICompatibleClient` (timeouts, retries; the same client embeds texts). Usage comes from the
  server's `usage` object.

Providers never touch the database: the assistant meters the returned `Usage`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings

from apps.knowledge.providers import OpenAICompatibleClient, ProviderError, Usage
from apps.knowledge.tokenizer import count_tokens, words

__all__ = [
    "CANNOT_ANSWER",
    "AssistantProvider",
    "ExtractiveProvider",
    "OpenAIProvider",
    "Passage",
    "ProviderError",
    "Reply",
    "Turn",
    "Usage",
    "assistant_provider",
    "build_messages",
    "prompt_tokens",
]

# The model's answer when the passages do not answer the question: the assistant then hands off.
CANNOT_ANSWER = "HANDOFF"

SYSTEM_PROMPT = (
    "You are the customer-support assistant of this company. Answer the customer's last message "
    "using only the knowledge-base passages below; be brief and reply in the customer's language. "
    "Never invent facts, prices or promises. If the passages do not contain the answer, reply with "
    f"exactly {CANNOT_ANSWER} and nothing else."
)


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


class AssistantProvider(Protocol):
    name: str

    def reply(self, *, question: str, passages: list[Passage], history: list[Turn]) -> Reply: ...


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


# --- OpenAI-compatible chat completions -------------------------------------------------------------


class OpenAIProvider:
    name = "openai"

    def __init__(self, client: OpenAICompatibleClient | None = None, model: str | None = None):
        self.client = client or OpenAICompatibleClient()
        self.model = model or settings.OPENAI_MODEL

    def reply(self, *, question: str, passages: list[Passage], history: list[Turn]) -> Reply:
        messages = build_messages(question=question, passages=passages, history=history)
        body = self.client.post(
            "chat/completions",
            {
                "model": self.model,
                "messages": messages,
                "temperature": 0.2,
                "max_tokens": settings.OPENAI_MAX_COMPLETION_TOKENS,
            },
        )
        try:
            text = (body["choices"][0]["message"]["content"] or "").strip()
        except (KeyError, IndexError, TypeError):
            raise ProviderError("chat/completions: no choices[0].message.content in the response") from None
        usage = _usage(body, self.model, fallback_prompt=prompt_tokens(messages), fallback_completion=text)
        cannot_answer = not text or text.strip().strip(".").upper() == CANNOT_ANSWER
        return Reply(text, usage, cannot_answer=cannot_answer)


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
    name = settings.ASSISTANT_PROVIDER or "extractive"
    if name == "extractive":
        return ExtractiveProvider()
    if name == "openai":
        return OpenAIProvider()
    raise ProviderError(f"unknown ASSISTANT_PROVIDER {name!r} (expected 'extractive' or 'openai')")
