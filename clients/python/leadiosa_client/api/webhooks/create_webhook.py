from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_webhook_response_400 import CreateWebhookResponse400
from ...models.create_webhook_response_401 import CreateWebhookResponse401
from ...models.create_webhook_response_403 import CreateWebhookResponse403
from ...models.create_webhook_response_409 import CreateWebhookResponse409
from ...models.create_webhook_response_411 import CreateWebhookResponse411
from ...models.create_webhook_response_413 import CreateWebhookResponse413
from ...models.create_webhook_response_415 import CreateWebhookResponse415
from ...models.create_webhook_response_422 import CreateWebhookResponse422
from ...models.create_webhook_response_429 import CreateWebhookResponse429
from ...models.create_webhook_response_503 import CreateWebhookResponse503
from ...models.webhook_create_request import WebhookCreateRequest
from ...models.webhook_with_secret import WebhookWithSecret
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: WebhookCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/webhooks",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    CreateWebhookResponse400
    | CreateWebhookResponse401
    | CreateWebhookResponse403
    | CreateWebhookResponse409
    | CreateWebhookResponse411
    | CreateWebhookResponse413
    | CreateWebhookResponse415
    | CreateWebhookResponse422
    | CreateWebhookResponse429
    | CreateWebhookResponse503
    | WebhookWithSecret
    | None
):
    if response.status_code == 201:
        response_201 = WebhookWithSecret.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = CreateWebhookResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = CreateWebhookResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = CreateWebhookResponse403.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = CreateWebhookResponse409.from_dict(response.json())

        return response_409

    if response.status_code == 411:
        response_411 = CreateWebhookResponse411.from_dict(response.json())

        return response_411

    if response.status_code == 413:
        response_413 = CreateWebhookResponse413.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = CreateWebhookResponse415.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = CreateWebhookResponse422.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = CreateWebhookResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = CreateWebhookResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    CreateWebhookResponse400
    | CreateWebhookResponse401
    | CreateWebhookResponse403
    | CreateWebhookResponse409
    | CreateWebhookResponse411
    | CreateWebhookResponse413
    | CreateWebhookResponse415
    | CreateWebhookResponse422
    | CreateWebhookResponse429
    | CreateWebhookResponse503
    | WebhookWithSecret
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
    body: WebhookCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[
    CreateWebhookResponse400
    | CreateWebhookResponse401
    | CreateWebhookResponse403
    | CreateWebhookResponse409
    | CreateWebhookResponse411
    | CreateWebhookResponse413
    | CreateWebhookResponse415
    | CreateWebhookResponse422
    | CreateWebhookResponse429
    | CreateWebhookResponse503
    | WebhookWithSecret
]:
    """Create a webhook endpoint

     Registers an `https` URL for catalogue events (or `["*"]` for all). The response is the only one
    that shows the signing `secret` (`whsec_…`): store it to verify deliveries.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        idempotency_key (str | Unset):
        body (WebhookCreateRequest): A webhook endpoint to register: a public `https` URL and
            catalogue event names (or `["*"]`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateWebhookResponse400 | CreateWebhookResponse401 | CreateWebhookResponse403 | CreateWebhookResponse409 | CreateWebhookResponse411 | CreateWebhookResponse413 | CreateWebhookResponse415 | CreateWebhookResponse422 | CreateWebhookResponse429 | CreateWebhookResponse503 | WebhookWithSecret]
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
    body: WebhookCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> (
    CreateWebhookResponse400
    | CreateWebhookResponse401
    | CreateWebhookResponse403
    | CreateWebhookResponse409
    | CreateWebhookResponse411
    | CreateWebhookResponse413
    | CreateWebhookResponse415
    | CreateWebhookResponse422
    | CreateWebhookResponse429
    | CreateWebhookResponse503
    | WebhookWithSecret
    | None
):
    """Create a webhook endpoint

     Registers an `https` URL for catalogue events (or `["*"]` for all). The response is the only one
    that shows the signing `secret` (`whsec_…`): store it to verify deliveries.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        idempotency_key (str | Unset):
        body (WebhookCreateRequest): A webhook endpoint to register: a public `https` URL and
            catalogue event names (or `["*"]`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateWebhookResponse400 | CreateWebhookResponse401 | CreateWebhookResponse403 | CreateWebhookResponse409 | CreateWebhookResponse411 | CreateWebhookResponse413 | CreateWebhookResponse415 | CreateWebhookResponse422 | CreateWebhookResponse429 | CreateWebhookResponse503 | WebhookWithSecret
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: WebhookCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[
    CreateWebhookResponse400
    | CreateWebhookResponse401
    | CreateWebhookResponse403
    | CreateWebhookResponse409
    | CreateWebhookResponse411
    | CreateWebhookResponse413
    | CreateWebhookResponse415
    | CreateWebhookResponse422
    | CreateWebhookResponse429
    | CreateWebhookResponse503
    | WebhookWithSecret
]:
    """Create a webhook endpoint

     Registers an `https` URL for catalogue events (or `["*"]` for all). The response is the only one
    that shows the signing `secret` (`whsec_…`): store it to verify deliveries.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        idempotency_key (str | Unset):
        body (WebhookCreateRequest): A webhook endpoint to register: a public `https` URL and
            catalogue event names (or `["*"]`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateWebhookResponse400 | CreateWebhookResponse401 | CreateWebhookResponse403 | CreateWebhookResponse409 | CreateWebhookResponse411 | CreateWebhookResponse413 | CreateWebhookResponse415 | CreateWebhookResponse422 | CreateWebhookResponse429 | CreateWebhookResponse503 | WebhookWithSecret]
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
    body: WebhookCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> (
    CreateWebhookResponse400
    | CreateWebhookResponse401
    | CreateWebhookResponse403
    | CreateWebhookResponse409
    | CreateWebhookResponse411
    | CreateWebhookResponse413
    | CreateWebhookResponse415
    | CreateWebhookResponse422
    | CreateWebhookResponse429
    | CreateWebhookResponse503
    | WebhookWithSecret
    | None
):
    """Create a webhook endpoint

     Registers an `https` URL for catalogue events (or `["*"]` for all). The response is the only one
    that shows the signing `secret` (`whsec_…`): store it to verify deliveries.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        idempotency_key (str | Unset):
        body (WebhookCreateRequest): A webhook endpoint to register: a public `https` URL and
            catalogue event names (or `["*"]`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateWebhookResponse400 | CreateWebhookResponse401 | CreateWebhookResponse403 | CreateWebhookResponse409 | CreateWebhookResponse411 | CreateWebhookResponse413 | CreateWebhookResponse415 | CreateWebhookResponse422 | CreateWebhookResponse429 | CreateWebhookResponse503 | WebhookWithSecret
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
