import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_audit_entries_response_400 import ListAuditEntriesResponse400
from ...models.list_audit_entries_response_401 import ListAuditEntriesResponse401
from ...models.list_audit_entries_response_403 import ListAuditEntriesResponse403
from ...models.list_audit_entries_response_429 import ListAuditEntriesResponse429
from ...models.list_audit_entries_response_503 import ListAuditEntriesResponse503
from ...models.list_audit_entries_source import ListAuditEntriesSource
from ...models.paginated_audit_entry_list import PaginatedAuditEntryList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    action: str | Unset = UNSET,
    actor_id: str | Unset = UNSET,
    after: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 25,
    resource_id: str | Unset = UNSET,
    resource_type: str | Unset = UNSET,
    source: ListAuditEntriesSource | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["action"] = action

    params["actor_id"] = actor_id

    params["after"] = after

    json_created_after: str | Unset = UNSET
    if not isinstance(created_after, Unset):
        json_created_after = created_after.isoformat()
    params["created_after"] = json_created_after

    json_created_before: str | Unset = UNSET
    if not isinstance(created_before, Unset):
        json_created_before = created_before.isoformat()
    params["created_before"] = json_created_before

    params["limit"] = limit

    params["resource_id"] = resource_id

    params["resource_type"] = resource_type

    json_source: str | Unset = UNSET
    if not isinstance(source, Unset):
        json_source = source.value

    params["source"] = json_source

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/audit",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ListAuditEntriesResponse400
    | ListAuditEntriesResponse401
    | ListAuditEntriesResponse403
    | ListAuditEntriesResponse429
    | ListAuditEntriesResponse503
    | PaginatedAuditEntryList
    | None
):
    if response.status_code == 200:
        response_200 = PaginatedAuditEntryList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ListAuditEntriesResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ListAuditEntriesResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ListAuditEntriesResponse403.from_dict(response.json())

        return response_403

    if response.status_code == 429:
        response_429 = ListAuditEntriesResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = ListAuditEntriesResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    ListAuditEntriesResponse400
    | ListAuditEntriesResponse401
    | ListAuditEntriesResponse403
    | ListAuditEntriesResponse429
    | ListAuditEntriesResponse503
    | PaginatedAuditEntryList
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
    after: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 25,
    resource_id: str | Unset = UNSET,
    resource_type: str | Unset = UNSET,
    source: ListAuditEntriesSource | Unset = UNSET,
) -> Response[
    ListAuditEntriesResponse400
    | ListAuditEntriesResponse401
    | ListAuditEntriesResponse403
    | ListAuditEntriesResponse429
    | ListAuditEntriesResponse503
    | PaginatedAuditEntryList
]:
    """List audit entries

     The workspace's audit log, newest first: who changed what, from which door (token, user or system),
    with the names of the changed fields (never their values). Paginated with a cursor: pass
    `pagination.next_cursor` as `after` until `has_more` is false.

    **Roles:** `admin`, `owner`.

    Args:
        action (str | Unset):
        actor_id (str | Unset):
        after (str | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        limit (int | Unset):  Default: 25.
        resource_id (str | Unset):
        resource_type (str | Unset):
        source (ListAuditEntriesSource | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListAuditEntriesResponse400 | ListAuditEntriesResponse401 | ListAuditEntriesResponse403 | ListAuditEntriesResponse429 | ListAuditEntriesResponse503 | PaginatedAuditEntryList]
    """

    kwargs = _get_kwargs(
        action=action,
        actor_id=actor_id,
        after=after,
        created_after=created_after,
        created_before=created_before,
        limit=limit,
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
    after: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 25,
    resource_id: str | Unset = UNSET,
    resource_type: str | Unset = UNSET,
    source: ListAuditEntriesSource | Unset = UNSET,
) -> (
    ListAuditEntriesResponse400
    | ListAuditEntriesResponse401
    | ListAuditEntriesResponse403
    | ListAuditEntriesResponse429
    | ListAuditEntriesResponse503
    | PaginatedAuditEntryList
    | None
):
    """List audit entries

     The workspace's audit log, newest first: who changed what, from which door (token, user or system),
    with the names of the changed fields (never their values). Paginated with a cursor: pass
    `pagination.next_cursor` as `after` until `has_more` is false.

    **Roles:** `admin`, `owner`.

    Args:
        action (str | Unset):
        actor_id (str | Unset):
        after (str | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        limit (int | Unset):  Default: 25.
        resource_id (str | Unset):
        resource_type (str | Unset):
        source (ListAuditEntriesSource | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListAuditEntriesResponse400 | ListAuditEntriesResponse401 | ListAuditEntriesResponse403 | ListAuditEntriesResponse429 | ListAuditEntriesResponse503 | PaginatedAuditEntryList
    """

    return sync_detailed(
        client=client,
        action=action,
        actor_id=actor_id,
        after=after,
        created_after=created_after,
        created_before=created_before,
        limit=limit,
        resource_id=resource_id,
        resource_type=resource_type,
        source=source,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    action: str | Unset = UNSET,
    actor_id: str | Unset = UNSET,
    after: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 25,
    resource_id: str | Unset = UNSET,
    resource_type: str | Unset = UNSET,
    source: ListAuditEntriesSource | Unset = UNSET,
) -> Response[
    ListAuditEntriesResponse400
    | ListAuditEntriesResponse401
    | ListAuditEntriesResponse403
    | ListAuditEntriesResponse429
    | ListAuditEntriesResponse503
    | PaginatedAuditEntryList
]:
    """List audit entries

     The workspace's audit log, newest first: who changed what, from which door (token, user or system),
    with the names of the changed fields (never their values). Paginated with a cursor: pass
    `pagination.next_cursor` as `after` until `has_more` is false.

    **Roles:** `admin`, `owner`.

    Args:
        action (str | Unset):
        actor_id (str | Unset):
        after (str | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        limit (int | Unset):  Default: 25.
        resource_id (str | Unset):
        resource_type (str | Unset):
        source (ListAuditEntriesSource | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListAuditEntriesResponse400 | ListAuditEntriesResponse401 | ListAuditEntriesResponse403 | ListAuditEntriesResponse429 | ListAuditEntriesResponse503 | PaginatedAuditEntryList]
    """

    kwargs = _get_kwargs(
        action=action,
        actor_id=actor_id,
        after=after,
        created_after=created_after,
        created_before=created_before,
        limit=limit,
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
    after: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    limit: int | Unset = 25,
    resource_id: str | Unset = UNSET,
    resource_type: str | Unset = UNSET,
    source: ListAuditEntriesSource | Unset = UNSET,
) -> (
    ListAuditEntriesResponse400
    | ListAuditEntriesResponse401
    | ListAuditEntriesResponse403
    | ListAuditEntriesResponse429
    | ListAuditEntriesResponse503
    | PaginatedAuditEntryList
    | None
):
    """List audit entries

     The workspace's audit log, newest first: who changed what, from which door (token, user or system),
    with the names of the changed fields (never their values). Paginated with a cursor: pass
    `pagination.next_cursor` as `after` until `has_more` is false.

    **Roles:** `admin`, `owner`.

    Args:
        action (str | Unset):
        actor_id (str | Unset):
        after (str | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        limit (int | Unset):  Default: 25.
        resource_id (str | Unset):
        resource_type (str | Unset):
        source (ListAuditEntriesSource | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListAuditEntriesResponse400 | ListAuditEntriesResponse401 | ListAuditEntriesResponse403 | ListAuditEntriesResponse429 | ListAuditEntriesResponse503 | PaginatedAuditEntryList
    """

    return (
        await asyncio_detailed(
            client=client,
            action=action,
            actor_id=actor_id,
            after=after,
            created_after=created_after,
            created_before=created_before,
            limit=limit,
            resource_id=resource_id,
            resource_type=resource_type,
            source=source,
        )
    ).parsed
