from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.conversation import Conversation
from ...models.conversation_create_request import ConversationCreateRequest
from ...models.create_conversation_response_400 import CreateConversationResponse400
from ...models.create_conversation_response_401 import CreateConversationResponse401
from ...models.create_conversation_response_403 import CreateConversationResponse403
from ...models.create_conversation_response_409 import CreateConversationResponse409
from ...models.create_conversation_response_411 import CreateConversationResponse411
from ...models.create_conversation_response_413 import CreateConversationResponse413
from ...models.create_conversation_response_415 import CreateConversationResponse415
from ...models.create_conversation_response_422 import CreateConversationResponse422
from ...models.create_conversation_response_429 import CreateConversationResponse429
from ...models.create_conversation_response_503 import CreateConversationResponse503
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: ConversationCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/conversations",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    Conversation
    | CreateConversationResponse400
    | CreateConversationResponse401
    | CreateConversationResponse403
    | CreateConversationResponse409
    | CreateConversationResponse411
    | CreateConversationResponse413
    | CreateConversationResponse415
    | CreateConversationResponse422
    | CreateConversationResponse429
    | CreateConversationResponse503
    | None
):
    if response.status_code == 201:
        response_201 = Conversation.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = CreateConversationResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = CreateConversationResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = CreateConversationResponse403.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = CreateConversationResponse409.from_dict(response.json())

        return response_409

    if response.status_code == 411:
        response_411 = CreateConversationResponse411.from_dict(response.json())

        return response_411

    if response.status_code == 413:
        response_413 = CreateConversationResponse413.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = CreateConversationResponse415.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = CreateConversationResponse422.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = CreateConversationResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = CreateConversationResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    Conversation
    | CreateConversationResponse400
    | CreateConversationResponse401
    | CreateConversationResponse403
    | CreateConversationResponse409
    | CreateConversationResponse411
    | CreateConversationResponse413
    | CreateConversationResponse415
    | CreateConversationResponse422
    | CreateConversationResponse429
    | CreateConversationResponse503
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ConversationCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[
    Conversation
    | CreateConversationResponse400
    | CreateConversationResponse401
    | CreateConversationResponse403
    | CreateConversationResponse409
    | CreateConversationResponse411
    | CreateConversationResponse413
    | CreateConversationResponse415
    | CreateConversationResponse422
    | CreateConversationResponse429
    | CreateConversationResponse503
]:
    """Start a conversation

     Starts a conversation with an existing contact (`contact_id`) or with a `contact` object that is
    found by `email` (or `external_id`) or created. An optional `message` becomes the first contact
    message; with `handled_by: assistant` the assistant answers it. Emits `conversation.created` (and
    `contact.created`, `message.created` when they happen).

    **Roles:** `agent`, `admin`, `owner` with the `read_write` scope.

    Args:
        idempotency_key (str | Unset):
        body (ConversationCreateRequest): A new conversation: `contact_id`, or a `contact` to find
            or create; an optional first `message`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Conversation | CreateConversationResponse400 | CreateConversationResponse401 | CreateConversationResponse403 | CreateConversationResponse409 | CreateConversationResponse411 | CreateConversationResponse413 | CreateConversationResponse415 | CreateConversationResponse422 | CreateConversationResponse429 | CreateConversationResponse503]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: ConversationCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> (
    Conversation
    | CreateConversationResponse400
    | CreateConversationResponse401
    | CreateConversationResponse403
    | CreateConversationResponse409
    | CreateConversationResponse411
    | CreateConversationResponse413
    | CreateConversationResponse415
    | CreateConversationResponse422
    | CreateConversationResponse429
    | CreateConversationResponse503
    | None
):
    """Start a conversation

     Starts a conversation with an existing contact (`contact_id`) or with a `contact` object that is
    found by `email` (or `external_id`) or created. An optional `message` becomes the first contact
    message; with `handled_by: assistant` the assistant answers it. Emits `conversation.created` (and
    `contact.created`, `message.created` when they happen).

    **Roles:** `agent`, `admin`, `owner` with the `read_write` scope.

    Args:
        idempotency_key (str | Unset):
        body (ConversationCreateRequest): A new conversation: `contact_id`, or a `contact` to find
            or create; an optional first `message`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Conversation | CreateConversationResponse400 | CreateConversationResponse401 | CreateConversationResponse403 | CreateConversationResponse409 | CreateConversationResponse411 | CreateConversationResponse413 | CreateConversationResponse415 | CreateConversationResponse422 | CreateConversationResponse429 | CreateConversationResponse503
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ConversationCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[
    Conversation
    | CreateConversationResponse400
    | CreateConversationResponse401
    | CreateConversationResponse403
    | CreateConversationResponse409
    | CreateConversationResponse411
    | CreateConversationResponse413
    | CreateConversationResponse415
    | CreateConversationResponse422
    | CreateConversationResponse429
    | CreateConversationResponse503
]:
    """Start a conversation

     Starts a conversation with an existing contact (`contact_id`) or with a `contact` object that is
    found by `email` (or `external_id`) or created. An optional `message` becomes the first contact
    message; with `handled_by: assistant` the assistant answers it. Emits `conversation.created` (and
    `contact.created`, `message.created` when they happen).

    **Roles:** `agent`, `admin`, `owner` with the `read_write` scope.

    Args:
        idempotency_key (str | Unset):
        body (ConversationCreateRequest): A new conversation: `contact_id`, or a `contact` to find
            or create; an optional first `message`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Conversation | CreateConversationResponse400 | CreateConversationResponse401 | CreateConversationResponse403 | CreateConversationResponse409 | CreateConversationResponse411 | CreateConversationResponse413 | CreateConversationResponse415 | CreateConversationResponse422 | CreateConversationResponse429 | CreateConversationResponse503]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ConversationCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> (
    Conversation
    | CreateConversationResponse400
    | CreateConversationResponse401
    | CreateConversationResponse403
    | CreateConversationResponse409
    | CreateConversationResponse411
    | CreateConversationResponse413
    | CreateConversationResponse415
    | CreateConversationResponse422
    | CreateConversationResponse429
    | CreateConversationResponse503
    | None
):
    """Start a conversation

     Starts a conversation with an existing contact (`contact_id`) or with a `contact` object that is
    found by `email` (or `external_id`) or created. An optional `message` becomes the first contact
    message; with `handled_by: assistant` the assistant answers it. Emits `conversation.created` (and
    `contact.created`, `message.created` when they happen).

    **Roles:** `agent`, `admin`, `owner` with the `read_write` scope.

    Args:
        idempotency_key (str | Unset):
        body (ConversationCreateRequest): A new conversation: `contact_id`, or a `contact` to find
            or create; an optional first `message`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Conversation | CreateConversationResponse400 | CreateConversationResponse401 | CreateConversationResponse403 | CreateConversationResponse409 | CreateConversationResponse411 | CreateConversationResponse413 | CreateConversationResponse415 | CreateConversationResponse422 | CreateConversationResponse429 | CreateConversationResponse503
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
