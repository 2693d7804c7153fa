from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.contact import Contact
from ...models.contact_create_request import ContactCreateRequest
from ...models.create_contact_response_400 import CreateContactResponse400
from ...models.create_contact_response_401 import CreateContactResponse401
from ...models.create_contact_response_403 import CreateContactResponse403
from ...models.create_contact_response_409 import CreateContactResponse409
from ...models.create_contact_response_411 import CreateContactResponse411
from ...models.create_contact_response_413 import CreateContactResponse413
from ...models.create_contact_response_415 import CreateContactResponse415
from ...models.create_contact_response_422 import CreateContactResponse422
from ...models.create_contact_response_429 import CreateContactResponse429
from ...models.create_contact_response_503 import CreateContactResponse503
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: ContactCreateRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/contacts",
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
    | CreateContactResponse400
    | CreateContactResponse401
    | CreateContactResponse403
    | CreateContactResponse409
    | CreateContactResponse411
    | CreateContactResponse413
    | CreateContactResponse415
    | CreateContactResponse422
    | CreateContactResponse429
    | CreateContactResponse503
    | None
):
    if response.status_code == 201:
        response_201 = Contact.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = CreateContactResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = CreateContactResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = CreateContactResponse403.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = CreateContactResponse409.from_dict(response.json())

        return response_409

    if response.status_code == 411:
        response_411 = CreateContactResponse411.from_dict(response.json())

        return response_411

    if response.status_code == 413:
        response_413 = CreateContactResponse413.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = CreateContactResponse415.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = CreateContactResponse422.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = CreateContactResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = CreateContactResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    Contact
    | CreateContactResponse400
    | CreateContactResponse401
    | CreateContactResponse403
    | CreateContactResponse409
    | CreateContactResponse411
    | CreateContactResponse413
    | CreateContactResponse415
    | CreateContactResponse422
    | CreateContactResponse429
    | CreateContactResponse503
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
    body: ContactCreateRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[
    Contact
    | CreateContactResponse400
    | CreateContactResponse401
    | CreateContactResponse403
    | CreateContactResponse409
    | CreateContactResponse411
    | CreateContactResponse413
    | CreateContactResponse415
    | CreateContactResponse422
    | CreateContactResponse429
    | CreateContactResponse503
]:
    """Create a contact

     Creates a contact. `email` and `external_id` are unique within the workspace. Emits
    `contact.created`.

    **Roles:** `agent`, `admin`, `owner` with the `read_write` scope.

    Args:
        idempotency_key (str | Unset):
        body (ContactCreateRequest | Unset): A contact to create (also the `contact` object of a
            new conversation, found by `email` or `external_id`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Contact | CreateContactResponse400 | CreateContactResponse401 | CreateContactResponse403 | CreateContactResponse409 | CreateContactResponse411 | CreateContactResponse413 | CreateContactResponse415 | CreateContactResponse422 | CreateContactResponse429 | CreateContactResponse503]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: ContactCreateRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> (
    Contact
    | CreateContactResponse400
    | CreateContactResponse401
    | CreateContactResponse403
    | CreateContactResponse409
    | CreateContactResponse411
    | CreateContactResponse413
    | CreateContactResponse415
    | CreateContactResponse422
    | CreateContactResponse429
    | CreateContactResponse503
    | None
):
    """Create a contact

     Creates a contact. `email` and `external_id` are unique within the workspace. Emits
    `contact.created`.

    **Roles:** `agent`, `admin`, `owner` with the `read_write` scope.

    Args:
        idempotency_key (str | Unset):
        body (ContactCreateRequest | Unset): A contact to create (also the `contact` object of a
            new conversation, found by `email` or `external_id`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Contact | CreateContactResponse400 | CreateContactResponse401 | CreateContactResponse403 | CreateContactResponse409 | CreateContactResponse411 | CreateContactResponse413 | CreateContactResponse415 | CreateContactResponse422 | CreateContactResponse429 | CreateContactResponse503
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ContactCreateRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[
    Contact
    | CreateContactResponse400
    | CreateContactResponse401
    | CreateContactResponse403
    | CreateContactResponse409
    | CreateContactResponse411
    | CreateContactResponse413
    | CreateContactResponse415
    | CreateContactResponse422
    | CreateContactResponse429
    | CreateContactResponse503
]:
    """Create a contact

     Creates a contact. `email` and `external_id` are unique within the workspace. Emits
    `contact.created`.

    **Roles:** `agent`, `admin`, `owner` with the `read_write` scope.

    Args:
        idempotency_key (str | Unset):
        body (ContactCreateRequest | Unset): A contact to create (also the `contact` object of a
            new conversation, found by `email` or `external_id`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Contact | CreateContactResponse400 | CreateContactResponse401 | CreateContactResponse403 | CreateContactResponse409 | CreateContactResponse411 | CreateContactResponse413 | CreateContactResponse415 | CreateContactResponse422 | CreateContactResponse429 | CreateContactResponse503]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ContactCreateRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> (
    Contact
    | CreateContactResponse400
    | CreateContactResponse401
    | CreateContactResponse403
    | CreateContactResponse409
    | CreateContactResponse411
    | CreateContactResponse413
    | CreateContactResponse415
    | CreateContactResponse422
    | CreateContactResponse429
    | CreateContactResponse503
    | None
):
    """Create a contact

     Creates a contact. `email` and `external_id` are unique within the workspace. Emits
    `contact.created`.

    **Roles:** `agent`, `admin`, `owner` with the `read_write` scope.

    Args:
        idempotency_key (str | Unset):
        body (ContactCreateRequest | Unset): A contact to create (also the `contact` object of a
            new conversation, found by `email` or `external_id`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Contact | CreateContactResponse400 | CreateContactResponse401 | CreateContactResponse403 | CreateContactResponse409 | CreateContactResponse411 | CreateContactResponse413 | CreateContactResponse415 | CreateContactResponse422 | CreateContactResponse429 | CreateContactResponse503
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
