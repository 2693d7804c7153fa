from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.event import Event
from ...models.get_event_response_400 import GetEventResponse400
from ...models.get_event_response_401 import GetEventResponse401
from ...models.get_event_response_403 import GetEventResponse403
from ...models.get_event_response_404 import GetEventResponse404
from ...models.get_event_response_429 import GetEventResponse429
from ...models.get_event_response_503 import GetEventResponse503
from ...types import Response


def _get_kwargs(
    event_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/events/{event_id}".format(
            event_id=quote(str(event_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    Event
    | GetEventResponse400
    | GetEventResponse401
    | GetEventResponse403
    | GetEventResponse404
    | GetEventResponse429
    | GetEventResponse503
    | None
):
    if response.status_code == 200:
        response_200 = Event.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = GetEventResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = GetEventResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = GetEventResponse403.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = GetEventResponse404.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = GetEventResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = GetEventResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    Event
    | GetEventResponse400
    | GetEventResponse401
    | GetEventResponse403
    | GetEventResponse404
    | GetEventResponse429
    | GetEventResponse503
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    event_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[
    Event
    | GetEventResponse400
    | GetEventResponse401
    | GetEventResponse403
    | GetEventResponse404
    | GetEventResponse429
    | GetEventResponse503
]:
    """Retrieve an event

     One event, byte for byte the body its deliveries carried (and signed).

    **Roles:** `admin`, `owner`.

    Args:
        event_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Event | GetEventResponse400 | GetEventResponse401 | GetEventResponse403 | GetEventResponse404 | GetEventResponse429 | GetEventResponse503]
    """

    kwargs = _get_kwargs(
        event_id=event_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    event_id: str,
    *,
    client: AuthenticatedClient,
) -> (
    Event
    | GetEventResponse400
    | GetEventResponse401
    | GetEventResponse403
    | GetEventResponse404
    | GetEventResponse429
    | GetEventResponse503
    | None
):
    """Retrieve an event

     One event, byte for byte the body its deliveries carried (and signed).

    **Roles:** `admin`, `owner`.

    Args:
        event_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Event | GetEventResponse400 | GetEventResponse401 | GetEventResponse403 | GetEventResponse404 | GetEventResponse429 | GetEventResponse503
    """

    return sync_detailed(
        event_id=event_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    event_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[
    Event
    | GetEventResponse400
    | GetEventResponse401
    | GetEventResponse403
    | GetEventResponse404
    | GetEventResponse429
    | GetEventResponse503
]:
    """Retrieve an event

     One event, byte for byte the body its deliveries carried (and signed).

    **Roles:** `admin`, `owner`.

    Args:
        event_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Event | GetEventResponse400 | GetEventResponse401 | GetEventResponse403 | GetEventResponse404 | GetEventResponse429 | GetEventResponse503]
    """

    kwargs = _get_kwargs(
        event_id=event_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    event_id: str,
    *,
    client: AuthenticatedClient,
) -> (
    Event
    | GetEventResponse400
    | GetEventResponse401
    | GetEventResponse403
    | GetEventResponse404
    | GetEventResponse429
    | GetEventResponse503
    | None
):
    """Retrieve an event

     One event, byte for byte the body its deliveries carried (and signed).

    **Roles:** `admin`, `owner`.

    Args:
        event_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Event | GetEventResponse400 | GetEventResponse401 | GetEventResponse403 | GetEventResponse404 | GetEventResponse429 | GetEventResponse503
    """

    return (
        await asyncio_detailed(
            event_id=event_id,
            client=client,
        )
    ).parsed
