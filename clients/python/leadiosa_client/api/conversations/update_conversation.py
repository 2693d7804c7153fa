from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.conversation import Conversation
from ...models.patched_conversation_update_request import (
    PatchedConversationUpdateRequest,
)
from ...models.update_conversation_response_400 import UpdateConversationResponse400
from ...models.update_conversation_response_401 import UpdateConversationResponse401
from ...models.update_conversation_response_403 import UpdateConversationResponse403
from ...models.update_conversation_response_404 import UpdateConversationResponse404
from ...models.update_conversation_response_409 import UpdateConversationResponse409
from ...models.update_conversation_response_411 import UpdateConversationResponse411
from ...models.update_conversation_response_413 import UpdateConversationResponse413
from ...models.update_conversation_response_415 import UpdateConversationResponse415
from ...models.update_conversation_response_422 import UpdateConversationResponse422
from ...models.update_conversation_response_429 import UpdateConversationResponse429
from ...models.update_conversation_response_503 import UpdateConversationResponse503
from ...types import UNSET, Response, Unset


def _get_kwargs(
    conversation_id: str,
    *,
    body: PatchedConversationUpdateRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/conversations/{conversation_id}".format(
            conversation_id=quote(str(conversation_id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    Conversation
    | UpdateConversationResponse400
    | UpdateConversationResponse401
    | UpdateConversationResponse403
    | UpdateConversationResponse404
    | UpdateConversationResponse409
    | UpdateConversationResponse411
    | UpdateConversationResponse413
    | UpdateConversationResponse415
    | UpdateConversationResponse422
    | UpdateConversationResponse429
    | UpdateConversationResponse503
    | None
):
    if response.status_code == 200:
        response_200 = Conversation.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = UpdateConversationResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = UpdateConversationResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = UpdateConversationResponse403.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = UpdateConversationResponse404.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = UpdateConversationResponse409.from_dict(response.json())

        return response_409

    if response.status_code == 411:
        response_411 = UpdateConversationResponse411.from_dict(response.json())

        return response_411

    if response.status_code == 413:
        response_413 = UpdateConversationResponse413.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = UpdateConversationResponse415.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = UpdateConversationResponse422.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = UpdateConversationResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = UpdateConversationResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    Conversation
    | UpdateConversationResponse400
    | UpdateConversationResponse401
    | UpdateConversationResponse403
    | UpdateConversationResponse404
    | UpdateConversationResponse409
    | UpdateConversationResponse411
    | UpdateConversationResponse413
    | UpdateConversationResponse415
    | UpdateConversationResponse422
    | UpdateConversationResponse429
    | UpdateConversationResponse503
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
    body: PatchedConversationUpdateRequest | Unset = UNSET,
) -> Response[
    Conversation
    | UpdateConversationResponse400
    | UpdateConversationResponse401
    | UpdateConversationResponse403
    | UpdateConversationResponse404
    | UpdateConversationResponse409
    | UpdateConversationResponse411
    | UpdateConversationResponse413
    | UpdateConversationResponse415
    | UpdateConversationResponse422
    | UpdateConversationResponse429
    | UpdateConversationResponse503
]:
    """Update a conversation

     Changes the fields given: `status` (any status to `closed`; `closed` only back to `open`; `snoozed`
    needs a future `snoozed_until`), `assignee_id` (a member's `usr_…` id, or null to unassign),
    `priority`, `tags`, `subject`, `snoozed_until` and `handled_by`. Emits `conversation.updated`,
    `conversation.assigned`, `conversation.closed` or `conversation.reopened` with
    `previous_attributes`.

    **Roles:** `agent`, `admin`, `owner` with the `read_write` scope.

    Args:
        conversation_id (str):
        body (PatchedConversationUpdateRequest | Unset): The conversation fields to change.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Conversation | UpdateConversationResponse400 | UpdateConversationResponse401 | UpdateConversationResponse403 | UpdateConversationResponse404 | UpdateConversationResponse409 | UpdateConversationResponse411 | UpdateConversationResponse413 | UpdateConversationResponse415 | UpdateConversationResponse422 | UpdateConversationResponse429 | UpdateConversationResponse503]
    """

    kwargs = _get_kwargs(
        conversation_id=conversation_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    conversation_id: str,
    *,
    client: AuthenticatedClient,
    body: PatchedConversationUpdateRequest | Unset = UNSET,
) -> (
    Conversation
    | UpdateConversationResponse400
    | UpdateConversationResponse401
    | UpdateConversationResponse403
    | UpdateConversationResponse404
    | UpdateConversationResponse409
    | UpdateConversationResponse411
    | UpdateConversationResponse413
    | UpdateConversationResponse415
    | UpdateConversationResponse422
    | UpdateConversationResponse429
    | UpdateConversationResponse503
    | None
):
    """Update a conversation

     Changes the fields given: `status` (any status to `closed`; `closed` only back to `open`; `snoozed`
    needs a future `snoozed_until`), `assignee_id` (a member's `usr_…` id, or null to unassign),
    `priority`, `tags`, `subject`, `snoozed_until` and `handled_by`. Emits `conversation.updated`,
    `conversation.assigned`, `conversation.closed` or `conversation.reopened` with
    `previous_attributes`.

    **Roles:** `agent`, `admin`, `owner` with the `read_write` scope.

    Args:
        conversation_id (str):
        body (PatchedConversationUpdateRequest | Unset): The conversation fields to change.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Conversation | UpdateConversationResponse400 | UpdateConversationResponse401 | UpdateConversationResponse403 | UpdateConversationResponse404 | UpdateConversationResponse409 | UpdateConversationResponse411 | UpdateConversationResponse413 | UpdateConversationResponse415 | UpdateConversationResponse422 | UpdateConversationResponse429 | UpdateConversationResponse503
    """

    return sync_detailed(
        conversation_id=conversation_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    conversation_id: str,
    *,
    client: AuthenticatedClient,
    body: PatchedConversationUpdateRequest | Unset = UNSET,
) -> Response[
    Conversation
    | UpdateConversationResponse400
    | UpdateConversationResponse401
    | UpdateConversationResponse403
    | UpdateConversationResponse404
    | UpdateConversationResponse409
    | UpdateConversationResponse411
    | UpdateConversationResponse413
    | UpdateConversationResponse415
    | UpdateConversationResponse422
    | UpdateConversationResponse429
    | UpdateConversationResponse503
]:
    """Update a conversation

     Changes the fields given: `status` (any status to `closed`; `closed` only back to `open`; `snoozed`
    needs a future `snoozed_until`), `assignee_id` (a member's `usr_…` id, or null to unassign),
    `priority`, `tags`, `subject`, `snoozed_until` and `handled_by`. Emits `conversation.updated`,
    `conversation.assigned`, `conversation.closed` or `conversation.reopened` with
    `previous_attributes`.

    **Roles:** `agent`, `admin`, `owner` with the `read_write` scope.

    Args:
        conversation_id (str):
        body (PatchedConversationUpdateRequest | Unset): The conversation fields to change.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Conversation | UpdateConversationResponse400 | UpdateConversationResponse401 | UpdateConversationResponse403 | UpdateConversationResponse404 | UpdateConversationResponse409 | UpdateConversationResponse411 | UpdateConversationResponse413 | UpdateConversationResponse415 | UpdateConversationResponse422 | UpdateConversationResponse429 | UpdateConversationResponse503]
    """

    kwargs = _get_kwargs(
        conversation_id=conversation_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    conversation_id: str,
    *,
    client: AuthenticatedClient,
    body: PatchedConversationUpdateRequest | Unset = UNSET,
) -> (
    Conversation
    | UpdateConversationResponse400
    | UpdateConversationResponse401
    | UpdateConversationResponse403
    | UpdateConversationResponse404
    | UpdateConversationResponse409
    | UpdateConversationResponse411
    | UpdateConversationResponse413
    | UpdateConversationResponse415
    | UpdateConversationResponse422
    | UpdateConversationResponse429
    | UpdateConversationResponse503
    | None
):
    """Update a conversation

     Changes the fields given: `status` (any status to `closed`; `closed` only back to `open`; `snoozed`
    needs a future `snoozed_until`), `assignee_id` (a member's `usr_…` id, or null to unassign),
    `priority`, `tags`, `subject`, `snoozed_until` and `handled_by`. Emits `conversation.updated`,
    `conversation.assigned`, `conversation.closed` or `conversation.reopened` with
    `previous_attributes`.

    **Roles:** `agent`, `admin`, `owner` with the `read_write` scope.

    Args:
        conversation_id (str):
        body (PatchedConversationUpdateRequest | Unset): The conversation fields to change.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Conversation | UpdateConversationResponse400 | UpdateConversationResponse401 | UpdateConversationResponse403 | UpdateConversationResponse404 | UpdateConversationResponse409 | UpdateConversationResponse411 | UpdateConversationResponse413 | UpdateConversationResponse415 | UpdateConversationResponse422 | UpdateConversationResponse429 | UpdateConversationResponse503
    """

    return (
        await asyncio_detailed(
            conversation_id=conversation_id,
            client=client,
            body=body,
        )
    ).parsed
