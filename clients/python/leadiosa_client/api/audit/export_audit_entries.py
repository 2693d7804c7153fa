import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.export_audit_entries_format import ExportAuditEntriesFormat
from ...models.export_audit_entries_response_400 import ExportAuditEntriesResponse400
from ...models.export_audit_entries_response_401 import ExportAuditEntriesResponse401
from ...models.export_audit_entries_response_403 import ExportAuditEntriesResponse403
from ...models.export_audit_entries_response_429 import ExportAuditEntriesResponse429
from ...models.export_audit_entries_response_503 import ExportAuditEntriesResponse503
from ...models.export_audit_entries_source import ExportAuditEntriesSource
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    action: str | Unset = UNSET,
    actor_id: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    format_: ExportAuditEntriesFormat | Unset = ExportAuditEntriesFormat.JSONL,
    resource_id: str | Unset = UNSET,
    resource_type: str | Unset = UNSET,
    source: ExportAuditEntriesSource | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["action"] = action

    params["actor_id"] = actor_id

    json_created_after: str | Unset = UNSET
    if not isinstance(created_after, Unset):
        json_created_after = created_after.isoformat()
    params["created_after"] = json_created_after

    json_created_before: str | Unset = UNSET
    if not isinstance(created_before, Unset):
        json_created_before = created_before.isoformat()
    params["created_before"] = json_created_before

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    params["resource_id"] = resource_id

    params["resource_type"] = resource_type

    json_source: str | Unset = UNSET
    if not isinstance(source, Unset):
        json_source = source.value

    params["source"] = json_source

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/audit/export",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ExportAuditEntriesResponse400
    | ExportAuditEntriesResponse401
    | ExportAuditEntriesResponse403
    | ExportAuditEntriesResponse429
    | ExportAuditEntriesResponse503
    | str
    | None
):
    if response.status_code == 200:
        response_200 = response.text
        return response_200

    if response.status_code == 400:
        response_400 = ExportAuditEntriesResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ExportAuditEntriesResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ExportAuditEntriesResponse403.from_dict(response.json())

        return response_403

    if response.status_code == 429:
        response_429 = ExportAuditEntriesResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = ExportAuditEntriesResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    ExportAuditEntriesResponse400
    | ExportAuditEntriesResponse401
    | ExportAuditEntriesResponse403
    | ExportAuditEntriesResponse429
    | ExportAuditEntriesResponse503
    | str
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
    action: str | Unset = UNSET,
    actor_id: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    format_: ExportAuditEntriesFormat | Unset = ExportAuditEntriesFormat.JSONL,
    resource_id: str | Unset = UNSET,
    resource_type: str | Unset = UNSET,
    source: ExportAuditEntriesSource | Unset = UNSET,
) -> Response[
    ExportAuditEntriesResponse400
    | ExportAuditEntriesResponse401
    | ExportAuditEntriesResponse403
    | ExportAuditEntriesResponse429
    | ExportAuditEntriesResponse503
    | str
]:
    """Export the audit log

     The whole filtered range as JSON lines or CSV, oldest first, streamed (no page limit). The export
    itself is audited.

    **Roles:** `admin`, `owner`.

    Args:
        action (str | Unset):
        actor_id (str | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        format_ (ExportAuditEntriesFormat | Unset):  Default: ExportAuditEntriesFormat.JSONL.
        resource_id (str | Unset):
        resource_type (str | Unset):
        source (ExportAuditEntriesSource | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExportAuditEntriesResponse400 | ExportAuditEntriesResponse401 | ExportAuditEntriesResponse403 | ExportAuditEntriesResponse429 | ExportAuditEntriesResponse503 | str]
    """

    kwargs = _get_kwargs(
        action=action,
        actor_id=actor_id,
        created_after=created_after,
        created_before=created_before,
        format_=format_,
        resource_id=resource_id,
        resource_type=resource_type,
        source=source,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    action: str | Unset = UNSET,
    actor_id: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    format_: ExportAuditEntriesFormat | Unset = ExportAuditEntriesFormat.JSONL,
    resource_id: str | Unset = UNSET,
    resource_type: str | Unset = UNSET,
    source: ExportAuditEntriesSource | Unset = UNSET,
) -> (
    ExportAuditEntriesResponse400
    | ExportAuditEntriesResponse401
    | ExportAuditEntriesResponse403
    | ExportAuditEntriesResponse429
    | ExportAuditEntriesResponse503
    | str
    | None
):
    """Export the audit log

     The whole filtered range as JSON lines or CSV, oldest first, streamed (no page limit). The export
    itself is audited.

    **Roles:** `admin`, `owner`.

    Args:
        action (str | Unset):
        actor_id (str | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        format_ (ExportAuditEntriesFormat | Unset):  Default: ExportAuditEntriesFormat.JSONL.
        resource_id (str | Unset):
        resource_type (str | Unset):
        source (ExportAuditEntriesSource | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExportAuditEntriesResponse400 | ExportAuditEntriesResponse401 | ExportAuditEntriesResponse403 | ExportAuditEntriesResponse429 | ExportAuditEntriesResponse503 | str
    """

    return sync_detailed(
        client=client,
        action=action,
        actor_id=actor_id,
        created_after=created_after,
        created_before=created_before,
        format_=format_,
        resource_id=resource_id,
        resource_type=resource_type,
        source=source,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    action: str | Unset = UNSET,
    actor_id: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    format_: ExportAuditEntriesFormat | Unset = ExportAuditEntriesFormat.JSONL,
    resource_id: str | Unset = UNSET,
    resource_type: str | Unset = UNSET,
    source: ExportAuditEntriesSource | Unset = UNSET,
) -> Response[
    ExportAuditEntriesResponse400
    | ExportAuditEntriesResponse401
    | ExportAuditEntriesResponse403
    | ExportAuditEntriesResponse429
    | ExportAuditEntriesResponse503
    | str
]:
    """Export the audit log

     The whole filtered range as JSON lines or CSV, oldest first, streamed (no page limit). The export
    itself is audited.

    **Roles:** `admin`, `owner`.

    Args:
        action (str | Unset):
        actor_id (str | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        format_ (ExportAuditEntriesFormat | Unset):  Default: ExportAuditEntriesFormat.JSONL.
        resource_id (str | Unset):
        resource_type (str | Unset):
        source (ExportAuditEntriesSource | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExportAuditEntriesResponse400 | ExportAuditEntriesResponse401 | ExportAuditEntriesResponse403 | ExportAuditEntriesResponse429 | ExportAuditEntriesResponse503 | str]
    """

    kwargs = _get_kwargs(
        action=action,
        actor_id=actor_id,
        created_after=created_after,
        created_before=created_before,
        format_=format_,
        resource_id=resource_id,
        resource_type=resource_type,
        source=source,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    action: str | Unset = UNSET,
    actor_id: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    format_: ExportAuditEntriesFormat | Unset = ExportAuditEntriesFormat.JSONL,
    resource_id: str | Unset = UNSET,
    resource_type: str | Unset = UNSET,
    source: ExportAuditEntriesSource | Unset = UNSET,
) -> (
    ExportAuditEntriesResponse400
    | ExportAuditEntriesResponse401
    | ExportAuditEntriesResponse403
    | ExportAuditEntriesResponse429
    | ExportAuditEntriesResponse503
    | str
    | None
):
    """Export the audit log

     The whole filtered range as JSON lines or CSV, oldest first, streamed (no page limit). The export
    itself is audited.

    **Roles:** `admin`, `owner`.

    Args:
        action (str | Unset):
        actor_id (str | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        format_ (ExportAuditEntriesFormat | Unset):  Default: ExportAuditEntriesFormat.JSONL.
        resource_id (str | Unset):
        resource_type (str | Unset):
        source (ExportAuditEntriesSource | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExportAuditEntriesResponse400 | ExportAuditEntriesResponse401 | ExportAuditEntriesResponse403 | ExportAuditEntriesResponse429 | ExportAuditEntriesResponse503 | str
    """

    return (
        await asyncio_detailed(
            client=client,
            action=action,
            actor_id=actor_id,
            created_after=created_after,
            created_before=created_before,
            format_=format_,
            resource_id=resource_id,
            resource_type=resource_type,
            source=source,
        )
    ).parsed
