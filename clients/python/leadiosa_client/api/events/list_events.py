import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_events_response_400 import ListEventsResponse400
from ...models.list_events_response_401 import ListEventsResponse401
from ...models.list_events_response_403 import ListEventsResponse403
from ...models.list_events_response_429 import ListEventsResponse429
from ...models.list_events_response_503 import ListEventsResponse503
from ...models.paginated_event_list import PaginatedEventList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    after: str | Unset = UNSET,
    limit: int | Unset = 25,
    type_: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["after"] = after

    params["limit"] = limit

    params["type"] = type_

    json_created_after: str | Unset = UNSET
    if not isinstance(created_after, Unset):
        json_created_after = created_after.isoformat()
    params["created_after"] = json_created_after

    json_created_before: str | Unset = UNSET
    if not isinstance(created_before, Unset):
        json_created_before = created_before.isoformat()
    params["created_before"] = json_created_before

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/events",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ListEventsResponse400
    | ListEventsResponse401
    | ListEventsResponse403
    | ListEventsResponse429
    | ListEventsResponse503
    | PaginatedEventList
    | None
):
    if response.status_code == 200:
        response_200 = PaginatedEventList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ListEventsResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ListEventsResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ListEventsResponse403.from_dict(response.json())

        return response_403

    if response.status_code == 429:
        response_429 = ListEventsResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = ListEventsResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    ListEventsResponse400
    | ListEventsResponse401
    | ListEventsResponse403
    | ListEventsResponse429
    | ListEventsResponse503
    | PaginatedEventList
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
    limit: int | Unset = 25,
    type_: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
) -> Response[
    ListEventsResponse400
    | ListEventsResponse401
    | ListEventsResponse403
    | ListEventsResponse429
    | ListEventsResponse503
    | PaginatedEventList
]:
    """List events

     The events of the last 30 days, newest first, each exactly as its deliveries carried it (`{id, type,
    created_at, workspace_id, data}`). Events are recorded while the workspace has at least one webhook
    endpoint (enabled or disabled), so what a disabled or failing endpoint missed can be fetched or
    redelivered. Paginated with a cursor: pass `pagination.next_cursor` as `after` until `has_more` is
    false.

    **Roles:** `admin`, `owner`.

    Args:
        after (str | Unset):
        limit (int | Unset):  Default: 25.
        type_ (str | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListEventsResponse400 | ListEventsResponse401 | ListEventsResponse403 | ListEventsResponse429 | ListEventsResponse503 | PaginatedEventList]
    """

    kwargs = _get_kwargs(
        after=after,
        limit=limit,
        type_=type_,
        created_after=created_after,
        created_before=created_before,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    limit: int | Unset = 25,
    type_: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
) -> (
    ListEventsResponse400
    | ListEventsResponse401
    | ListEventsResponse403
    | ListEventsResponse429
    | ListEventsResponse503
    | PaginatedEventList
    | None
):
    """List events

     The events of the last 30 days, newest first, each exactly as its deliveries carried it (`{id, type,
    created_at, workspace_id, data}`). Events are recorded while the workspace has at least one webhook
    endpoint (enabled or disabled), so what a disabled or failing endpoint missed can be fetched or
    redelivered. Paginated with a cursor: pass `pagination.next_cursor` as `after` until `has_more` is
    false.

    **Roles:** `admin`, `owner`.

    Args:
        after (str | Unset):
        limit (int | Unset):  Default: 25.
        type_ (str | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListEventsResponse400 | ListEventsResponse401 | ListEventsResponse403 | ListEventsResponse429 | ListEventsResponse503 | PaginatedEventList
    """

    return sync_detailed(
        client=client,
        after=after,
        limit=limit,
        type_=type_,
        created_after=created_after,
        created_before=created_before,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    limit: int | Unset = 25,
    type_: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
) -> Response[
    ListEventsResponse400
    | ListEventsResponse401
    | ListEventsResponse403
    | ListEventsResponse429
    | ListEventsResponse503
    | PaginatedEventList
]:
    """List events

     The events of the last 30 days, newest first, each exactly as its deliveries carried it (`{id, type,
    created_at, workspace_id, data}`). Events are recorded while the workspace has at least one webhook
    endpoint (enabled or disabled), so what a disabled or failing endpoint missed can be fetched or
    redelivered. Paginated with a cursor: pass `pagination.next_cursor` as `after` until `has_more` is
    false.

    **Roles:** `admin`, `owner`.

    Args:
        after (str | Unset):
        limit (int | Unset):  Default: 25.
        type_ (str | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListEventsResponse400 | ListEventsResponse401 | ListEventsResponse403 | ListEventsResponse429 | ListEventsResponse503 | PaginatedEventList]
    """

    kwargs = _get_kwargs(
        after=after,
        limit=limit,
        type_=type_,
        created_after=created_after,
        created_before=created_before,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    limit: int | Unset = 25,
    type_: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
) -> (
    ListEventsResponse400
    | ListEventsResponse401
    | ListEventsResponse403
    | ListEventsResponse429
    | ListEventsResponse503
    | PaginatedEventList
    | None
):
    """List events

     The events of the last 30 days, newest first, each exactly as its deliveries carried it (`{id, type,
    created_at, workspace_id, data}`). Events are recorded while the workspace has at least one webhook
    endpoint (enabled or disabled), so what a disabled or failing endpoint missed can be fetched or
    redelivered. Paginated with a cursor: pass `pagination.next_cursor` as `after` until `has_more` is
    false.

    **Roles:** `admin`, `owner`.

    Args:
        after (str | Unset):
        limit (int | Unset):  Default: 25.
        type_ (str | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListEventsResponse400 | ListEventsResponse401 | ListEventsResponse403 | ListEventsResponse429 | ListEventsResponse503 | PaginatedEventList
    """

    return (
        await asyncio_detailed(
            client=client,
            after=after,
            limit=limit,
            type_=type_,
            created_after=created_after,
            created_before=created_before,
        )
    ).parsed
