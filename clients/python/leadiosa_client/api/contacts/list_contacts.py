import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_contacts_response_400 import ListContactsResponse400
from ...models.list_contacts_response_401 import ListContactsResponse401
from ...models.list_contacts_response_429 import ListContactsResponse429
from ...models.list_contacts_response_503 import ListContactsResponse503
from ...models.list_contacts_sort import ListContactsSort
from ...models.paginated_contact_list import PaginatedContactList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    after: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    email: str | Unset = UNSET,
    external_id: str | Unset = UNSET,
    limit: int | Unset = 25,
    q: str | Unset = UNSET,
    updated_after: datetime.datetime | Unset = UNSET,
    updated_before: datetime.datetime | Unset = UNSET,
    sort: ListContactsSort | Unset = ListContactsSort.VALUE_0,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["after"] = after

    json_created_after: str | Unset = UNSET
    if not isinstance(created_after, Unset):
        json_created_after = created_after.isoformat()
    params["created_after"] = json_created_after

    params["email"] = email

    params["external_id"] = external_id

    params["limit"] = limit

    params["q"] = q

    json_updated_after: str | Unset = UNSET
    if not isinstance(updated_after, Unset):
        json_updated_after = updated_after.isoformat()
    params["updated_after"] = json_updated_after

    json_updated_before: str | Unset = UNSET
    if not isinstance(updated_before, Unset):
        json_updated_before = updated_before.isoformat()
    params["updated_before"] = json_updated_before

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort.value

    params["sort"] = json_sort

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/contacts",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ListContactsResponse400
    | ListContactsResponse401
    | ListContactsResponse429
    | ListContactsResponse503
    | PaginatedContactList
    | None
):
    if response.status_code == 200:
        response_200 = PaginatedContactList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ListContactsResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ListContactsResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 429:
        response_429 = ListContactsResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = ListContactsResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    ListContactsResponse400
    | ListContactsResponse401
    | ListContactsResponse429
    | ListContactsResponse503
    | PaginatedContactList
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
    after: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    email: str | Unset = UNSET,
    external_id: str | Unset = UNSET,
    limit: int | Unset = 25,
    q: str | Unset = UNSET,
    updated_after: datetime.datetime | Unset = UNSET,
    updated_before: datetime.datetime | Unset = UNSET,
    sort: ListContactsSort | Unset = ListContactsSort.VALUE_0,
) -> Response[
    ListContactsResponse400
    | ListContactsResponse401
    | ListContactsResponse429
    | ListContactsResponse503
    | PaginatedContactList
]:
    """List contacts

     The workspace's contacts, newest first (by `created_at`, then `id`). `q` searches names and e-mail
    addresses. Paginated with a cursor: pass `pagination.next_cursor` as `after` until `has_more` is
    false.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        after (str | Unset):
        created_after (datetime.datetime | Unset):
        email (str | Unset):
        external_id (str | Unset):
        limit (int | Unset):  Default: 25.
        q (str | Unset):
        updated_after (datetime.datetime | Unset):
        updated_before (datetime.datetime | Unset):
        sort (ListContactsSort | Unset):  Default: ListContactsSort.VALUE_0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListContactsResponse400 | ListContactsResponse401 | ListContactsResponse429 | ListContactsResponse503 | PaginatedContactList]
    """

    kwargs = _get_kwargs(
        after=after,
        created_after=created_after,
        email=email,
        external_id=external_id,
        limit=limit,
        q=q,
        updated_after=updated_after,
        updated_before=updated_before,
        sort=sort,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    email: str | Unset = UNSET,
    external_id: str | Unset = UNSET,
    limit: int | Unset = 25,
    q: str | Unset = UNSET,
    updated_after: datetime.datetime | Unset = UNSET,
    updated_before: datetime.datetime | Unset = UNSET,
    sort: ListContactsSort | Unset = ListContactsSort.VALUE_0,
) -> (
    ListContactsResponse400
    | ListContactsResponse401
    | ListContactsResponse429
    | ListContactsResponse503
    | PaginatedContactList
    | None
):
    """List contacts

     The workspace's contacts, newest first (by `created_at`, then `id`). `q` searches names and e-mail
    addresses. Paginated with a cursor: pass `pagination.next_cursor` as `after` until `has_more` is
    false.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        after (str | Unset):
        created_after (datetime.datetime | Unset):
        email (str | Unset):
        external_id (str | Unset):
        limit (int | Unset):  Default: 25.
        q (str | Unset):
        updated_after (datetime.datetime | Unset):
        updated_before (datetime.datetime | Unset):
        sort (ListContactsSort | Unset):  Default: ListContactsSort.VALUE_0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListContactsResponse400 | ListContactsResponse401 | ListContactsResponse429 | ListContactsResponse503 | PaginatedContactList
    """

    return sync_detailed(
        client=client,
        after=after,
        created_after=created_after,
        email=email,
        external_id=external_id,
        limit=limit,
        q=q,
        updated_after=updated_after,
        updated_before=updated_before,
        sort=sort,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    email: str | Unset = UNSET,
    external_id: str | Unset = UNSET,
    limit: int | Unset = 25,
    q: str | Unset = UNSET,
    updated_after: datetime.datetime | Unset = UNSET,
    updated_before: datetime.datetime | Unset = UNSET,
    sort: ListContactsSort | Unset = ListContactsSort.VALUE_0,
) -> Response[
    ListContactsResponse400
    | ListContactsResponse401
    | ListContactsResponse429
    | ListContactsResponse503
    | PaginatedContactList
]:
    """List contacts

     The workspace's contacts, newest first (by `created_at`, then `id`). `q` searches names and e-mail
    addresses. Paginated with a cursor: pass `pagination.next_cursor` as `after` until `has_more` is
    false.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        after (str | Unset):
        created_after (datetime.datetime | Unset):
        email (str | Unset):
        external_id (str | Unset):
        limit (int | Unset):  Default: 25.
        q (str | Unset):
        updated_after (datetime.datetime | Unset):
        updated_before (datetime.datetime | Unset):
        sort (ListContactsSort | Unset):  Default: ListContactsSort.VALUE_0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListContactsResponse400 | ListContactsResponse401 | ListContactsResponse429 | ListContactsResponse503 | PaginatedContactList]
    """

    kwargs = _get_kwargs(
        after=after,
        created_after=created_after,
        email=email,
        external_id=external_id,
        limit=limit,
        q=q,
        updated_after=updated_after,
        updated_before=updated_before,
        sort=sort,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    email: str | Unset = UNSET,
    external_id: str | Unset = UNSET,
    limit: int | Unset = 25,
    q: str | Unset = UNSET,
    updated_after: datetime.datetime | Unset = UNSET,
    updated_before: datetime.datetime | Unset = UNSET,
    sort: ListContactsSort | Unset = ListContactsSort.VALUE_0,
) -> (
    ListContactsResponse400
    | ListContactsResponse401
    | ListContactsResponse429
    | ListContactsResponse503
    | PaginatedContactList
    | None
):
    """List contacts

     The workspace's contacts, newest first (by `created_at`, then `id`). `q` searches names and e-mail
    addresses. Paginated with a cursor: pass `pagination.next_cursor` as `after` until `has_more` is
    false.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        after (str | Unset):
        created_after (datetime.datetime | Unset):
        email (str | Unset):
        external_id (str | Unset):
        limit (int | Unset):  Default: 25.
        q (str | Unset):
        updated_after (datetime.datetime | Unset):
        updated_before (datetime.datetime | Unset):
        sort (ListContactsSort | Unset):  Default: ListContactsSort.VALUE_0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListContactsResponse400 | ListContactsResponse401 | ListContactsResponse429 | ListContactsResponse503 | PaginatedContactList
    """

    return (
        await asyncio_detailed(
            client=client,
            after=after,
            created_after=created_after,
            email=email,
            external_id=external_id,
            limit=limit,
            q=q,
            updated_after=updated_after,
            updated_before=updated_before,
            sort=sort,
        )
    ).parsed
