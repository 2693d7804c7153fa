from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.restore_workspace_response_400 import RestoreWorkspaceResponse400
from ...models.restore_workspace_response_401 import RestoreWorkspaceResponse401
from ...models.restore_workspace_response_403 import RestoreWorkspaceResponse403
from ...models.restore_workspace_response_409 import RestoreWorkspaceResponse409
from ...models.restore_workspace_response_422 import RestoreWorkspaceResponse422
from ...models.restore_workspace_response_429 import RestoreWorkspaceResponse429
from ...models.restore_workspace_response_503 import RestoreWorkspaceResponse503
from ...models.workspace import Workspace
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/workspace/restore",
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    RestoreWorkspaceResponse400
    | RestoreWorkspaceResponse401
    | RestoreWorkspaceResponse403
    | RestoreWorkspaceResponse409
    | RestoreWorkspaceResponse422
    | RestoreWorkspaceResponse429
    | RestoreWorkspaceResponse503
    | Workspace
    | None
):
    if response.status_code == 200:
        response_200 = Workspace.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = RestoreWorkspaceResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = RestoreWorkspaceResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = RestoreWorkspaceResponse403.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = RestoreWorkspaceResponse409.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = RestoreWorkspaceResponse422.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = RestoreWorkspaceResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = RestoreWorkspaceResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    RestoreWorkspaceResponse400
    | RestoreWorkspaceResponse401
    | RestoreWorkspaceResponse403
    | RestoreWorkspaceResponse409
    | RestoreWorkspaceResponse422
    | RestoreWorkspaceResponse429
    | RestoreWorkspaceResponse503
    | Workspace
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
    idempotency_key: str | Unset = UNSET,
) -> Response[
    RestoreWorkspaceResponse400
    | RestoreWorkspaceResponse401
    | RestoreWorkspaceResponse403
    | RestoreWorkspaceResponse409
    | RestoreWorkspaceResponse422
    | RestoreWorkspaceResponse429
    | RestoreWorkspaceResponse503
    | Workspace
]:
    """Restore the workspace

     Reopens a closed workspace within its 30-day grace. Emits `workspace.restored`.

    **Roles:** `owner` with the `read_write` scope.

    Args:
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[RestoreWorkspaceResponse400 | RestoreWorkspaceResponse401 | RestoreWorkspaceResponse403 | RestoreWorkspaceResponse409 | RestoreWorkspaceResponse422 | RestoreWorkspaceResponse429 | RestoreWorkspaceResponse503 | Workspace]
    """

    kwargs = _get_kwargs(
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> (
    RestoreWorkspaceResponse400
    | RestoreWorkspaceResponse401
    | RestoreWorkspaceResponse403
    | RestoreWorkspaceResponse409
    | RestoreWorkspaceResponse422
    | RestoreWorkspaceResponse429
    | RestoreWorkspaceResponse503
    | Workspace
    | None
):
    """Restore the workspace

     Reopens a closed workspace within its 30-day grace. Emits `workspace.restored`.

    **Roles:** `owner` with the `read_write` scope.

    Args:
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RestoreWorkspaceResponse400 | RestoreWorkspaceResponse401 | RestoreWorkspaceResponse403 | RestoreWorkspaceResponse409 | RestoreWorkspaceResponse422 | RestoreWorkspaceResponse429 | RestoreWorkspaceResponse503 | Workspace
    """

    return sync_detailed(
        client=client,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> Response[
    RestoreWorkspaceResponse400
    | RestoreWorkspaceResponse401
    | RestoreWorkspaceResponse403
    | RestoreWorkspaceResponse409
    | RestoreWorkspaceResponse422
    | RestoreWorkspaceResponse429
    | RestoreWorkspaceResponse503
    | Workspace
]:
    """Restore the workspace

     Reopens a closed workspace within its 30-day grace. Emits `workspace.restored`.

    **Roles:** `owner` with the `read_write` scope.

    Args:
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[RestoreWorkspaceResponse400 | RestoreWorkspaceResponse401 | RestoreWorkspaceResponse403 | RestoreWorkspaceResponse409 | RestoreWorkspaceResponse422 | RestoreWorkspaceResponse429 | RestoreWorkspaceResponse503 | Workspace]
    """

    kwargs = _get_kwargs(
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> (
    RestoreWorkspaceResponse400
    | RestoreWorkspaceResponse401
    | RestoreWorkspaceResponse403
    | RestoreWorkspaceResponse409
    | RestoreWorkspaceResponse422
    | RestoreWorkspaceResponse429
    | RestoreWorkspaceResponse503
    | Workspace
    | None
):
    """Restore the workspace

     Reopens a closed workspace within its 30-day grace. Emits `workspace.restored`.

    **Roles:** `owner` with the `read_write` scope.

    Args:
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RestoreWorkspaceResponse400 | RestoreWorkspaceResponse401 | RestoreWorkspaceResponse403 | RestoreWorkspaceResponse409 | RestoreWorkspaceResponse422 | RestoreWorkspaceResponse429 | RestoreWorkspaceResponse503 | Workspace
    """

    return (
        await asyncio_detailed(
            client=client,
            idempotency_key=idempotency_key,
        )
    ).parsed
