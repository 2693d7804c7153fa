from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_conversation_messages_response_400 import (
    ListConversationMessagesResponse400,
)
from ...models.list_conversation_messages_response_401 import (
    ListConversationMessagesResponse401,
)
from ...models.list_conversation_messages_response_404 import (
    ListConversationMessagesResponse404,
)
from ...models.list_conversation_messages_response_429 import (
    ListConversationMessagesResponse429,
)
from ...models.list_conversation_messages_response_503 import (
    ListConversationMessagesResponse503,
)
from ...models.paginated_message_list import PaginatedMessageList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    conversation_id: str,
    *,
    after: str | Unset = UNSET,
    limit: int | Unset = 25,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["after"] = after

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/conversations/{conversation_id}/messages".format(
            conversation_id=quote(str(conversation_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ListConversationMessagesResponse400
    | ListConversationMessagesResponse401
    | ListConversationMessagesResponse404
    | ListConversationMessagesResponse429
    | ListConversationMessagesResponse503
    | PaginatedMessageList
    | None
):
    if response.status_code == 200:
        response_200 = PaginatedMessageList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ListConversationMessagesResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ListConversationMessagesResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ListConversationMessagesResponse404.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = ListConversationMessagesResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = ListConversationMessagesResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    ListConversationMessagesResponse400
    | ListConversationMessagesResponse401
    | ListConversationMessagesResponse404
    | ListConversationMessagesResponse429
    | ListConversationMessagesResponse503
    | PaginatedMessageList
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
    after: str | Unset = UNSET,
    limit: int | Unset = 25,
) -> Response[
    ListConversationMessagesResponse400
    | ListConversationMessagesResponse401
    | ListConversationMessagesResponse404
    | ListConversationMessagesResponse429
    | ListConversationMessagesResponse503
    | PaginatedMessageList
]:
    """List a conversation's messages

     The thread, oldest first (by `created_at`, then `id`): contact, agent, assistant and system
    messages. Internal notes never appear here. Paginated with a cursor: pass `pagination.next_cursor`
    as `after` until `has_more` is false.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        conversation_id (str):
        after (str | Unset):
        limit (int | Unset):  Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListConversationMessagesResponse400 | ListConversationMessagesResponse401 | ListConversationMessagesResponse404 | ListConversationMessagesResponse429 | ListConversationMessagesResponse503 | PaginatedMessageList]
    """

    kwargs = _get_kwargs(
        conversation_id=conversation_id,
        after=after,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    conversation_id: str,
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    limit: int | Unset = 25,
) -> (
    ListConversationMessagesResponse400
    | ListConversationMessagesResponse401
    | ListConversationMessagesResponse404
    | ListConversationMessagesResponse429
    | ListConversationMessagesResponse503
    | PaginatedMessageList
    | None
):
    """List a conversation's messages

     The thread, oldest first (by `created_at`, then `id`): contact, agent, assistant and system
    messages. Internal notes never appear here. Paginated with a cursor: pass `pagination.next_cursor`
    as `after` until `has_more` is false.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        conversation_id (str):
        after (str | Unset):
        limit (int | Unset):  Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListConversationMessagesResponse400 | ListConversationMessagesResponse401 | ListConversationMessagesResponse404 | ListConversationMessagesResponse429 | ListConversationMessagesResponse503 | PaginatedMessageList
    """

    return sync_detailed(
        conversation_id=conversation_id,
        client=client,
        after=after,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    conversation_id: str,
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    limit: int | Unset = 25,
) -> Response[
    ListConversationMessagesResponse400
    | ListConversationMessagesResponse401
    | ListConversationMessagesResponse404
    | ListConversationMessagesResponse429
    | ListConversationMessagesResponse503
    | PaginatedMessageList
]:
    """List a conversation's messages

     The thread, oldest first (by `created_at`, then `id`): contact, agent, assistant and system
    messages. Internal notes never appear here. Paginated with a cursor: pass `pagination.next_cursor`
    as `after` until `has_more` is false.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        conversation_id (str):
        after (str | Unset):
        limit (int | Unset):  Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListConversationMessagesResponse400 | ListConversationMessagesResponse401 | ListConversationMessagesResponse404 | ListConversationMessagesResponse429 | ListConversationMessagesResponse503 | PaginatedMessageList]
    """

    kwargs = _get_kwargs(
        conversation_id=conversation_id,
        after=after,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    conversation_id: str,
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    limit: int | Unset = 25,
) -> (
    ListConversationMessagesResponse400
    | ListConversationMessagesResponse401
    | ListConversationMessagesResponse404
    | ListConversationMessagesResponse429
    | ListConversationMessagesResponse503
    | PaginatedMessageList
    | None
):
    """List a conversation's messages

     The thread, oldest first (by `created_at`, then `id`): contact, agent, assistant and system
    messages. Internal notes never appear here. Paginated with a cursor: pass `pagination.next_cursor`
    as `after` until `has_more` is false.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        conversation_id (str):
        after (str | Unset):
        limit (int | Unset):  Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListConversationMessagesResponse400 | ListConversationMessagesResponse401 | ListConversationMessagesResponse404 | ListConversationMessagesResponse429 | ListConversationMessagesResponse503 | PaginatedMessageList
    """

    return (
        await asyncio_detailed(
            conversation_id=conversation_id,
            client=client,
            after=after,
            limit=limit,
        )
    ).parsed
