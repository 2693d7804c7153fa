from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.retry_webhook_delivery_response_400 import (
    RetryWebhookDeliveryResponse400,
)
from ...models.retry_webhook_delivery_response_401 import (
    RetryWebhookDeliveryResponse401,
)
from ...models.retry_webhook_delivery_response_403 import (
    RetryWebhookDeliveryResponse403,
)
from ...models.retry_webhook_delivery_response_404 import (
    RetryWebhookDeliveryResponse404,
)
from ...models.retry_webhook_delivery_response_409 import (
    RetryWebhookDeliveryResponse409,
)
from ...models.retry_webhook_delivery_response_422 import (
    RetryWebhookDeliveryResponse422,
)
from ...models.retry_webhook_delivery_response_429 import (
    RetryWebhookDeliveryResponse429,
)
from ...models.retry_webhook_delivery_response_503 import (
    RetryWebhookDeliveryResponse503,
)
from ...models.webhook_delivery import WebhookDelivery
from ...types import UNSET, Response, Unset


def _get_kwargs(
    webhook_id: str,
    delivery_id: str,
    *,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/retry".format(
            webhook_id=quote(str(webhook_id), safe=""),
            delivery_id=quote(str(delivery_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    RetryWebhookDeliveryResponse400
    | RetryWebhookDeliveryResponse401
    | RetryWebhookDeliveryResponse403
    | RetryWebhookDeliveryResponse404
    | RetryWebhookDeliveryResponse409
    | RetryWebhookDeliveryResponse422
    | RetryWebhookDeliveryResponse429
    | RetryWebhookDeliveryResponse503
    | WebhookDelivery
    | None
):
    if response.status_code == 202:
        response_202 = WebhookDelivery.from_dict(response.json())

        return response_202

    if response.status_code == 400:
        response_400 = RetryWebhookDeliveryResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = RetryWebhookDeliveryResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = RetryWebhookDeliveryResponse403.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = RetryWebhookDeliveryResponse404.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = RetryWebhookDeliveryResponse409.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = RetryWebhookDeliveryResponse422.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = RetryWebhookDeliveryResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = RetryWebhookDeliveryResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    RetryWebhookDeliveryResponse400
    | RetryWebhookDeliveryResponse401
    | RetryWebhookDeliveryResponse403
    | RetryWebhookDeliveryResponse404
    | RetryWebhookDeliveryResponse409
    | RetryWebhookDeliveryResponse422
    | RetryWebhookDeliveryResponse429
    | RetryWebhookDeliveryResponse503
    | WebhookDelivery
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    webhook_id: str,
    delivery_id: str,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> Response[
    RetryWebhookDeliveryResponse400
    | RetryWebhookDeliveryResponse401
    | RetryWebhookDeliveryResponse403
    | RetryWebhookDeliveryResponse404
    | RetryWebhookDeliveryResponse409
    | RetryWebhookDeliveryResponse422
    | RetryWebhookDeliveryResponse429
    | RetryWebhookDeliveryResponse503
    | WebhookDelivery
]:
    """Redeliver an event now

     Delivers this delivery's event to its endpoint again now, with the same `webhook-id` and body,
    whatever its outcome so far. The endpoint must be enabled.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        webhook_id (str):
        delivery_id (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[RetryWebhookDeliveryResponse400 | RetryWebhookDeliveryResponse401 | RetryWebhookDeliveryResponse403 | RetryWebhookDeliveryResponse404 | RetryWebhookDeliveryResponse409 | RetryWebhookDeliveryResponse422 | RetryWebhookDeliveryResponse429 | RetryWebhookDeliveryResponse503 | WebhookDelivery]
    """

    kwargs = _get_kwargs(
        webhook_id=webhook_id,
        delivery_id=delivery_id,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    webhook_id: str,
    delivery_id: str,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> (
    RetryWebhookDeliveryResponse400
    | RetryWebhookDeliveryResponse401
    | RetryWebhookDeliveryResponse403
    | RetryWebhookDeliveryResponse404
    | RetryWebhookDeliveryResponse409
    | RetryWebhookDeliveryResponse422
    | RetryWebhookDeliveryResponse429
    | RetryWebhookDeliveryResponse503
    | WebhookDelivery
    | None
):
    """Redeliver an event now

     Delivers this delivery's event to its endpoint again now, with the same `webhook-id` and body,
    whatever its outcome so far. The endpoint must be enabled.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        webhook_id (str):
        delivery_id (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RetryWebhookDeliveryResponse400 | RetryWebhookDeliveryResponse401 | RetryWebhookDeliveryResponse403 | RetryWebhookDeliveryResponse404 | RetryWebhookDeliveryResponse409 | RetryWebhookDeliveryResponse422 | RetryWebhookDeliveryResponse429 | RetryWebhookDeliveryResponse503 | WebhookDelivery
    """

    return sync_detailed(
        webhook_id=webhook_id,
        delivery_id=delivery_id,
        client=client,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    webhook_id: str,
    delivery_id: str,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> Response[
    RetryWebhookDeliveryResponse400
    | RetryWebhookDeliveryResponse401
    | RetryWebhookDeliveryResponse403
    | RetryWebhookDeliveryResponse404
    | RetryWebhookDeliveryResponse409
    | RetryWebhookDeliveryResponse422
    | RetryWebhookDeliveryResponse429
    | RetryWebhookDeliveryResponse503
    | WebhookDelivery
]:
    """Redeliver an event now

     Delivers this delivery's event to its endpoint again now, with the same `webhook-id` and body,
    whatever its outcome so far. The endpoint must be enabled.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        webhook_id (str):
        delivery_id (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[RetryWebhookDeliveryResponse400 | RetryWebhookDeliveryResponse401 | RetryWebhookDeliveryResponse403 | RetryWebhookDeliveryResponse404 | RetryWebhookDeliveryResponse409 | RetryWebhookDeliveryResponse422 | RetryWebhookDeliveryResponse429 | RetryWebhookDeliveryResponse503 | WebhookDelivery]
    """

    kwargs = _get_kwargs(
        webhook_id=webhook_id,
        delivery_id=delivery_id,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    webhook_id: str,
    delivery_id: str,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> (
    RetryWebhookDeliveryResponse400
    | RetryWebhookDeliveryResponse401
    | RetryWebhookDeliveryResponse403
    | RetryWebhookDeliveryResponse404
    | RetryWebhookDeliveryResponse409
    | RetryWebhookDeliveryResponse422
    | RetryWebhookDeliveryResponse429
    | RetryWebhookDeliveryResponse503
    | WebhookDelivery
    | None
):
    """Redeliver an event now

     Delivers this delivery's event to its endpoint again now, with the same `webhook-id` and body,
    whatever its outcome so far. The endpoint must be enabled.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        webhook_id (str):
        delivery_id (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RetryWebhookDeliveryResponse400 | RetryWebhookDeliveryResponse401 | RetryWebhookDeliveryResponse403 | RetryWebhookDeliveryResponse404 | RetryWebhookDeliveryResponse409 | RetryWebhookDeliveryResponse422 | RetryWebhookDeliveryResponse429 | RetryWebhookDeliveryResponse503 | WebhookDelivery
    """

    return (
        await asyncio_detailed(
            webhook_id=webhook_id,
            delivery_id=delivery_id,
            client=client,
            idempotency_key=idempotency_key,
        )
    ).parsed
