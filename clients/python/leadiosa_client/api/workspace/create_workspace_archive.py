from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.archive_status import ArchiveStatus
from ...models.create_workspace_archive_response_400 import (
    CreateWorkspaceArchiveResponse400,
)
from ...models.create_workspace_archive_response_401 import (
    CreateWorkspaceArchiveResponse401,
)
from ...models.create_workspace_archive_response_403 import (
    CreateWorkspaceArchiveResponse403,
)
from ...models.create_workspace_archive_response_409 import (
    CreateWorkspaceArchiveResponse409,
)
from ...models.create_workspace_archive_response_422 import (
    CreateWorkspaceArchiveResponse422,
)
from ...models.create_workspace_archive_response_429 import (
    CreateWorkspaceArchiveResponse429,
)
from ...models.create_workspace_archive_response_503 import (
    CreateWorkspaceArchiveResponse503,
)
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
        "url": "/api/v1/workspace/archive",
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ArchiveStatus
    | CreateWorkspaceArchiveResponse400
    | CreateWorkspaceArchiveResponse401
    | CreateWorkspaceArchiveResponse403
    | CreateWorkspaceArchiveResponse409
    | CreateWorkspaceArchiveResponse422
    | CreateWorkspaceArchiveResponse429
    | CreateWorkspaceArchiveResponse503
    | None
):
    if response.status_code == 202:
        response_202 = ArchiveStatus.from_dict(response.json())

        return response_202

    if response.status_code == 400:
        response_400 = CreateWorkspaceArchiveResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = CreateWorkspaceArchiveResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = CreateWorkspaceArchiveResponse403.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = CreateWorkspaceArchiveResponse409.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = CreateWorkspaceArchiveResponse422.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = CreateWorkspaceArchiveResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = CreateWorkspaceArchiveResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    ArchiveStatus
    | CreateWorkspaceArchiveResponse400
    | CreateWorkspaceArchiveResponse401
    | CreateWorkspaceArchiveResponse403
    | CreateWorkspaceArchiveResponse409
    | CreateWorkspaceArchiveResponse422
    | CreateWorkspaceArchiveResponse429
    | CreateWorkspaceArchiveResponse503
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
    ArchiveStatus
    | CreateWorkspaceArchiveResponse400
    | CreateWorkspaceArchiveResponse401
    | CreateWorkspaceArchiveResponse403
    | CreateWorkspaceArchiveResponse409
    | CreateWorkspaceArchiveResponse422
    | CreateWorkspaceArchiveResponse429
    | CreateWorkspaceArchiveResponse503
]:
    """Build an archive

     Builds a full export (every resource as JSON lines, zipped) in the background. Poll `GET
    /workspace/archive-status`; `workspace.archive.ready` fires when it is done.

    **Roles:** `owner` with the `read_write` scope.

    Args:
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ArchiveStatus | CreateWorkspaceArchiveResponse400 | CreateWorkspaceArchiveResponse401 | CreateWorkspaceArchiveResponse403 | CreateWorkspaceArchiveResponse409 | CreateWorkspaceArchiveResponse422 | CreateWorkspaceArchiveResponse429 | CreateWorkspaceArchiveResponse503]
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
    ArchiveStatus
    | CreateWorkspaceArchiveResponse400
    | CreateWorkspaceArchiveResponse401
    | CreateWorkspaceArchiveResponse403
    | CreateWorkspaceArchiveResponse409
    | CreateWorkspaceArchiveResponse422
    | CreateWorkspaceArchiveResponse429
    | CreateWorkspaceArchiveResponse503
    | None
):
    """Build an archive

     Builds a full export (every resource as JSON lines, zipped) in the background. Poll `GET
    /workspace/archive-status`; `workspace.archive.ready` fires when it is done.

    **Roles:** `owner` with the `read_write` scope.

    Args:
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ArchiveStatus | CreateWorkspaceArchiveResponse400 | CreateWorkspaceArchiveResponse401 | CreateWorkspaceArchiveResponse403 | CreateWorkspaceArchiveResponse409 | CreateWorkspaceArchiveResponse422 | CreateWorkspaceArchiveResponse429 | CreateWorkspaceArchiveResponse503
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
    ArchiveStatus
    | CreateWorkspaceArchiveResponse400
    | CreateWorkspaceArchiveResponse401
    | CreateWorkspaceArchiveResponse403
    | CreateWorkspaceArchiveResponse409
    | CreateWorkspaceArchiveResponse422
    | CreateWorkspaceArchiveResponse429
    | CreateWorkspaceArchiveResponse503
]:
    """Build an archive

     Builds a full export (every resource as JSON lines, zipped) in the background. Poll `GET
    /workspace/archive-status`; `workspace.archive.ready` fires when it is done.

    **Roles:** `owner` with the `read_write` scope.

    Args:
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ArchiveStatus | CreateWorkspaceArchiveResponse400 | CreateWorkspaceArchiveResponse401 | CreateWorkspaceArchiveResponse403 | CreateWorkspaceArchiveResponse409 | CreateWorkspaceArchiveResponse422 | CreateWorkspaceArchiveResponse429 | CreateWorkspaceArchiveResponse503]
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
    ArchiveStatus
    | CreateWorkspaceArchiveResponse400
    | CreateWorkspaceArchiveResponse401
    | CreateWorkspaceArchiveResponse403
    | CreateWorkspaceArchiveResponse409
    | CreateWorkspaceArchiveResponse422
    | CreateWorkspaceArchiveResponse429
    | CreateWorkspaceArchiveResponse503
    | None
):
    """Build an archive

     Builds a full export (every resource as JSON lines, zipped) in the background. Poll `GET
    /workspace/archive-status`; `workspace.archive.ready` fires when it is done.

    **Roles:** `owner` with the `read_write` scope.

    Args:
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ArchiveStatus | CreateWorkspaceArchiveResponse400 | CreateWorkspaceArchiveResponse401 | CreateWorkspaceArchiveResponse403 | CreateWorkspaceArchiveResponse409 | CreateWorkspaceArchiveResponse422 | CreateWorkspaceArchiveResponse429 | CreateWorkspaceArchiveResponse503
    """

    return (
        await asyncio_detailed(
            client=client,
            idempotency_key=idempotency_key,
        )
    ).parsed
