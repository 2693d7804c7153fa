from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_widget_response_400 import GetWidgetResponse400
from ...models.get_widget_response_401 import GetWidgetResponse401
from ...models.get_widget_response_403 import GetWidgetResponse403
from ...models.get_widget_response_429 import GetWidgetResponse429
from ...models.get_widget_response_503 import GetWidgetResponse503
from ...models.widget import Widget
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/widget",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    GetWidgetResponse400
    | GetWidgetResponse401
    | GetWidgetResponse403
    | GetWidgetResponse429
    | GetWidgetResponse503
    | Widget
    | None
):
    if response.status_code == 200:
        response_200 = Widget.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = GetWidgetResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = GetWidgetResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = GetWidgetResponse403.from_dict(response.json())

        return response_403

    if response.status_code == 429:
        response_429 = GetWidgetResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = GetWidgetResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    GetWidgetResponse400
    | GetWidgetResponse401
    | GetWidgetResponse403
    | GetWidgetResponse429
    | GetWidgetResponse503
    | Widget
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
    GetWidgetResponse400
    | GetWidgetResponse401
    | GetWidgetResponse403
    | GetWidgetResponse429
    | GetWidgetResponse503
    | Widget
]:
    """Retrieve the chat widget settings

     The widget's public key (for the embed snippet), the origins allowed to embed it, its greeting and
    color. Conversations it creates have `channel: widget`.

    **Roles:** `admin`, `owner`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetWidgetResponse400 | GetWidgetResponse401 | GetWidgetResponse403 | GetWidgetResponse429 | GetWidgetResponse503 | Widget]
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
    GetWidgetResponse400
    | GetWidgetResponse401
    | GetWidgetResponse403
    | GetWidgetResponse429
    | GetWidgetResponse503
    | Widget
    | None
):
    """Retrieve the chat widget settings

     The widget's public key (for the embed snippet), the origins allowed to embed it, its greeting and
    color. Conversations it creates have `channel: widget`.

    **Roles:** `admin`, `owner`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetWidgetResponse400 | GetWidgetResponse401 | GetWidgetResponse403 | GetWidgetResponse429 | GetWidgetResponse503 | Widget
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[
    GetWidgetResponse400
    | GetWidgetResponse401
    | GetWidgetResponse403
    | GetWidgetResponse429
    | GetWidgetResponse503
    | Widget
]:
    """Retrieve the chat widget settings

     The widget's public key (for the embed snippet), the origins allowed to embed it, its greeting and
    color. Conversations it creates have `channel: widget`.

    **Roles:** `admin`, `owner`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetWidgetResponse400 | GetWidgetResponse401 | GetWidgetResponse403 | GetWidgetResponse429 | GetWidgetResponse503 | Widget]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> (
    GetWidgetResponse400
    | GetWidgetResponse401
    | GetWidgetResponse403
    | GetWidgetResponse429
    | GetWidgetResponse503
    | Widget
    | None
):
    """Retrieve the chat widget settings

     The widget's public key (for the embed snippet), the origins allowed to embed it, its greeting and
    color. Conversations it creates have `channel: widget`.

    **Roles:** `admin`, `owner`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetWidgetResponse400 | GetWidgetResponse401 | GetWidgetResponse403 | GetWidgetResponse429 | GetWidgetResponse503 | Widget
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
