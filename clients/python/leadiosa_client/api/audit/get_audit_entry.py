from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.audit_entry import AuditEntry
from ...models.get_audit_entry_response_400 import GetAuditEntryResponse400
from ...models.get_audit_entry_response_401 import GetAuditEntryResponse401
from ...models.get_audit_entry_response_403 import GetAuditEntryResponse403
from ...models.get_audit_entry_response_404 import GetAuditEntryResponse404
from ...models.get_audit_entry_response_429 import GetAuditEntryResponse429
from ...models.get_audit_entry_response_503 import GetAuditEntryResponse503
from ...types import Response


def _get_kwargs(
    audit_entry_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/audit/{audit_entry_id}".format(
            audit_entry_id=quote(str(audit_entry_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    AuditEntry
    | GetAuditEntryResponse400
    | GetAuditEntryResponse401
    | GetAuditEntryResponse403
    | GetAuditEntryResponse404
    | GetAuditEntryResponse429
    | GetAuditEntryResponse503
    | None
):
    if response.status_code == 200:
        response_200 = AuditEntry.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = GetAuditEntryResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = GetAuditEntryResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = GetAuditEntryResponse403.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = GetAuditEntryResponse404.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = GetAuditEntryResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = GetAuditEntryResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    AuditEntry
    | GetAuditEntryResponse400
    | GetAuditEntryResponse401
    | GetAuditEntryResponse403
    | GetAuditEntryResponse404
    | GetAuditEntryResponse429
    | GetAuditEntryResponse503
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    audit_entry_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[
    AuditEntry
    | GetAuditEntryResponse400
    | GetAuditEntryResponse401
    | GetAuditEntryResponse403
    | GetAuditEntryResponse404
    | GetAuditEntryResponse429
    | GetAuditEntryResponse503
]:
    """Retrieve an audit entry

     One audit entry.

    **Roles:** `admin`, `owner`.

    Args:
        audit_entry_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditEntry | GetAuditEntryResponse400 | GetAuditEntryResponse401 | GetAuditEntryResponse403 | GetAuditEntryResponse404 | GetAuditEntryResponse429 | GetAuditEntryResponse503]
    """

    kwargs = _get_kwargs(
        audit_entry_id=audit_entry_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    audit_entry_id: str,
    *,
    client: AuthenticatedClient,
) -> (
    AuditEntry
    | GetAuditEntryResponse400
    | GetAuditEntryResponse401
    | GetAuditEntryResponse403
    | GetAuditEntryResponse404
    | GetAuditEntryResponse429
    | GetAuditEntryResponse503
    | None
):
    """Retrieve an audit entry

     One audit entry.

    **Roles:** `admin`, `owner`.

    Args:
        audit_entry_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditEntry | GetAuditEntryResponse400 | GetAuditEntryResponse401 | GetAuditEntryResponse403 | GetAuditEntryResponse404 | GetAuditEntryResponse429 | GetAuditEntryResponse503
    """

    return sync_detailed(
        audit_entry_id=audit_entry_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    audit_entry_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[
    AuditEntry
    | GetAuditEntryResponse400
    | GetAuditEntryResponse401
    | GetAuditEntryResponse403
    | GetAuditEntryResponse404
    | GetAuditEntryResponse429
    | GetAuditEntryResponse503
]:
    """Retrieve an audit entry

     One audit entry.

    **Roles:** `admin`, `owner`.

    Args:
        audit_entry_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditEntry | GetAuditEntryResponse400 | GetAuditEntryResponse401 | GetAuditEntryResponse403 | GetAuditEntryResponse404 | GetAuditEntryResponse429 | GetAuditEntryResponse503]
    """

    kwargs = _get_kwargs(
        audit_entry_id=audit_entry_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    audit_entry_id: str,
    *,
    client: AuthenticatedClient,
) -> (
    AuditEntry
    | GetAuditEntryResponse400
    | GetAuditEntryResponse401
    | GetAuditEntryResponse403
    | GetAuditEntryResponse404
    | GetAuditEntryResponse429
    | GetAuditEntryResponse503
    | None
):
    """Retrieve an audit entry

     One audit entry.

    **Roles:** `admin`, `owner`.

    Args:
        audit_entry_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditEntry | GetAuditEntryResponse400 | GetAuditEntryResponse401 | GetAuditEntryResponse403 | GetAuditEntryResponse404 | GetAuditEntryResponse429 | GetAuditEntryResponse503
    """

    return (
        await asyncio_detailed(
            audit_entry_id=audit_entry_id,
            client=client,
        )
    ).parsed
