"""The public widget API under /widget/v1/<public key>/ — for the chat frame, never for API tokens.

A visitor proves who they are with the signed credential of visitors.py (its cookie, or the
`X-Widget-Visitor` header where cookies are blocked); every answer that hands out or confirms one sets
the cookie. They see
and write only their own conversations (any other id: 404, the same as a missing one). A browser's
`Origin` must be the product's own (the frame) or one of the workspace's allowed origins; CORS answers
name only that origin. Bodies: JSON, 1 MiB at most, a message body of 1 to 10 000 characters, returned
as plain text (the frame renders it as text)."""

from __future__ import annotations

import functools
import json
import logging
import random

from django.conf import settings
from django.db import connection, transaction
from django.db.models import OuterRef, Q, Subquery
from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from apps.conversations.models import AuthorType, Channel, Conversation, Message
from apps.conversations.representation import MESSAGE, message_data
from apps.conversations.serializers import MAX_BODY
from apps.conversations.services import conversation_create, message_create
from apps.workspaces.models import Workspace
from leadiosa.api import ratelimit
from leadiosa.api.errors import error_response
from leadiosa.api.middleware import client_ip
from leadiosa.api.parsers import first_unstorable
from leadiosa.ids import is_public_id
from leadiosa.tenancy import with_workspace
from leadiosa.timestamps import format_timestamp

from . import live
from .identity import verified
from .keys import public_key, workspace_of_key
from .models import WidgetSettings
from .services import widget_identity_secret
from .visitors import (
    COOKIE,
    clear_credential_cookie,
    credential_is_verified,
    credential_of,
    own_origin,
    set_credential_cookie,
    visitor_create,
    visitor_credential,
    visitor_identify,
    visitor_of_credential,
    visitor_still_there,
)

logger = logging.getLogger(__name__)

# Messages a minute: per visitor, and per client address (a script making new visitors in a loop).
WRITES_PER_VISITOR = 20
WRITES_PER_ADDRESS = 60


def _rate_limited(request, workspace_id: str, visitor) -> JsonResponse | None:
    windows = [ratelimit.hit(f"widget:{workspace_id}:ip:{client_ip(request)}", WRITES_PER_ADDRESS)]
    if visitor is not None:
        windows.append(ratelimit.hit(f"widget:{workspace_id}:visitor:{visitor.pk}", WRITES_PER_VISITOR))
    for window in windows:
        if window.exceeded:
            response = error_response(
                429,
                "rate_limited",
                "Too many messages. Retry after the number of seconds in the Retry-After header.",
            )
            response["Retry-After"] = str(window.retry_after)
            return response
    return None


def _allowed_origin(workspace_id: str, origin: str | None) -> bool:
    if not origin or origin.lower() == own_origin():
        return True
    allowed = (
        WidgetSettings.objects.for_workspace(workspace_id).values_list("allowed_origins", flat=True).first()
    )
    return origin.lower() in (allowed or [])


def _cors(response: HttpResponse, origin: str | None) -> HttpResponse:
    if origin:
        response["Access-Control-Allow-Origin"] = origin
        response["Access-Control-Allow-Headers"] = "Content-Type, X-Widget-Visitor"
        response["Access-Control-Allow-Methods"] = "GET, POST"
        response["Access-Control-Max-Age"] = "600"
        response["Vary"] = "Origin"
    return response


def _not_found() -> JsonResponse:
    return error_response(404, "not_found", "Not found.")


def _visible(message: dict) -> dict:
    """What a visitor sees of a message: who wrote it (contact, agent, assistant), never an id of ours."""
    return {
        "id": message["id"],
        "author": {"type": message["author"]["type"]},
        "body": message["body"],
        "created_at": message["created_at"],
    }


def _thread(workspace_id: str, conversation_id: str, after: Message | None = None) -> list[dict]:
    rows = Message.objects.for_workspace(workspace_id).filter(conversation_id=conversation_id)
    if after is not None:
        rows = rows.filter(
            Q(created_at__gt=after.created_at) | Q(created_at=after.created_at, id__gt=after.id)
        )
    return [_visible(message_data(row)) for row in MESSAGE.values(rows.order_by("created_at", "id"))]


def _conversation_state(workspace_id: str, conversation_id: str) -> dict:
    """What the frame shows besides the messages: open or closed, the assistant or the team on it."""
    return (
        Conversation.objects.for_workspace(workspace_id)
        .filter(pk=conversation_id)
        .values("id", "status", "handled_by")
        .first()
        or {}
    )


def _poll_parameters(request) -> tuple[str | None, int, JsonResponse | None]:
    after = request.GET.get("after") or None
    if after is not None and not is_public_id(after, "msg"):
        return None, 0, error_response(400, "validation_error", "after: a message id.", "after")
    try:
        wait = int(request.GET.get("wait") or 0)
    except ValueError:
        wait = -1
    if not 0 <= wait <= live.MAX_WAIT_SECONDS:
        return (
            None,
            0,
            error_response(400, "validation_error", f"wait: 0 to {live.MAX_WAIT_SECONDS} seconds.", "wait"),
        )
    return after, wait, None


def _read_thread(
    request, workspace_id: str, conversation: Conversation, workspace_version: int | None
) -> JsonResponse:
    """The thread, or with `after` only what came after that message; with `wait`, a long poll: when
    there is nothing new yet, wait (at most `wait` seconds) for the conversation to change (live.py).
    `workspace_version`: the workspace's stamp as read before its status was checked (None: unknown)."""
    after_id, wait, problem = _poll_parameters(request)
    if problem is not None:
        return problem
    after = None
    if after_id is not None:
        after = (
            Message.objects.for_workspace(workspace_id)
            .filter(pk=after_id, conversation_id=conversation.id)
            .only("id", "created_at")
            .first()
        )
    if getattr(request, "widget_waited", False):
        wait = 0  # woken from an idle wait (live.idle_poll): answer now
    if after is None or wait == 0 or not live.server_can_wait(request):
        version = live.current_version(conversation.id)
        data = _thread(workspace_id, conversation.id, after)
        state = _conversation_state(workspace_id, conversation.id)
        _remember(conversation, (version, workspace_version), after_id, data, state)
        return JsonResponse({"data": data, "conversation": state})
    with live.hub.watch(conversation.id) as changed:
        version = live.current_version(conversation.id)
        state = _conversation_state(workspace_id, conversation.id)
        data = _thread(workspace_id, conversation.id, after)
        _remember(conversation, (version, workspace_version), after_id, data, state)
        if data or changed is None or state.get("handled_by") != request.GET.get("handled_by"):
            return JsonResponse({"data": data, "conversation": state})
        # Nothing new: wait for a change without holding a database connection (a thread of a gthread
        # worker would otherwise keep one for every waiting visitor), and a little less than asked, so
        # polls that started together do not all come back together.
        _release_connection()
        if changed.wait(wait * random.uniform(0.85, 1.0)):  # noqa: S311 - jitter, not a secret
            data = _thread(workspace_id, conversation.id, after)
            state = _conversation_state(workspace_id, conversation.id)
            _release_connection()
        # Not woken: nothing changed (a lost notification costs one poll: the next one reads first).
        return JsonResponse({"data": data, "conversation": state})


def _remember(
    conversation: Conversation,
    versions: tuple[int, int | None],
    after_id: str | None,
    data: list,
    state: dict,
) -> None:
    """Let the next idle poll of this conversation skip the database (live.idle_poll)."""
    version, workspace_version = versions
    last = data[-1]["id"] if data else after_id
    if not last or not state or workspace_version is None:
        return
    try:
        live.remember_state(
            conversation.id,
            version=version,
            workspace_version=workspace_version,
            contact_id=conversation.contact_id,
            last=last,
            state=state,
        )
    except Exception:  # noqa: BLE001 - a cache that does not answer only costs the next poll a read
        logger.warning("could not remember the widget conversation's state", exc_info=True)


def _release_connection() -> None:
    if not connection.in_atomic_block:
        connection.close()


def _json_of(request) -> tuple[object, JsonResponse | None]:
    if request.META.get("CONTENT_TYPE", "").split(";")[0].strip() != "application/json":
        return None, error_response(415, "unsupported_media_type", "Send JSON.")
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > settings.API_MAX_BODY_BYTES:
        return None, error_response(413, "request_too_large", "The request body exceeds 1 MiB.")
    try:
        data = json.loads(request.body or b"null")
    except (ValueError, RecursionError):
        return None, error_response(400, "invalid_json", "The body is not valid JSON.")
    # The API parser's check: text no column stores (a NUL, a lone surrogate) in any key or value.
    problem = first_unstorable(data)
    if problem is not None:
        param, message = problem
        return None, error_response(400, "validation_error", message, param)
    return data, None


def _body_of(request) -> tuple[str | None, JsonResponse | None]:
    data, problem = _json_of(request)
    if problem is not None:
        return None, problem
    body = data.get("body") if isinstance(data, dict) else None
    if not isinstance(body, str) or not body.strip():
        return None, error_response(400, "validation_error", "body: a non-empty string is required.", "body")
    if len(body) > MAX_BODY:
        return None, error_response(400, "validation_error", f"body: at most {MAX_BODY} characters.", "body")
    return body, None


def _workspace(key: str) -> str | None:
    workspace_id = workspace_of_key(key)
    if workspace_id is None:
        return None
    active = Workspace.objects.filter(pk=workspace_id, status=Workspace.Status.ACTIVE).exists()
    return workspace_id if active else None


def public_view(view):
    """The preamble every public widget view shares, so the view states only its own work.

    The key must name an active workspace (else 404); the rest runs in that workspace's scope. A browser's
    `Origin` must be allowed (else 403 origin_not_allowed, without CORS headers: the page cannot read it).
    A CORS preflight (OPTIONS) is answered here (204). The view is called as
    `view(request, workspace_id, **url_kwargs)` and what it returns gets the CORS headers naming the
    origin — except a 405, which never had them."""

    @csrf_exempt
    @functools.wraps(view)
    def wrapper(request, key: str, **kwargs):
        origin = request.headers.get("Origin")
        workspace_id = _workspace(key)
        if workspace_id is None:
            return _not_found()
        with with_workspace(workspace_id):
            if not _allowed_origin(workspace_id, origin):
                return error_response(403, "origin_not_allowed", "This site may not embed the chat.")
            if request.method == "OPTIONS":
                return _cors(HttpResponse(status=204), origin)
            response = view(request, workspace_id, **kwargs)
            return response if response.status_code == 405 else _cors(response, origin)

    return wrapper


def _method_not_allowed() -> JsonResponse:
    return error_response(405, "method_not_allowed", "Method not allowed.")


@public_view
def conversations(request, workspace_id: str):
    """GET: the visitor's conversations, newest first; POST {body}: start one (and become a visitor on
    the first). Both (re)set the credential cookie."""
    credential = credential_of(request)
    visitor = visitor_of_credential(workspace_id, credential)
    if visitor is None:
        credential = None
    if request.method == "GET":
        if visitor is None:
            return JsonResponse({"data": []})
        rows = (
            Conversation.objects.for_workspace(workspace_id)
            .filter(contact_id=visitor.contact_id, channel=Channel.WIDGET)
            .annotate(first_body=Subquery(_first_body(workspace_id)))
            .order_by("-created_at", "-id")
            .values("id", "status", "created_at", "last_message_at", "first_body")
        )
        data = [_listed(row) for row in rows]
        response = JsonResponse({"data": data})
        set_credential_cookie(response, public_key(workspace_id), credential)
        return response
    if request.method != "POST":
        return _method_not_allowed()
    body, problem = _accepted_body(request, workspace_id, visitor)
    if problem is not None:
        return problem
    with transaction.atomic():  # a new visitor and their first conversation, or neither
        if visitor is not None:
            # Merged away by identify or erased since it was read: an unknown credential from now on.
            visitor = visitor_still_there(workspace_id, visitor)
            if visitor is None:
                credential = None
        if visitor is None:
            visitor = visitor_create(workspace_id=workspace_id)
        conversation = conversation_create(
            contact_id=visitor.contact_id, channel=Channel.WIDGET, message_body=body
        )
    credential = credential or visitor_credential(visitor)
    data = {
        "visitor": credential,
        "conversation": {
            "id": conversation.id,
            "status": conversation.status,
            "handled_by": conversation.handled_by,
        },
        "messages": _thread(workspace_id, conversation.id),
    }
    response = JsonResponse(data, status=201)
    set_credential_cookie(response, public_key(workspace_id), credential)
    return response


PREVIEW = 80  # characters of a conversation's first message shown in the visitor's list


def _first_body(workspace_id: str):
    return (
        Message.objects.for_workspace(workspace_id)
        .filter(conversation_id=OuterRef("pk"))
        .order_by("created_at", "id")
        .values("body")[:1]
    )


def _listed(row: dict) -> dict:
    """A conversation in the visitor's list: what the frame needs to show it (no member ids), with the
    start of its first message (the visitor's own words). Never its `subject`: agents and integrations
    write that, for the team."""
    data = {"id": row["id"], "status": row["status"], "created_at": format_timestamp(row["created_at"])}
    if row["first_body"]:
        data["preview"] = row["first_body"][:PREVIEW]
    if row["last_message_at"]:
        data["last_message_at"] = format_timestamp(row["last_message_at"])
    return data


@csrf_exempt
def messages(request, key: str, conversation_id: str):
    """GET: the thread of one of the visitor's conversations; POST {body}: the visitor writes in it.

    Before the shared preamble, a GET from the frame (no Origin, or the product's own) may be an idle
    long poll, answered without the database when there is no news (live.idle_poll)."""
    workspace_version = None
    if request.method == "GET":
        workspace_of = workspace_of_key(key)
        origin = request.headers.get("Origin")
        if workspace_of is not None and (not origin or origin.lower() == own_origin()):
            after_id, wait, problem = _poll_parameters(request)
            if problem is None:
                idle = live.idle_poll(
                    request,
                    workspace_id=workspace_of,
                    conversation_id=conversation_id,
                    after=after_id,
                    wait=wait,
                )
                if idle is not None:
                    return idle
        # Read before the workspace's status: a closure committed after the check moves this stamp after
        # this read, so what this request remembers is stale (live.remember_state).
        workspace_version = live.workspace_version(workspace_of) if workspace_of is not None else None
    return _messages(request, key, conversation_id=conversation_id, workspace_version=workspace_version)


@public_view
def _messages(request, workspace_id: str, conversation_id: str, workspace_version: int | None):
    visitor = visitor_of_credential(workspace_id, credential_of(request))
    if visitor is not None:
        live.remember_visitor(visitor)
    conversation = None
    if visitor is not None and is_public_id(conversation_id, "conv"):
        conversation = (
            Conversation.objects.for_workspace(workspace_id)
            .filter(pk=conversation_id, contact_id=visitor.contact_id, channel=Channel.WIDGET)
            .first()
        )
    if conversation is None:
        return _not_found()
    if request.method == "GET":
        return _read_thread(request, workspace_id, conversation, workspace_version)
    if request.method != "POST":
        return _method_not_allowed()
    body, problem = _accepted_body(request, workspace_id, visitor)
    if problem is not None:
        return problem
    message = message_create(conversation=conversation, author_type=AuthorType.CONTACT, body=body)
    return JsonResponse(_visible(message_data(MESSAGE.row_of(message))), status=201)


def _accepted_body(request, workspace_id: str, visitor) -> tuple:
    """A visitor's POST body, or the answer refusing it: malformed or too large, or over a rate limit."""
    body, problem = _body_of(request)
    if problem is None:
        problem = _rate_limited(request, workspace_id, visitor)
    return body, problem


def _claim(data, name: str, limit: int) -> str | None:
    value = data.get(name) if isinstance(data, dict) else None
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value if 0 < len(value) <= limit else None


@public_view
def identify(request, workspace_id: str):
    """POST {email?, user_id?, user_hash}: the host page vouches for its signed-in user (identity.py).
    Verified: 200 {visitor} naming that user's contact (their widget conversations follow them), and the
    cookie; an anonymous visitor's conversations so far merge into that contact (visitors.visitor_merge).
    Anything else (no secret, a wrong or missing hash): 403 identity_not_verified, nothing attached or
    merged, and a verified visitor's cookie is dropped (the page vouches for nobody it can prove)."""
    if request.method != "POST":
        return _method_not_allowed()
    data, problem = _json_of(request)
    if problem is None:
        problem = _rate_limited(request, workspace_id, None)
    if problem is not None:
        return problem
    email = _claim(data, "email", 254)
    user_id = _claim(data, "user_id", 200)
    given_hash = _claim(data, "user_hash", 200)
    secret = widget_identity_secret(workspace_id)
    credential = credential_of(request)
    if not verified(secret, email=email, user_id=user_id, given_hash=given_hash):
        response = error_response(
            403, "identity_not_verified", "The user hash does not match; chatting anonymously."
        )
        _drop_verified_cookie(request, response, workspace_id)
        return response
    # The frame's visitor until now; visitor_merge itself merges only an anonymous one.
    current = visitor_of_credential(workspace_id, credential)
    visitor = visitor_identify(workspace_id=workspace_id, email=email, user_id=user_id, current=current)
    credential = visitor_credential(visitor, verified=True)
    response = JsonResponse({"visitor": credential})
    set_credential_cookie(response, public_key(workspace_id), credential)
    return response


def _drop_verified_cookie(request, response, workspace_id: str) -> None:
    """Drop the cookie when the request's credential (header or cookie) or the cookie speaks for a
    verified person (the mark, or a contact that is not anonymous: visitors.credential_is_verified)."""
    carried = {credential_of(request), request.COOKIES.get(COOKIE)} - {None}
    if any(credential_is_verified(workspace_id, credential) for credential in carried):
        clear_credential_cookie(response, public_key(workspace_id))


@public_view
def sign_out(request, workspace_id: str):
    """POST: the host page passes no identity any more (its user signed out): a verified visitor's cookie
    is dropped, so the next person on this browser does not see their conversations. An anonymous
    visitor's stays. 204 either way; nothing is written."""
    if request.method != "POST":
        return _method_not_allowed()
    response = HttpResponse(status=204)
    _drop_verified_cookie(request, response, workspace_id)
    return response
