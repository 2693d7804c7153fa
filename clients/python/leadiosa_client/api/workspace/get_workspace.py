from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_workspace_response_400 import GetWorkspaceResponse400
from ...models.get_workspace_response_401 import GetWorkspaceResponse401
from ...models.get_workspace_response_429 import GetWorkspaceResponse429
from ...models.get_workspace_response_503 import GetWorkspaceResponse503
from ...models.workspace import Workspace
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/workspace",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    GetWorkspaceResponse400
    | GetWorkspaceResponse401
    | GetWorkspaceResponse429
    | GetWorkspaceResponse503
    | Workspace
    | None
):
    if response.status_code == 200:
        response_200 = Workspace.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = GetWorkspaceResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = GetWorkspaceResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 429:
        response_429 = GetWorkspaceResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = GetWorkspaceResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    GetWorkspaceResponse400
    | GetWorkspaceResponse401
    | GetWorkspaceResponse429
    | GetWorkspaceResponse503
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
) -> Response[
    GetWorkspaceResponse400
    | GetWorkspaceResponse401
    | GetWorkspaceResponse429
    | GetWorkspaceResponse503
    | Workspace
]:
    """Retrieve the workspace

     The token's workspace: its name, status, plan and, once closed, when it will be purged.

    **Roles:** `agent`, `admin`, `owner`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetWorkspaceResponse400 | GetWorkspaceResponse401 | GetWorkspaceResponse429 | GetWorkspaceResponse503 | Workspace]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> (
    GetWorkspaceResponse400
    | GetWorkspaceResponse401
    | GetWorkspaceResponse429
    | GetWorkspaceResponse503
    | Workspace
    | None
):
    """Retrieve the workspace

     The token's workspace: its name, status, plan and, once closed, when it will be purged.

    **Roles:** `agent`, `admin`, `owner`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetWorkspaceResponse400 | GetWorkspaceResponse401 | GetWorkspaceResponse429 | GetWorkspaceResponse503 | Workspace
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[
    GetWorkspaceResponse400
    | GetWorkspaceResponse401
    | GetWorkspaceResponse429
    | GetWorkspaceResponse503
    | Workspace
]:
    """Retrieve the workspace

     The token's workspace: its name, status, plan and, once closed, when it will be purged.

    **Roles:** `agent`, `admin`, `owner`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetWorkspaceResponse400 | GetWorkspaceResponse401 | GetWorkspaceResponse429 | GetWorkspaceResponse503 | Workspace]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> (
    GetWorkspaceResponse400
    | GetWorkspaceResponse401
    | GetWorkspaceResponse429
    | GetWorkspaceResponse503
    | Workspace
    | None
):
    """Retrieve the workspace

     The token's workspace: its name, status, plan and, once closed, when it will be purged.

    **Roles:** `agent`, `admin`, `owner`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetWorkspaceResponse400 | GetWorkspaceResponse401 | GetWorkspaceResponse429 | GetWorkspaceResponse503 | Workspace
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
