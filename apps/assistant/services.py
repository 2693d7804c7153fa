"""The assistant: answer a contact from the knowledge base, or hand the conversation to the team.

Triggered by the `message.created` sink (apps.py) for contact messages, after commit, as a task. It
answers only when the workspace has the assistant on, the conversation is handled by the assistant,
and the message is the latest of the thread (a newer one gets its own task; an agent's reply means a
person is on it). It hands off (`handled_by` → human, `conversation.handed_off` with the reason) when:

- the contact asks for a person                     → `contact_requested_human`
- the workspace's AI tokens for the period are spent → `ai_quota_exceeded`
- retrieval finds nothing relevant, or the model says the passages do not answer
                                                    → `no_relevant_knowledge`
- the provider failed after its retries             → `assistant_provider_failed`

Every provider call (query embedding, completion) is metered, whatever the outcome.
"""

from __future__ import annotations

import logging
import re

from django.conf import settings
from django.db import transaction

from apps.conversations.models import AuthorType, Conversation, HandledBy, Message, Status
from apps.conversations.services import conversation_hand_off, message_create
from apps.knowledge import metering
from apps.knowledge.tokenizer import normalize
from apps.workspaces.models import Workspace
from leadiosa.tenancy import current_workspace_id

from .providers import Passage, ProviderError, Turn, assistant_provider
from .selectors import retrieve

logger = logging.getLogger("apps.assistant")

CONTACT_REQUESTED_HUMAN = "contact_requested_human"
AI_QUOTA_EXCEEDED = "ai_quota_exceeded"
NO_RELEVANT_KNOWLEDGE = "no_relevant_knowledge"
PROVIDER_FAILED = "assistant_provider_failed"
ASSISTANT_ERROR = "assistant_error"

MAX_REPLY_CHARS = 10_000

# "I want to talk to a person", in the languages the product ships articles in most.
_HUMAN_REQUEST = re.compile(
    r"\b("
    r"humans?|real person|a person|live (agent|person|chat)|an agent|(an?|your) (support )?agent|"
    r"representative|operator|somebody real|someone real|"
    r"(talk|speak|chat) (to|with) (someone|somebody|a person|a human|an agent|support|staff)|"
    r"humain|une personne|un conseiller|une conseillère|un agent|un opérateur|parler à quelqu'un|"
    r"mensch(en)?|mitarbeiter(in)?|echte person|kundenberater(in)?|"
    r"humano|una persona|un agente|representante|asesor|operador|"
    r"operatore|umano|uma pessoa|atendente"
    r")\b",
    re.IGNORECASE,
)


def asks_for_human(text: str) -> bool:
    return bool(_HUMAN_REQUEST.search(normalize(text).replace("’", "'")))


def _history(message: Message) -> list[Turn]:
    limit = settings.ASSISTANT_HISTORY_MESSAGES
    if limit <= 0:
        return []
    earlier = (
        Message.objects.filter(conversation_id=message.conversation_id, created_at__lt=message.created_at)
        .exclude(author_type=AuthorType.SYSTEM)
        .order_by("-created_at", "-id")
        .only("author_type", "body")[:limit]
    )
    return [
        Turn(role="user" if m.author_type == AuthorType.CONTACT else "assistant", text=m.body)
        for m in reversed(list(earlier))
    ]


def _hand_off(conversation: Conversation, reason: str) -> str:
    conversation_hand_off(conversation=conversation, reason=reason)
    return f"handed_off:{reason}"


def assistant_respond(*, conversation_id: str, message_id: str) -> str:
    """Reply to one contact message, or hand off. Returns what happened (`replied`, `handed_off:…`,
    `skipped:…`), for logs and tests."""
    workspace_id = current_workspace_id()
    if not Workspace.objects.filter(id=workspace_id, assistant_enabled=True).exists():
        return "skipped:assistant_disabled"
    conversation = Conversation.objects.filter(id=conversation_id).first()
    if conversation is None:
        return "skipped:conversation_gone"
    if conversation.handled_by != HandledBy.ASSISTANT:
        return "skipped:handled_by_human"
    message = Message.objects.filter(id=message_id, conversation_id=conversation_id).first()
    if message is None or message.author_type != AuthorType.CONTACT:
        return "skipped:not_a_contact_message"  # never react to our own (or an agent's) messages
    if (
        Message.objects.filter(conversation_id=conversation_id, created_at__gte=message.created_at)
        .exclude(id=message.id)
        .exists()
    ):
        return "skipped:superseded"
    try:
        return _respond(workspace_id=workspace_id, conversation=conversation, message=message)
    except Exception:
        # A bug must not leave the contact waiting on an assistant that will never answer.
        logger.exception("assistant failed on %s", message_id)
        return _hand_off(conversation, ASSISTANT_ERROR)


def _respond(*, workspace_id: str, conversation: Conversation, message: Message) -> str:
    if asks_for_human(message.body):
        return _hand_off(conversation, CONTACT_REQUESTED_HUMAN)
    if metering.quota_exceeded(workspace_id=workspace_id):
        return _hand_off(conversation, AI_QUOTA_EXCEEDED)
    try:
        hits = retrieve(workspace_id=workspace_id, question=message.body)
    except ProviderError:
        return _hand_off(conversation, PROVIDER_FAILED)
    if not hits:
        return _hand_off(conversation, NO_RELEVANT_KNOWLEDGE)
    passages = [
        Passage(
            chunk_id=hit.chunk_id,
            article_id=hit.article_id,
            title=hit.article_title,
            text=hit.text,
            locale=hit.article_locale,
        )
        for hit in hits
    ]
    try:
        reply = assistant_provider().reply(
            question=message.body, passages=passages, history=_history(message)
        )
    except ProviderError as exc:
        logger.warning("assistant provider failed for %s: %s", message.id, exc)
        return _hand_off(conversation, PROVIDER_FAILED)
    metering.record_usage(workspace_id=workspace_id, usage=reply.usage)
    if reply.cannot_answer:
        return _hand_off(conversation, NO_RELEVANT_KNOWLEDGE)
    with transaction.atomic():
        # The team may have taken over while the model was thinking: look again under the row lock.
        locked = Conversation.objects.select_for_update().get(id=conversation.id)
        if locked.handled_by != HandledBy.ASSISTANT or locked.status == Status.CLOSED:
            return "skipped:taken_over"
        message_create(
            conversation=locked,
            author_type=AuthorType.ASSISTANT,
            body=reply.text[:MAX_REPLY_CHARS],
            usage=reply.usage.as_dict(),
        )
    return "replied"
