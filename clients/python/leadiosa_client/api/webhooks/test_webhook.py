from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.test_webhook_response_400 import TestWebhookResponse400
from ...models.test_webhook_response_401 import TestWebhookResponse401
from ...models.test_webhook_response_403 import TestWebhookResponse403
from ...models.test_webhook_response_404 import TestWebhookResponse404
from ...models.test_webhook_response_409 import TestWebhookResponse409
from ...models.test_webhook_response_422 import TestWebhookResponse422
from ...models.test_webhook_response_429 import TestWebhookResponse429
from ...models.test_webhook_response_503 import TestWebhookResponse503
from ...models.webhook_delivery import WebhookDelivery
from ...types import UNSET, Response, Unset


def _get_kwargs(
    webhook_id: str,
    *,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/webhooks/{webhook_id}/test".format(
            webhook_id=quote(str(webhook_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    TestWebhookResponse400
    | TestWebhookResponse401
    | TestWebhookResponse403
    | TestWebhookResponse404
    | TestWebhookResponse409
    | TestWebhookResponse422
    | TestWebhookResponse429
    | TestWebhookResponse503
    | WebhookDelivery
    | None
):
    if response.status_code == 201:
        response_201 = WebhookDelivery.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = TestWebhookResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = TestWebhookResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = TestWebhookResponse403.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = TestWebhookResponse404.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = TestWebhookResponse409.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = TestWebhookResponse422.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = TestWebhookResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = TestWebhookResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    TestWebhookResponse400
    | TestWebhookResponse401
    | TestWebhookResponse403
    | TestWebhookResponse404
    | TestWebhookResponse409
    | TestWebhookResponse422
    | TestWebhookResponse429
    | TestWebhookResponse503
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
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> Response[
    TestWebhookResponse400
    | TestWebhookResponse401
    | TestWebhookResponse403
    | TestWebhookResponse404
    | TestWebhookResponse409
    | TestWebhookResponse422
    | TestWebhookResponse429
    | TestWebhookResponse503
    | WebhookDelivery
]:
    """Send a test event

     Sends a `webhook.test` event to this endpoint (whatever it subscribes to) and answers with its
    delivery record. The endpoint must be enabled.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        webhook_id (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[TestWebhookResponse400 | TestWebhookResponse401 | TestWebhookResponse403 | TestWebhookResponse404 | TestWebhookResponse409 | TestWebhookResponse422 | TestWebhookResponse429 | TestWebhookResponse503 | WebhookDelivery]
    """

    kwargs = _get_kwargs(
        webhook_id=webhook_id,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    webhook_id: str,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> (
    TestWebhookResponse400
    | TestWebhookResponse401
    | TestWebhookResponse403
    | TestWebhookResponse404
    | TestWebhookResponse409
    | TestWebhookResponse422
    | TestWebhookResponse429
    | TestWebhookResponse503
    | WebhookDelivery
    | None
):
    """Send a test event

     Sends a `webhook.test` event to this endpoint (whatever it subscribes to) and answers with its
    delivery record. The endpoint must be enabled.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        webhook_id (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        TestWebhookResponse400 | TestWebhookResponse401 | TestWebhookResponse403 | TestWebhookResponse404 | TestWebhookResponse409 | TestWebhookResponse422 | TestWebhookResponse429 | TestWebhookResponse503 | WebhookDelivery
    """

    return sync_detailed(
        webhook_id=webhook_id,
        client=client,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    webhook_id: str,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> Response[
    TestWebhookResponse400
    | TestWebhookResponse401
    | TestWebhookResponse403
    | TestWebhookResponse404
    | TestWebhookResponse409
    | TestWebhookResponse422
    | TestWebhookResponse429
    | TestWebhookResponse503
    | WebhookDelivery
]:
    """Send a test event

     Sends a `webhook.test` event to this endpoint (whatever it subscribes to) and answers with its
    delivery record. The endpoint must be enabled.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        webhook_id (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[TestWebhookResponse400 | TestWebhookResponse401 | TestWebhookResponse403 | TestWebhookResponse404 | TestWebhookResponse409 | TestWebhookResponse422 | TestWebhookResponse429 | TestWebhookResponse503 | WebhookDelivery]
    """

    kwargs = _get_kwargs(
        webhook_id=webhook_id,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    webhook_id: str,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> (
    TestWebhookResponse400
    | TestWebhookResponse401
    | TestWebhookResponse403
    | TestWebhookResponse404
    | TestWebhookResponse409
    | TestWebhookResponse422
    | TestWebhookResponse429
    | TestWebhookResponse503
    | WebhookDelivery
    | None
):
    """Send a test event

     Sends a `webhook.test` event to this endpoint (whatever it subscribes to) and answers with its
    delivery record. The endpoint must be enabled.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        webhook_id (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        TestWebhookResponse400 | TestWebhookResponse401 | TestWebhookResponse403 | TestWebhookResponse404 | TestWebhookResponse409 | TestWebhookResponse422 | TestWebhookResponse429 | TestWebhookResponse503 | WebhookDelivery
    """

    return (
        await asyncio_detailed(
            webhook_id=webhook_id,
            client=client,
            idempotency_key=idempotency_key,
        )
    ).parsed
