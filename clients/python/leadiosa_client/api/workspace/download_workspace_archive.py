from http import HTTPStatus
from io import BytesIO
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.download_workspace_archive_response_400 import (
    DownloadWorkspaceArchiveResponse400,
)
from ...models.download_workspace_archive_response_403 import (
    DownloadWorkspaceArchiveResponse403,
)
from ...models.download_workspace_archive_response_404 import (
    DownloadWorkspaceArchiveResponse404,
)
from ...models.download_workspace_archive_response_503 import (
    DownloadWorkspaceArchiveResponse503,
)
from ...types import UNSET, File, Response


def _get_kwargs(
    *,
    signature: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["signature"] = signature

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/workspace/archive/download",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    DownloadWorkspaceArchiveResponse400
    | DownloadWorkspaceArchiveResponse403
    | DownloadWorkspaceArchiveResponse404
    | DownloadWorkspaceArchiveResponse503
    | File
    | None
):
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

        return response_200

    if response.status_code == 400:
        response_400 = DownloadWorkspaceArchiveResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 403:
        response_403 = DownloadWorkspaceArchiveResponse403.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = DownloadWorkspaceArchiveResponse404.from_dict(response.json())

        return response_404

    if response.status_code == 503:
        response_503 = DownloadWorkspaceArchiveResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    DownloadWorkspaceArchiveResponse400
    | DownloadWorkspaceArchiveResponse403
    | DownloadWorkspaceArchiveResponse404
    | DownloadWorkspaceArchiveResponse503
    | File
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    signature: str,
) -> Response[
    DownloadWorkspaceArchiveResponse400
    | DownloadWorkspaceArchiveResponse403
    | DownloadWorkspaceArchiveResponse404
    | DownloadWorkspaceArchiveResponse503
    | File
]:
    """Download the archive

     The archive itself, a zip of JSON-lines files. The signed, expiring `signature` is the credential:
    no token is needed, so the link works in a browser or with curl. Downloads are audited.

    **Authentication:** none; the `signature` parameter is the credential.

    Args:
        signature (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DownloadWorkspaceArchiveResponse400 | DownloadWorkspaceArchiveResponse403 | DownloadWorkspaceArchiveResponse404 | DownloadWorkspaceArchiveResponse503 | File]
    """

    kwargs = _get_kwargs(
        signature=signature,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    signature: str,
) -> (
    DownloadWorkspaceArchiveResponse400
    | DownloadWorkspaceArchiveResponse403
    | DownloadWorkspaceArchiveResponse404
    | DownloadWorkspaceArchiveResponse503
    | File
    | None
):
    """Download the archive

     The archive itself, a zip of JSON-lines files. The signed, expiring `signature` is the credential:
    no token is needed, so the link works in a browser or with curl. Downloads are audited.

    **Authentication:** none; the `signature` parameter is the credential.

    Args:
        signature (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DownloadWorkspaceArchiveResponse400 | DownloadWorkspaceArchiveResponse403 | DownloadWorkspaceArchiveResponse404 | DownloadWorkspaceArchiveResponse503 | File
    """

    return sync_detailed(
        client=client,
        signature=signature,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    signature: str,
) -> Response[
    DownloadWorkspaceArchiveResponse400
    | DownloadWorkspaceArchiveResponse403
    | DownloadWorkspaceArchiveResponse404
    | DownloadWorkspaceArchiveResponse503
    | File
]:
    """Download the archive

     The archive itself, a zip of JSON-lines files. The signed, expiring `signature` is the credential:
    no token is needed, so the link works in a browser or with curl. Downloads are audited.

    **Authentication:** none; the `signature` parameter is the credential.

    Args:
        signature (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DownloadWorkspaceArchiveResponse400 | DownloadWorkspaceArchiveResponse403 | DownloadWorkspaceArchiveResponse404 | DownloadWorkspaceArchiveResponse503 | File]
    """

    kwargs = _get_kwargs(
        signature=signature,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    signature: str,
) -> (
    DownloadWorkspaceArchiveResponse400
    | DownloadWorkspaceArchiveResponse403
    | DownloadWorkspaceArchiveResponse404
    | DownloadWorkspaceArchiveResponse503
    | File
    | None
):
    """Download the archive

     The archive itself, a zip of JSON-lines files. The signed, expiring `signature` is the credential:
    no token is needed, so the link works in a browser or with curl. Downloads are audited.

    **Authentication:** none; the `signature` parameter is the credential.

    Args:
        signature (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DownloadWorkspaceArchiveResponse400 | DownloadWorkspaceArchiveResponse403 | DownloadWorkspaceArchiveResponse404 | DownloadWorkspaceArchiveResponse503 | File
    """

    return (
        await asyncio_detailed(
            client=client,
            signature=signature,
        )
    ).parsed
