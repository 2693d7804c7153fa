from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.contact import Contact
from ...models.get_contact_response_400 import GetContactResponse400
from ...models.get_contact_response_401 import GetContactResponse401
from ...models.get_contact_response_404 import GetContactResponse404
from ...models.get_contact_response_429 import GetContactResponse429
from ...models.get_contact_response_503 import GetContactResponse503
from ...types import Response


def _get_kwargs(
    contact_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/contacts/{contact_id}".format(
            contact_id=quote(str(contact_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    Contact
    | GetContactResponse400
    | GetContactResponse401
    | GetContactResponse404
    | GetContactResponse429
    | GetContactResponse503
    | None
):
    if response.status_code == 200:
        response_200 = Contact.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = GetContactResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = GetContactResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = GetContactResponse404.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = GetContactResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = GetContactResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    Contact
    | GetContactResponse400
    | GetContactResponse401
    | GetContactResponse404
    | GetContactResponse429
    | GetContactResponse503
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    contact_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[
    Contact
    | GetContactResponse400
    | GetContactResponse401
    | GetContactResponse404
    | GetContactResponse429
    | GetContactResponse503
]:
    """Retrieve a contact

     One contact of the workspace.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        contact_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Contact | GetContactResponse400 | GetContactResponse401 | GetContactResponse404 | GetContactResponse429 | GetContactResponse503]
    """

    kwargs = _get_kwargs(
        contact_id=contact_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    contact_id: str,
    *,
    client: AuthenticatedClient,
) -> (
    Contact
    | GetContactResponse400
    | GetContactResponse401
    | GetContactResponse404
    | GetContactResponse429
    | GetContactResponse503
    | None
):
    """Retrieve a contact

     One contact of the workspace.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        contact_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Contact | GetContactResponse400 | GetContactResponse401 | GetContactResponse404 | GetContactResponse429 | GetContactResponse503
    """

    return sync_detailed(
        contact_id=contact_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    contact_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[
    Contact
    | GetContactResponse400
    | GetContactResponse401
    | GetContactResponse404
    | GetContactResponse429
    | GetContactResponse503
]:
    """Retrieve a contact

     One contact of the workspace.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        contact_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Contact | GetContactResponse400 | GetContactResponse401 | GetContactResponse404 | GetContactResponse429 | GetContactResponse503]
    """

    kwargs = _get_kwargs(
        contact_id=contact_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    contact_id: str,
    *,
    client: AuthenticatedClient,
) -> (
    Contact
    | GetContactResponse400
    | GetContactResponse401
    | GetContactResponse404
    | GetContactResponse429
    | GetContactResponse503
    | None
):
    """Retrieve a contact

     One contact of the workspace.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        contact_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Contact | GetContactResponse400 | GetContactResponse401 | GetContactResponse404 | GetContactResponse429 | GetContactResponse503
    """

    return (
        await asyncio_detailed(
            contact_id=contact_id,
            client=client,
        )
    ).parsed
