from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.archive_status import ArchiveStatus
from ...models.get_workspace_archive_status_response_400 import (
    GetWorkspaceArchiveStatusResponse400,
)
from ...models.get_workspace_archive_status_response_401 import (
    GetWorkspaceArchiveStatusResponse401,
)
from ...models.get_workspace_archive_status_response_429 import (
    GetWorkspaceArchiveStatusResponse429,
)
from ...models.get_workspace_archive_status_response_503 import (
    GetWorkspaceArchiveStatusResponse503,
)
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/workspace/archive-status",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ArchiveStatus
    | GetWorkspaceArchiveStatusResponse400
    | GetWorkspaceArchiveStatusResponse401
    | GetWorkspaceArchiveStatusResponse429
    | GetWorkspaceArchiveStatusResponse503
    | None
):
    if response.status_code == 200:
        response_200 = ArchiveStatus.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = GetWorkspaceArchiveStatusResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = GetWorkspaceArchiveStatusResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 429:
        response_429 = GetWorkspaceArchiveStatusResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = GetWorkspaceArchiveStatusResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    ArchiveStatus
    | GetWorkspaceArchiveStatusResponse400
    | GetWorkspaceArchiveStatusResponse401
    | GetWorkspaceArchiveStatusResponse429
    | GetWorkspaceArchiveStatusResponse503
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
    ArchiveStatus
    | GetWorkspaceArchiveStatusResponse400
    | GetWorkspaceArchiveStatusResponse401
    | GetWorkspaceArchiveStatusResponse429
    | GetWorkspaceArchiveStatusResponse503
]:
    """Retrieve the archive status

     The newest archive: `none`, `building`, `ready` (with a signed, expiring `download_url`) or
    `failed`. Every role sees the status; only owners get the link.

    **Roles:** `agent`, `admin`, `owner`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ArchiveStatus | GetWorkspaceArchiveStatusResponse400 | GetWorkspaceArchiveStatusResponse401 | GetWorkspaceArchiveStatusResponse429 | GetWorkspaceArchiveStatusResponse503]
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
    ArchiveStatus
    | GetWorkspaceArchiveStatusResponse400
    | GetWorkspaceArchiveStatusResponse401
    | GetWorkspaceArchiveStatusResponse429
    | GetWorkspaceArchiveStatusResponse503
    | None
):
    """Retrieve the archive status

     The newest archive: `none`, `building`, `ready` (with a signed, expiring `download_url`) or
    `failed`. Every role sees the status; only owners get the link.

    **Roles:** `agent`, `admin`, `owner`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ArchiveStatus | GetWorkspaceArchiveStatusResponse400 | GetWorkspaceArchiveStatusResponse401 | GetWorkspaceArchiveStatusResponse429 | GetWorkspaceArchiveStatusResponse503
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[
    ArchiveStatus
    | GetWorkspaceArchiveStatusResponse400
    | GetWorkspaceArchiveStatusResponse401
    | GetWorkspaceArchiveStatusResponse429
    | GetWorkspaceArchiveStatusResponse503
]:
    """Retrieve the archive status

     The newest archive: `none`, `building`, `ready` (with a signed, expiring `download_url`) or
    `failed`. Every role sees the status; only owners get the link.

    **Roles:** `agent`, `admin`, `owner`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ArchiveStatus | GetWorkspaceArchiveStatusResponse400 | GetWorkspaceArchiveStatusResponse401 | GetWorkspaceArchiveStatusResponse429 | GetWorkspaceArchiveStatusResponse503]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> (
    ArchiveStatus
    | GetWorkspaceArchiveStatusResponse400
    | GetWorkspaceArchiveStatusResponse401
    | GetWorkspaceArchiveStatusResponse429
    | GetWorkspaceArchiveStatusResponse503
    | None
):
    """Retrieve the archive status

     The newest archive: `none`, `building`, `ready` (with a signed, expiring `download_url`) or
    `failed`. Every role sees the status; only owners get the link.

    **Roles:** `agent`, `admin`, `owner`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ArchiveStatus | GetWorkspaceArchiveStatusResponse400 | GetWorkspaceArchiveStatusResponse401 | GetWorkspaceArchiveStatusResponse429 | GetWorkspaceArchiveStatusResponse503
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
