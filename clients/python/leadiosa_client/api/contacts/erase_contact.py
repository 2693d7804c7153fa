from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.erase_contact_response_400 import EraseContactResponse400
from ...models.erase_contact_response_401 import EraseContactResponse401
from ...models.erase_contact_response_403 import EraseContactResponse403
from ...models.erase_contact_response_404 import EraseContactResponse404
from ...models.erase_contact_response_409 import EraseContactResponse409
from ...models.erase_contact_response_429 import EraseContactResponse429
from ...models.erase_contact_response_503 import EraseContactResponse503
from ...types import Response


def _get_kwargs(
    contact_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/api/v1/contacts/{contact_id}".format(
            contact_id=quote(str(contact_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    Any
    | EraseContactResponse400
    | EraseContactResponse401
    | EraseContactResponse403
    | EraseContactResponse404
    | EraseContactResponse409
    | EraseContactResponse429
    | EraseContactResponse503
    | None
):
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

    if response.status_code == 400:
        response_400 = EraseContactResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = EraseContactResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = EraseContactResponse403.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = EraseContactResponse404.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = EraseContactResponse409.from_dict(response.json())

        return response_409

    if response.status_code == 429:
        response_429 = EraseContactResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = EraseContactResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    Any
    | EraseContactResponse400
    | EraseContactResponse401
    | EraseContactResponse403
    | EraseContactResponse404
    | EraseContactResponse409
    | EraseContactResponse429
    | EraseContactResponse503
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
    Any
    | EraseContactResponse400
    | EraseContactResponse401
    | EraseContactResponse403
    | EraseContactResponse404
    | EraseContactResponse409
    | EraseContactResponse429
    | EraseContactResponse503
]:
    """Erase a contact (GDPR)

     Erases the contact, its conversations, their messages and notes, every stored webhook payload and
    delivery that carried its data, and any cached copy, before answering. The audit log keeps a
    `contact.erased` entry with the id only; subscribers get `contact.erased` with the id only.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        contact_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | EraseContactResponse400 | EraseContactResponse401 | EraseContactResponse403 | EraseContactResponse404 | EraseContactResponse409 | EraseContactResponse429 | EraseContactResponse503]
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
    Any
    | EraseContactResponse400
    | EraseContactResponse401
    | EraseContactResponse403
    | EraseContactResponse404
    | EraseContactResponse409
    | EraseContactResponse429
    | EraseContactResponse503
    | None
):
    """Erase a contact (GDPR)

     Erases the contact, its conversations, their messages and notes, every stored webhook payload and
    delivery that carried its data, and any cached copy, before answering. The audit log keeps a
    `contact.erased` entry with the id only; subscribers get `contact.erased` with the id only.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        contact_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | EraseContactResponse400 | EraseContactResponse401 | EraseContactResponse403 | EraseContactResponse404 | EraseContactResponse409 | EraseContactResponse429 | EraseContactResponse503
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
    Any
    | EraseContactResponse400
    | EraseContactResponse401
    | EraseContactResponse403
    | EraseContactResponse404
    | EraseContactResponse409
    | EraseContactResponse429
    | EraseContactResponse503
]:
    """Erase a contact (GDPR)

     Erases the contact, its conversations, their messages and notes, every stored webhook payload and
    delivery that carried its data, and any cached copy, before answering. The audit log keeps a
    `contact.erased` entry with the id only; subscribers get `contact.erased` with the id only.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        contact_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | EraseContactResponse400 | EraseContactResponse401 | EraseContactResponse403 | EraseContactResponse404 | EraseContactResponse409 | EraseContactResponse429 | EraseContactResponse503]
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
    Any
    | EraseContactResponse400
    | EraseContactResponse401
    | EraseContactResponse403
    | EraseContactResponse404
    | EraseContactResponse409
    | EraseContactResponse429
    | EraseContactResponse503
    | None
):
    """Erase a contact (GDPR)

     Erases the contact, its conversations, their messages and notes, every stored webhook payload and
    delivery that carried its data, and any cached copy, before answering. The audit log keeps a
    `contact.erased` entry with the id only; subscribers get `contact.erased` with the id only.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        contact_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | EraseContactResponse400 | EraseContactResponse401 | EraseContactResponse403 | EraseContactResponse404 | EraseContactResponse409 | EraseContactResponse429 | EraseContactResponse503
    """

    return (
        await asyncio_detailed(
            contact_id=contact_id,
            client=client,
        )
    ).parsed
