from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_conversation_message_response_400 import (
    CreateConversationMessageResponse400,
)
from ...models.create_conversation_message_response_401 import (
    CreateConversationMessageResponse401,
)
from ...models.create_conversation_message_response_403 import (
    CreateConversationMessageResponse403,
)
from ...models.create_conversation_message_response_404 import (
    CreateConversationMessageResponse404,
)
from ...models.create_conversation_message_response_409 import (
    CreateConversationMessageResponse409,
)
from ...models.create_conversation_message_response_411 import (
    CreateConversationMessageResponse411,
)
from ...models.create_conversation_message_response_413 import (
    CreateConversationMessageResponse413,
)
from ...models.create_conversation_message_response_415 import (
    CreateConversationMessageResponse415,
)
from ...models.create_conversation_message_response_422 import (
    CreateConversationMessageResponse422,
)
from ...models.create_conversation_message_response_429 import (
    CreateConversationMessageResponse429,
)
from ...models.create_conversation_message_response_503 import (
    CreateConversationMessageResponse503,
)
from ...models.message import Message
from ...models.message_create_request import MessageCreateRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    conversation_id: str,
    *,
    body: MessageCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/conversations/{conversation_id}/messages".format(
            conversation_id=quote(str(conversation_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    CreateConversationMessageResponse400
    | CreateConversationMessageResponse401
    | CreateConversationMessageResponse403
    | CreateConversationMessageResponse404
    | CreateConversationMessageResponse409
    | CreateConversationMessageResponse411
    | CreateConversationMessageResponse413
    | CreateConversationMessageResponse415
    | CreateConversationMessageResponse422
    | CreateConversationMessageResponse429
    | CreateConversationMessageResponse503
    | Message
    | None
):
    if response.status_code == 201:
        response_201 = Message.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = CreateConversationMessageResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = CreateConversationMessageResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = CreateConversationMessageResponse403.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = CreateConversationMessageResponse404.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = CreateConversationMessageResponse409.from_dict(response.json())

        return response_409

    if response.status_code == 411:
        response_411 = CreateConversationMessageResponse411.from_dict(response.json())

        return response_411

    if response.status_code == 413:
        response_413 = CreateConversationMessageResponse413.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = CreateConversationMessageResponse415.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = CreateConversationMessageResponse422.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = CreateConversationMessageResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = CreateConversationMessageResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    CreateConversationMessageResponse400
    | CreateConversationMessageResponse401
    | CreateConversationMessageResponse403
    | CreateConversationMessageResponse404
    | CreateConversationMessageResponse409
    | CreateConversationMessageResponse411
    | CreateConversationMessageResponse413
    | CreateConversationMessageResponse415
    | CreateConversationMessageResponse422
    | CreateConversationMessageResponse429
    | CreateConversationMessageResponse503
    | Message
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    conversation_id: str,
    *,
    client: AuthenticatedClient,
    body: MessageCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[
    CreateConversationMessageResponse400
    | CreateConversationMessageResponse401
    | CreateConversationMessageResponse403
    | CreateConversationMessageResponse404
    | CreateConversationMessageResponse409
    | CreateConversationMessageResponse411
    | CreateConversationMessageResponse413
    | CreateConversationMessageResponse415
    | CreateConversationMessageResponse422
    | CreateConversationMessageResponse429
    | CreateConversationMessageResponse503
    | Message
]:
    """Post a message

     Posts as an `agent` (the token's creator is the author; the default) or, with `"author_type":
    "contact"`, relays a message from the contact. A contact message reopens a closed conversation and
    may get an assistant reply; an agent message on a closed one is refused. Emits `message.created`.

    **Roles:** `agent`, `admin`, `owner` with the `read_write` scope.

    Args:
        conversation_id (str):
        idempotency_key (str | Unset):
        body (MessageCreateRequest): A message to post as an agent (default) or on behalf of the
            contact.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateConversationMessageResponse400 | CreateConversationMessageResponse401 | CreateConversationMessageResponse403 | CreateConversationMessageResponse404 | CreateConversationMessageResponse409 | CreateConversationMessageResponse411 | CreateConversationMessageResponse413 | CreateConversationMessageResponse415 | CreateConversationMessageResponse422 | CreateConversationMessageResponse429 | CreateConversationMessageResponse503 | Message]
    """

    kwargs = _get_kwargs(
        conversation_id=conversation_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    conversation_id: str,
    *,
    client: AuthenticatedClient,
    body: MessageCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> (
    CreateConversationMessageResponse400
    | CreateConversationMessageResponse401
    | CreateConversationMessageResponse403
    | CreateConversationMessageResponse404
    | CreateConversationMessageResponse409
    | CreateConversationMessageResponse411
    | CreateConversationMessageResponse413
    | CreateConversationMessageResponse415
    | CreateConversationMessageResponse422
    | CreateConversationMessageResponse429
    | CreateConversationMessageResponse503
    | Message
    | None
):
    """Post a message

     Posts as an `agent` (the token's creator is the author; the default) or, with `"author_type":
    "contact"`, relays a message from the contact. A contact message reopens a closed conversation and
    may get an assistant reply; an agent message on a closed one is refused. Emits `message.created`.

    **Roles:** `agent`, `admin`, `owner` with the `read_write` scope.

    Args:
        conversation_id (str):
        idempotency_key (str | Unset):
        body (MessageCreateRequest): A message to post as an agent (default) or on behalf of the
            contact.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateConversationMessageResponse400 | CreateConversationMessageResponse401 | CreateConversationMessageResponse403 | CreateConversationMessageResponse404 | CreateConversationMessageResponse409 | CreateConversationMessageResponse411 | CreateConversationMessageResponse413 | CreateConversationMessageResponse415 | CreateConversationMessageResponse422 | CreateConversationMessageResponse429 | CreateConversationMessageResponse503 | Message
    """

    return sync_detailed(
        conversation_id=conversation_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    conversation_id: str,
    *,
    client: AuthenticatedClient,
    body: MessageCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[
    CreateConversationMessageResponse400
    | CreateConversationMessageResponse401
    | CreateConversationMessageResponse403
    | CreateConversationMessageResponse404
    | CreateConversationMessageResponse409
    | CreateConversationMessageResponse411
    | CreateConversationMessageResponse413
    | CreateConversationMessageResponse415
    | CreateConversationMessageResponse422
    | CreateConversationMessageResponse429
    | CreateConversationMessageResponse503
    | Message
]:
    """Post a message

     Posts as an `agent` (the token's creator is the author; the default) or, with `"author_type":
    "contact"`, relays a message from the contact. A contact message reopens a closed conversation and
    may get an assistant reply; an agent message on a closed one is refused. Emits `message.created`.

    **Roles:** `agent`, `admin`, `owner` with the `read_write` scope.

    Args:
        conversation_id (str):
        idempotency_key (str | Unset):
        body (MessageCreateRequest): A message to post as an agent (default) or on behalf of the
            contact.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateConversationMessageResponse400 | CreateConversationMessageResponse401 | CreateConversationMessageResponse403 | CreateConversationMessageResponse404 | CreateConversationMessageResponse409 | CreateConversationMessageResponse411 | CreateConversationMessageResponse413 | CreateConversationMessageResponse415 | CreateConversationMessageResponse422 | CreateConversationMessageResponse429 | CreateConversationMessageResponse503 | Message]
    """

    kwargs = _get_kwargs(
        conversation_id=conversation_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    conversation_id: str,
    *,
    client: AuthenticatedClient,
    body: MessageCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> (
    CreateConversationMessageResponse400
    | CreateConversationMessageResponse401
    | CreateConversationMessageResponse403
    | CreateConversationMessageResponse404
    | CreateConversationMessageResponse409
    | CreateConversationMessageResponse411
    | CreateConversationMessageResponse413
    | CreateConversationMessageResponse415
    | CreateConversationMessageResponse422
    | CreateConversationMessageResponse429
    | CreateConversationMessageResponse503
    | Message
    | None
):
    """Post a message

     Posts as an `agent` (the token's creator is the author; the default) or, with `"author_type":
    "contact"`, relays a message from the contact. A contact message reopens a closed conversation and
    may get an assistant reply; an agent message on a closed one is refused. Emits `message.created`.

    **Roles:** `agent`, `admin`, `owner` with the `read_write` scope.

    Args:
        conversation_id (str):
        idempotency_key (str | Unset):
        body (MessageCreateRequest): A message to post as an agent (default) or on behalf of the
            contact.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateConversationMessageResponse400 | CreateConversationMessageResponse401 | CreateConversationMessageResponse403 | CreateConversationMessageResponse404 | CreateConversationMessageResponse409 | CreateConversationMessageResponse411 | CreateConversationMessageResponse413 | CreateConversationMessageResponse415 | CreateConversationMessageResponse422 | CreateConversationMessageResponse429 | CreateConversationMessageResponse503 | Message
    """

    return (
        await asyncio_detailed(
            conversation_id=conversation_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
