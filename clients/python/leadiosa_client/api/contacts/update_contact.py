from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.contact import Contact
from ...models.patched_contact_update_request import PatchedContactUpdateRequest
from ...models.update_contact_response_400 import UpdateContactResponse400
from ...models.update_contact_response_401 import UpdateContactResponse401
from ...models.update_contact_response_403 import UpdateContactResponse403
from ...models.update_contact_response_404 import UpdateContactResponse404
from ...models.update_contact_response_409 import UpdateContactResponse409
from ...models.update_contact_response_411 import UpdateContactResponse411
from ...models.update_contact_response_413 import UpdateContactResponse413
from ...models.update_contact_response_415 import UpdateContactResponse415
from ...models.update_contact_response_429 import UpdateContactResponse429
from ...models.update_contact_response_503 import UpdateContactResponse503
from ...types import UNSET, Response, Unset


def _get_kwargs(
    contact_id: str,
    *,
    body: PatchedContactUpdateRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/contacts/{contact_id}".format(
            contact_id=quote(str(contact_id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    Contact
    | UpdateContactResponse400
    | UpdateContactResponse401
    | UpdateContactResponse403
    | UpdateContactResponse404
    | UpdateContactResponse409
    | UpdateContactResponse411
    | UpdateContactResponse413
    | UpdateContactResponse415
    | UpdateContactResponse429
    | UpdateContactResponse503
    | None
):
    if response.status_code == 200:
        response_200 = Contact.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = UpdateContactResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = UpdateContactResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = UpdateContactResponse403.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = UpdateContactResponse404.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = UpdateContactResponse409.from_dict(response.json())

        return response_409

    if response.status_code == 411:
        response_411 = UpdateContactResponse411.from_dict(response.json())

        return response_411

    if response.status_code == 413:
        response_413 = UpdateContactResponse413.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = UpdateContactResponse415.from_dict(response.json())

        return response_415

    if response.status_code == 429:
        response_429 = UpdateContactResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = UpdateContactResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    Contact
    | UpdateContactResponse400
    | UpdateContactResponse401
    | UpdateContactResponse403
    | UpdateContactResponse404
    | UpdateContactResponse409
    | UpdateContactResponse411
    | UpdateContactResponse413
    | UpdateContactResponse415
    | UpdateContactResponse429
    | UpdateContactResponse503
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
    body: PatchedContactUpdateRequest | Unset = UNSET,
) -> Response[
    Contact
    | UpdateContactResponse400
    | UpdateContactResponse401
    | UpdateContactResponse403
    | UpdateContactResponse404
    | UpdateContactResponse409
    | UpdateContactResponse411
    | UpdateContactResponse413
    | UpdateContactResponse415
    | UpdateContactResponse429
    | UpdateContactResponse503
]:
    """Update a contact

     Changes the fields given. `attributes` merges into the stored ones; an attribute set to null is
    removed. Emits `contact.updated` with `previous_attributes`.

    **Roles:** `agent`, `admin`, `owner` with the `read_write` scope.

    Args:
        contact_id (str):
        body (PatchedContactUpdateRequest | Unset): The contact fields to change: `null` or an
            empty string clears a field; `attributes` merges and a null value removes a key.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Contact | UpdateContactResponse400 | UpdateContactResponse401 | UpdateContactResponse403 | UpdateContactResponse404 | UpdateContactResponse409 | UpdateContactResponse411 | UpdateContactResponse413 | UpdateContactResponse415 | UpdateContactResponse429 | UpdateContactResponse503]
    """

    kwargs = _get_kwargs(
        contact_id=contact_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    contact_id: str,
    *,
    client: AuthenticatedClient,
    body: PatchedContactUpdateRequest | Unset = UNSET,
) -> (
    Contact
    | UpdateContactResponse400
    | UpdateContactResponse401
    | UpdateContactResponse403
    | UpdateContactResponse404
    | UpdateContactResponse409
    | UpdateContactResponse411
    | UpdateContactResponse413
    | UpdateContactResponse415
    | UpdateContactResponse429
    | UpdateContactResponse503
    | None
):
    """Update a contact

     Changes the fields given. `attributes` merges into the stored ones; an attribute set to null is
    removed. Emits `contact.updated` with `previous_attributes`.

    **Roles:** `agent`, `admin`, `owner` with the `read_write` scope.

    Args:
        contact_id (str):
        body (PatchedContactUpdateRequest | Unset): The contact fields to change: `null` or an
            empty string clears a field; `attributes` merges and a null value removes a key.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Contact | UpdateContactResponse400 | UpdateContactResponse401 | UpdateContactResponse403 | UpdateContactResponse404 | UpdateContactResponse409 | UpdateContactResponse411 | UpdateContactResponse413 | UpdateContactResponse415 | UpdateContactResponse429 | UpdateContactResponse503
    """

    return sync_detailed(
        contact_id=contact_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    contact_id: str,
    *,
    client: AuthenticatedClient,
    body: PatchedContactUpdateRequest | Unset = UNSET,
) -> Response[
    Contact
    | UpdateContactResponse400
    | UpdateContactResponse401
    | UpdateContactResponse403
    | UpdateContactResponse404
    | UpdateContactResponse409
    | UpdateContactResponse411
    | UpdateContactResponse413
    | UpdateContactResponse415
    | UpdateContactResponse429
    | UpdateContactResponse503
]:
    """Update a contact

     Changes the fields given. `attributes` merges into the stored ones; an attribute set to null is
    removed. Emits `contact.updated` with `previous_attributes`.

    **Roles:** `agent`, `admin`, `owner` with the `read_write` scope.

    Args:
        contact_id (str):
        body (PatchedContactUpdateRequest | Unset): The contact fields to change: `null` or an
            empty string clears a field; `attributes` merges and a null value removes a key.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Contact | UpdateContactResponse400 | UpdateContactResponse401 | UpdateContactResponse403 | UpdateContactResponse404 | UpdateContactResponse409 | UpdateContactResponse411 | UpdateContactResponse413 | UpdateContactResponse415 | UpdateContactResponse429 | UpdateContactResponse503]
    """

    kwargs = _get_kwargs(
        contact_id=contact_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    contact_id: str,
    *,
    client: AuthenticatedClient,
    body: PatchedContactUpdateRequest | Unset = UNSET,
) -> (
    Contact
    | UpdateContactResponse400
    | UpdateContactResponse401
    | UpdateContactResponse403
    | UpdateContactResponse404
    | UpdateContactResponse409
    | UpdateContactResponse411
    | UpdateContactResponse413
    | UpdateContactResponse415
    | UpdateContactResponse429
    | UpdateContactResponse503
    | None
):
    """Update a contact

     Changes the fields given. `attributes` merges into the stored ones; an attribute set to null is
    removed. Emits `contact.updated` with `previous_attributes`.

    **Roles:** `agent`, `admin`, `owner` with the `read_write` scope.

    Args:
        contact_id (str):
        body (PatchedContactUpdateRequest | Unset): The contact fields to change: `null` or an
            empty string clears a field; `attributes` merges and a null value removes a key.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Contact | UpdateContactResponse400 | UpdateContactResponse401 | UpdateContactResponse403 | UpdateContactResponse404 | UpdateContactResponse409 | UpdateContactResponse411 | UpdateContactResponse413 | UpdateContactResponse415 | UpdateContactResponse429 | UpdateContactResponse503
    """

    return (
        await asyncio_detailed(
            contact_id=contact_id,
            client=client,
            body=body,
        )
    ).parsed
