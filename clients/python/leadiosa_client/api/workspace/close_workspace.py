from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.close_workspace_response_400 import CloseWorkspaceResponse400
from ...models.close_workspace_response_401 import CloseWorkspaceResponse401
from ...models.close_workspace_response_403 import CloseWorkspaceResponse403
from ...models.close_workspace_response_409 import CloseWorkspaceResponse409
from ...models.close_workspace_response_422 import CloseWorkspaceResponse422
from ...models.close_workspace_response_429 import CloseWorkspaceResponse429
from ...models.close_workspace_response_503 import CloseWorkspaceResponse503
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
        "url": "/api/v1/workspace/close",
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    CloseWorkspaceResponse400
    | CloseWorkspaceResponse401
    | CloseWorkspaceResponse403
    | CloseWorkspaceResponse409
    | CloseWorkspaceResponse422
    | CloseWorkspaceResponse429
    | CloseWorkspaceResponse503
    | Workspace
    | None
):
    if response.status_code == 200:
        response_200 = Workspace.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = CloseWorkspaceResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = CloseWorkspaceResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = CloseWorkspaceResponse403.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = CloseWorkspaceResponse409.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = CloseWorkspaceResponse422.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = CloseWorkspaceResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = CloseWorkspaceResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    CloseWorkspaceResponse400
    | CloseWorkspaceResponse401
    | CloseWorkspaceResponse403
    | CloseWorkspaceResponse409
    | CloseWorkspaceResponse422
    | CloseWorkspaceResponse429
    | CloseWorkspaceResponse503
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
    CloseWorkspaceResponse400
    | CloseWorkspaceResponse401
    | CloseWorkspaceResponse403
    | CloseWorkspaceResponse409
    | CloseWorkspaceResponse422
    | CloseWorkspaceResponse429
    | CloseWorkspaceResponse503
    | Workspace
]:
    """Close the workspace

     Closes the workspace: an archive is built, writes answer 409 `workspace_closed`, reads still work,
    and everything is purged after a 30-day grace (`purge_after`). Emits `workspace.closed`.

    **Roles:** `owner` with the `read_write` scope.

    Args:
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CloseWorkspaceResponse400 | CloseWorkspaceResponse401 | CloseWorkspaceResponse403 | CloseWorkspaceResponse409 | CloseWorkspaceResponse422 | CloseWorkspaceResponse429 | CloseWorkspaceResponse503 | Workspace]
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
    CloseWorkspaceResponse400
    | CloseWorkspaceResponse401
    | CloseWorkspaceResponse403
    | CloseWorkspaceResponse409
    | CloseWorkspaceResponse422
    | CloseWorkspaceResponse429
    | CloseWorkspaceResponse503
    | Workspace
    | None
):
    """Close the workspace

     Closes the workspace: an archive is built, writes answer 409 `workspace_closed`, reads still work,
    and everything is purged after a 30-day grace (`purge_after`). Emits `workspace.closed`.

    **Roles:** `owner` with the `read_write` scope.

    Args:
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CloseWorkspaceResponse400 | CloseWorkspaceResponse401 | CloseWorkspaceResponse403 | CloseWorkspaceResponse409 | CloseWorkspaceResponse422 | CloseWorkspaceResponse429 | CloseWorkspaceResponse503 | Workspace
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
    CloseWorkspaceResponse400
    | CloseWorkspaceResponse401
    | CloseWorkspaceResponse403
    | CloseWorkspaceResponse409
    | CloseWorkspaceResponse422
    | CloseWorkspaceResponse429
    | CloseWorkspaceResponse503
    | Workspace
]:
    """Close the workspace

     Closes the workspace: an archive is built, writes answer 409 `workspace_closed`, reads still work,
    and everything is purged after a 30-day grace (`purge_after`). Emits `workspace.closed`.

    **Roles:** `owner` with the `read_write` scope.

    Args:
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CloseWorkspaceResponse400 | CloseWorkspaceResponse401 | CloseWorkspaceResponse403 | CloseWorkspaceResponse409 | CloseWorkspaceResponse422 | CloseWorkspaceResponse429 | CloseWorkspaceResponse503 | Workspace]
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
    CloseWorkspaceResponse400
    | CloseWorkspaceResponse401
    | CloseWorkspaceResponse403
    | CloseWorkspaceResponse409
    | CloseWorkspaceResponse422
    | CloseWorkspaceResponse429
    | CloseWorkspaceResponse503
    | Workspace
    | None
):
    """Close the workspace

     Closes the workspace: an archive is built, writes answer 409 `workspace_closed`, reads still work,
    and everything is purged after a 30-day grace (`purge_after`). Emits `workspace.closed`.

    **Roles:** `owner` with the `read_write` scope.

    Args:
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CloseWorkspaceResponse400 | CloseWorkspaceResponse401 | CloseWorkspaceResponse403 | CloseWorkspaceResponse409 | CloseWorkspaceResponse422 | CloseWorkspaceResponse429 | CloseWorkspaceResponse503 | Workspace
    """

    return (
        await asyncio_detailed(
            client=client,
            idempotency_key=idempotency_key,
        )
    ).parsed
