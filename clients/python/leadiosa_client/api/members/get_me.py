from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_me_response_400 import GetMeResponse400
from ...models.get_me_response_401 import GetMeResponse401
from ...models.get_me_response_429 import GetMeResponse429
from ...models.get_me_response_503 import GetMeResponse503
from ...models.me import Me
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/me",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    GetMeResponse400
    | GetMeResponse401
    | GetMeResponse429
    | GetMeResponse503
    | Me
    | None
):
    if response.status_code == 200:
        response_200 = Me.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = GetMeResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = GetMeResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 429:
        response_429 = GetMeResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = GetMeResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    GetMeResponse400 | GetMeResponse401 | GetMeResponse429 | GetMeResponse503 | Me
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
    GetMeResponse400 | GetMeResponse401 | GetMeResponse429 | GetMeResponse503 | Me
]:
    """Who is calling

     The member behind the calling token, the token itself (its effective role, never above the member's
    current role, and scope) and the workspace.

    **Roles:** `agent`, `admin`, `owner`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetMeResponse400 | GetMeResponse401 | GetMeResponse429 | GetMeResponse503 | Me]
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
    GetMeResponse400
    | GetMeResponse401
    | GetMeResponse429
    | GetMeResponse503
    | Me
    | None
):
    """Who is calling

     The member behind the calling token, the token itself (its effective role, never above the member's
    current role, and scope) and the workspace.

    **Roles:** `agent`, `admin`, `owner`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetMeResponse400 | GetMeResponse401 | GetMeResponse429 | GetMeResponse503 | Me
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[
    GetMeResponse400 | GetMeResponse401 | GetMeResponse429 | GetMeResponse503 | Me
]:
    """Who is calling

     The member behind the calling token, the token itself (its effective role, never above the member's
    current role, and scope) and the workspace.

    **Roles:** `agent`, `admin`, `owner`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetMeResponse400 | GetMeResponse401 | GetMeResponse429 | GetMeResponse503 | Me]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> (
    GetMeResponse400
    | GetMeResponse401
    | GetMeResponse429
    | GetMeResponse503
    | Me
    | None
):
    """Who is calling

     The member behind the calling token, the token itself (its effective role, never above the member's
    current role, and scope) and the workspace.

    **Roles:** `agent`, `admin`, `owner`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetMeResponse400 | GetMeResponse401 | GetMeResponse429 | GetMeResponse503 | Me
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
