from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_member_response_400 import GetMemberResponse400
from ...models.get_member_response_401 import GetMemberResponse401
from ...models.get_member_response_404 import GetMemberResponse404
from ...models.get_member_response_429 import GetMemberResponse429
from ...models.get_member_response_503 import GetMemberResponse503
from ...models.member import Member
from ...types import Response


def _get_kwargs(
    member_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/members/{member_id}".format(
            member_id=quote(str(member_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    GetMemberResponse400
    | GetMemberResponse401
    | GetMemberResponse404
    | GetMemberResponse429
    | GetMemberResponse503
    | Member
    | None
):
    if response.status_code == 200:
        response_200 = Member.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = GetMemberResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = GetMemberResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = GetMemberResponse404.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = GetMemberResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = GetMemberResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    GetMemberResponse400
    | GetMemberResponse401
    | GetMemberResponse404
    | GetMemberResponse429
    | GetMemberResponse503
    | Member
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    member_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[
    GetMemberResponse400
    | GetMemberResponse401
    | GetMemberResponse404
    | GetMemberResponse429
    | GetMemberResponse503
    | Member
]:
    """Retrieve a member

     One member of the workspace.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        member_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetMemberResponse400 | GetMemberResponse401 | GetMemberResponse404 | GetMemberResponse429 | GetMemberResponse503 | Member]
    """

    kwargs = _get_kwargs(
        member_id=member_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    member_id: str,
    *,
    client: AuthenticatedClient,
) -> (
    GetMemberResponse400
    | GetMemberResponse401
    | GetMemberResponse404
    | GetMemberResponse429
    | GetMemberResponse503
    | Member
    | None
):
    """Retrieve a member

     One member of the workspace.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        member_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetMemberResponse400 | GetMemberResponse401 | GetMemberResponse404 | GetMemberResponse429 | GetMemberResponse503 | Member
    """

    return sync_detailed(
        member_id=member_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    member_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[
    GetMemberResponse400
    | GetMemberResponse401
    | GetMemberResponse404
    | GetMemberResponse429
    | GetMemberResponse503
    | Member
]:
    """Retrieve a member

     One member of the workspace.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        member_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetMemberResponse400 | GetMemberResponse401 | GetMemberResponse404 | GetMemberResponse429 | GetMemberResponse503 | Member]
    """

    kwargs = _get_kwargs(
        member_id=member_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    member_id: str,
    *,
    client: AuthenticatedClient,
) -> (
    GetMemberResponse400
    | GetMemberResponse401
    | GetMemberResponse404
    | GetMemberResponse429
    | GetMemberResponse503
    | Member
    | None
):
    """Retrieve a member

     One member of the workspace.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        member_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetMemberResponse400 | GetMemberResponse401 | GetMemberResponse404 | GetMemberResponse429 | GetMemberResponse503 | Member
    """

    return (
        await asyncio_detailed(
            member_id=member_id,
            client=client,
        )
    ).parsed
