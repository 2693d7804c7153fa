from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_conversation_notes_response_400 import (
    ListConversationNotesResponse400,
)
from ...models.list_conversation_notes_response_401 import (
    ListConversationNotesResponse401,
)
from ...models.list_conversation_notes_response_404 import (
    ListConversationNotesResponse404,
)
from ...models.list_conversation_notes_response_429 import (
    ListConversationNotesResponse429,
)
from ...models.list_conversation_notes_response_503 import (
    ListConversationNotesResponse503,
)
from ...models.paginated_note_list import PaginatedNoteList
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
        "url": "/api/v1/conversations/{conversation_id}/notes".format(
            conversation_id=quote(str(conversation_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ListConversationNotesResponse400
    | ListConversationNotesResponse401
    | ListConversationNotesResponse404
    | ListConversationNotesResponse429
    | ListConversationNotesResponse503
    | PaginatedNoteList
    | None
):
    if response.status_code == 200:
        response_200 = PaginatedNoteList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ListConversationNotesResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ListConversationNotesResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ListConversationNotesResponse404.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = ListConversationNotesResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = ListConversationNotesResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    ListConversationNotesResponse400
    | ListConversationNotesResponse401
    | ListConversationNotesResponse404
    | ListConversationNotesResponse429
    | ListConversationNotesResponse503
    | PaginatedNoteList
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
    ListConversationNotesResponse400
    | ListConversationNotesResponse401
    | ListConversationNotesResponse404
    | ListConversationNotesResponse429
    | ListConversationNotesResponse503
    | PaginatedNoteList
]:
    """List a conversation's internal notes

     Internal notes of the team, newest first. Notes never reach the contact. Paginated with a cursor:
    pass `pagination.next_cursor` as `after` until `has_more` is false.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        conversation_id (str):
        after (str | Unset):
        limit (int | Unset):  Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListConversationNotesResponse400 | ListConversationNotesResponse401 | ListConversationNotesResponse404 | ListConversationNotesResponse429 | ListConversationNotesResponse503 | PaginatedNoteList]
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
    ListConversationNotesResponse400
    | ListConversationNotesResponse401
    | ListConversationNotesResponse404
    | ListConversationNotesResponse429
    | ListConversationNotesResponse503
    | PaginatedNoteList
    | None
):
    """List a conversation's internal notes

     Internal notes of the team, newest first. Notes never reach the contact. Paginated with a cursor:
    pass `pagination.next_cursor` as `after` until `has_more` is false.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        conversation_id (str):
        after (str | Unset):
        limit (int | Unset):  Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListConversationNotesResponse400 | ListConversationNotesResponse401 | ListConversationNotesResponse404 | ListConversationNotesResponse429 | ListConversationNotesResponse503 | PaginatedNoteList
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
    ListConversationNotesResponse400
    | ListConversationNotesResponse401
    | ListConversationNotesResponse404
    | ListConversationNotesResponse429
    | ListConversationNotesResponse503
    | PaginatedNoteList
]:
    """List a conversation's internal notes

     Internal notes of the team, newest first. Notes never reach the contact. Paginated with a cursor:
    pass `pagination.next_cursor` as `after` until `has_more` is false.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        conversation_id (str):
        after (str | Unset):
        limit (int | Unset):  Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListConversationNotesResponse400 | ListConversationNotesResponse401 | ListConversationNotesResponse404 | ListConversationNotesResponse429 | ListConversationNotesResponse503 | PaginatedNoteList]
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
    ListConversationNotesResponse400
    | ListConversationNotesResponse401
    | ListConversationNotesResponse404
    | ListConversationNotesResponse429
    | ListConversationNotesResponse503
    | PaginatedNoteList
    | None
):
    """List a conversation's internal notes

     Internal notes of the team, newest first. Notes never reach the contact. Paginated with a cursor:
    pass `pagination.next_cursor` as `after` until `has_more` is false.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        conversation_id (str):
        after (str | Unset):
        limit (int | Unset):  Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListConversationNotesResponse400 | ListConversationNotesResponse401 | ListConversationNotesResponse404 | ListConversationNotesResponse429 | ListConversationNotesResponse503 | PaginatedNoteList
    """

    return (
        await asyncio_detailed(
            conversation_id=conversation_id,
            client=client,
            after=after,
            limit=limit,
        )
    ).parsed
