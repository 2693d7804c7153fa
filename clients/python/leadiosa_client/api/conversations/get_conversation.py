from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.conversation import Conversation
from ...models.get_conversation_response_400 import GetConversationResponse400
from ...models.get_conversation_response_401 import GetConversationResponse401
from ...models.get_conversation_response_404 import GetConversationResponse404
from ...models.get_conversation_response_429 import GetConversationResponse429
from ...models.get_conversation_response_503 import GetConversationResponse503
from ...types import Response


def _get_kwargs(
    conversation_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/conversations/{conversation_id}".format(
            conversation_id=quote(str(conversation_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    Conversation
    | GetConversationResponse400
    | GetConversationResponse401
    | GetConversationResponse404
    | GetConversationResponse429
    | GetConversationResponse503
    | None
):
    if response.status_code == 200:
        response_200 = Conversation.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = GetConversationResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = GetConversationResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = GetConversationResponse404.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = GetConversationResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = GetConversationResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    Conversation
    | GetConversationResponse400
    | GetConversationResponse401
    | GetConversationResponse404
    | GetConversationResponse429
    | GetConversationResponse503
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
) -> Response[
    Conversation
    | GetConversationResponse400
    | GetConversationResponse401
    | GetConversationResponse404
    | GetConversationResponse429
    | GetConversationResponse503
]:
    """Retrieve a conversation

     One conversation of the workspace, with its counters and timestamps.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        conversation_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Conversation | GetConversationResponse400 | GetConversationResponse401 | GetConversationResponse404 | GetConversationResponse429 | GetConversationResponse503]
    """

    kwargs = _get_kwargs(
        conversation_id=conversation_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    conversation_id: str,
    *,
    client: AuthenticatedClient,
) -> (
    Conversation
    | GetConversationResponse400
    | GetConversationResponse401
    | GetConversationResponse404
    | GetConversationResponse429
    | GetConversationResponse503
    | None
):
    """Retrieve a conversation

     One conversation of the workspace, with its counters and timestamps.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        conversation_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Conversation | GetConversationResponse400 | GetConversationResponse401 | GetConversationResponse404 | GetConversationResponse429 | GetConversationResponse503
    """

    return sync_detailed(
        conversation_id=conversation_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    conversation_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[
    Conversation
    | GetConversationResponse400
    | GetConversationResponse401
    | GetConversationResponse404
    | GetConversationResponse429
    | GetConversationResponse503
]:
    """Retrieve a conversation

     One conversation of the workspace, with its counters and timestamps.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        conversation_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Conversation | GetConversationResponse400 | GetConversationResponse401 | GetConversationResponse404 | GetConversationResponse429 | GetConversationResponse503]
    """

    kwargs = _get_kwargs(
        conversation_id=conversation_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    conversation_id: str,
    *,
    client: AuthenticatedClient,
) -> (
    Conversation
    | GetConversationResponse400
    | GetConversationResponse401
    | GetConversationResponse404
    | GetConversationResponse429
    | GetConversationResponse503
    | None
):
    """Retrieve a conversation

     One conversation of the workspace, with its counters and timestamps.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        conversation_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Conversation | GetConversationResponse400 | GetConversationResponse401 | GetConversationResponse404 | GetConversationResponse429 | GetConversationResponse503
    """

    return (
        await asyncio_detailed(
            conversation_id=conversation_id,
            client=client,
        )
    ).parsed
