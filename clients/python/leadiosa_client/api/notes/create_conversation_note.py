from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_conversation_note_response_400 import (
    CreateConversationNoteResponse400,
)
from ...models.create_conversation_note_response_401 import (
    CreateConversationNoteResponse401,
)
from ...models.create_conversation_note_response_403 import (
    CreateConversationNoteResponse403,
)
from ...models.create_conversation_note_response_404 import (
    CreateConversationNoteResponse404,
)
from ...models.create_conversation_note_response_409 import (
    CreateConversationNoteResponse409,
)
from ...models.create_conversation_note_response_411 import (
    CreateConversationNoteResponse411,
)
from ...models.create_conversation_note_response_413 import (
    CreateConversationNoteResponse413,
)
from ...models.create_conversation_note_response_415 import (
    CreateConversationNoteResponse415,
)
from ...models.create_conversation_note_response_422 import (
    CreateConversationNoteResponse422,
)
from ...models.create_conversation_note_response_429 import (
    CreateConversationNoteResponse429,
)
from ...models.create_conversation_note_response_503 import (
    CreateConversationNoteResponse503,
)
from ...models.note import Note
from ...models.note_create_request import NoteCreateRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    conversation_id: str,
    *,
    body: NoteCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/conversations/{conversation_id}/notes".format(
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
    CreateConversationNoteResponse400
    | CreateConversationNoteResponse401
    | CreateConversationNoteResponse403
    | CreateConversationNoteResponse404
    | CreateConversationNoteResponse409
    | CreateConversationNoteResponse411
    | CreateConversationNoteResponse413
    | CreateConversationNoteResponse415
    | CreateConversationNoteResponse422
    | CreateConversationNoteResponse429
    | CreateConversationNoteResponse503
    | Note
    | None
):
    if response.status_code == 201:
        response_201 = Note.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = CreateConversationNoteResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = CreateConversationNoteResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = CreateConversationNoteResponse403.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = CreateConversationNoteResponse404.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = CreateConversationNoteResponse409.from_dict(response.json())

        return response_409

    if response.status_code == 411:
        response_411 = CreateConversationNoteResponse411.from_dict(response.json())

        return response_411

    if response.status_code == 413:
        response_413 = CreateConversationNoteResponse413.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = CreateConversationNoteResponse415.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = CreateConversationNoteResponse422.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = CreateConversationNoteResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = CreateConversationNoteResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    CreateConversationNoteResponse400
    | CreateConversationNoteResponse401
    | CreateConversationNoteResponse403
    | CreateConversationNoteResponse404
    | CreateConversationNoteResponse409
    | CreateConversationNoteResponse411
    | CreateConversationNoteResponse413
    | CreateConversationNoteResponse415
    | CreateConversationNoteResponse422
    | CreateConversationNoteResponse429
    | CreateConversationNoteResponse503
    | Note
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
    body: NoteCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[
    CreateConversationNoteResponse400
    | CreateConversationNoteResponse401
    | CreateConversationNoteResponse403
    | CreateConversationNoteResponse404
    | CreateConversationNoteResponse409
    | CreateConversationNoteResponse411
    | CreateConversationNoteResponse413
    | CreateConversationNoteResponse415
    | CreateConversationNoteResponse422
    | CreateConversationNoteResponse429
    | CreateConversationNoteResponse503
    | Note
]:
    """Add an internal note

     Adds a note for the team (also on a closed conversation). Emits `note.created`.

    **Roles:** `agent`, `admin`, `owner` with the `read_write` scope.

    Args:
        conversation_id (str):
        idempotency_key (str | Unset):
        body (NoteCreateRequest): An internal note to add.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateConversationNoteResponse400 | CreateConversationNoteResponse401 | CreateConversationNoteResponse403 | CreateConversationNoteResponse404 | CreateConversationNoteResponse409 | CreateConversationNoteResponse411 | CreateConversationNoteResponse413 | CreateConversationNoteResponse415 | CreateConversationNoteResponse422 | CreateConversationNoteResponse429 | CreateConversationNoteResponse503 | Note]
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
    body: NoteCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> (
    CreateConversationNoteResponse400
    | CreateConversationNoteResponse401
    | CreateConversationNoteResponse403
    | CreateConversationNoteResponse404
    | CreateConversationNoteResponse409
    | CreateConversationNoteResponse411
    | CreateConversationNoteResponse413
    | CreateConversationNoteResponse415
    | CreateConversationNoteResponse422
    | CreateConversationNoteResponse429
    | CreateConversationNoteResponse503
    | Note
    | None
):
    """Add an internal note

     Adds a note for the team (also on a closed conversation). Emits `note.created`.

    **Roles:** `agent`, `admin`, `owner` with the `read_write` scope.

    Args:
        conversation_id (str):
        idempotency_key (str | Unset):
        body (NoteCreateRequest): An internal note to add.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateConversationNoteResponse400 | CreateConversationNoteResponse401 | CreateConversationNoteResponse403 | CreateConversationNoteResponse404 | CreateConversationNoteResponse409 | CreateConversationNoteResponse411 | CreateConversationNoteResponse413 | CreateConversationNoteResponse415 | CreateConversationNoteResponse422 | CreateConversationNoteResponse429 | CreateConversationNoteResponse503 | Note
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
    body: NoteCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[
    CreateConversationNoteResponse400
    | CreateConversationNoteResponse401
    | CreateConversationNoteResponse403
    | CreateConversationNoteResponse404
    | CreateConversationNoteResponse409
    | CreateConversationNoteResponse411
    | CreateConversationNoteResponse413
    | CreateConversationNoteResponse415
    | CreateConversationNoteResponse422
    | CreateConversationNoteResponse429
    | CreateConversationNoteResponse503
    | Note
]:
    """Add an internal note

     Adds a note for the team (also on a closed conversation). Emits `note.created`.

    **Roles:** `agent`, `admin`, `owner` with the `read_write` scope.

    Args:
        conversation_id (str):
        idempotency_key (str | Unset):
        body (NoteCreateRequest): An internal note to add.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateConversationNoteResponse400 | CreateConversationNoteResponse401 | CreateConversationNoteResponse403 | CreateConversationNoteResponse404 | CreateConversationNoteResponse409 | CreateConversationNoteResponse411 | CreateConversationNoteResponse413 | CreateConversationNoteResponse415 | CreateConversationNoteResponse422 | CreateConversationNoteResponse429 | CreateConversationNoteResponse503 | Note]
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
    body: NoteCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> (
    CreateConversationNoteResponse400
    | CreateConversationNoteResponse401
    | CreateConversationNoteResponse403
    | CreateConversationNoteResponse404
    | CreateConversationNoteResponse409
    | CreateConversationNoteResponse411
    | CreateConversationNoteResponse413
    | CreateConversationNoteResponse415
    | CreateConversationNoteResponse422
    | CreateConversationNoteResponse429
    | CreateConversationNoteResponse503
    | Note
    | None
):
    """Add an internal note

     Adds a note for the team (also on a closed conversation). Emits `note.created`.

    **Roles:** `agent`, `admin`, `owner` with the `read_write` scope.

    Args:
        conversation_id (str):
        idempotency_key (str | Unset):
        body (NoteCreateRequest): An internal note to add.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateConversationNoteResponse400 | CreateConversationNoteResponse401 | CreateConversationNoteResponse403 | CreateConversationNoteResponse404 | CreateConversationNoteResponse409 | CreateConversationNoteResponse411 | CreateConversationNoteResponse413 | CreateConversationNoteResponse415 | CreateConversationNoteResponse422 | CreateConversationNoteResponse429 | CreateConversationNoteResponse503 | Note
    """

    return (
        await asyncio_detailed(
            conversation_id=conversation_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
