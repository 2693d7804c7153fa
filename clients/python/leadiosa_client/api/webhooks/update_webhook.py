from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.patched_webhook_update_request import PatchedWebhookUpdateRequest
from ...models.update_webhook_response_400 import UpdateWebhookResponse400
from ...models.update_webhook_response_401 import UpdateWebhookResponse401
from ...models.update_webhook_response_403 import UpdateWebhookResponse403
from ...models.update_webhook_response_404 import UpdateWebhookResponse404
from ...models.update_webhook_response_409 import UpdateWebhookResponse409
from ...models.update_webhook_response_411 import UpdateWebhookResponse411
from ...models.update_webhook_response_413 import UpdateWebhookResponse413
from ...models.update_webhook_response_415 import UpdateWebhookResponse415
from ...models.update_webhook_response_429 import UpdateWebhookResponse429
from ...models.update_webhook_response_503 import UpdateWebhookResponse503
from ...models.webhook import Webhook
from ...types import UNSET, Response, Unset


def _get_kwargs(
    webhook_id: str,
    *,
    body: PatchedWebhookUpdateRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/webhooks/{webhook_id}".format(
            webhook_id=quote(str(webhook_id), safe=""),
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
    UpdateWebhookResponse400
    | UpdateWebhookResponse401
    | UpdateWebhookResponse403
    | UpdateWebhookResponse404
    | UpdateWebhookResponse409
    | UpdateWebhookResponse411
    | UpdateWebhookResponse413
    | UpdateWebhookResponse415
    | UpdateWebhookResponse429
    | UpdateWebhookResponse503
    | Webhook
    | None
):
    if response.status_code == 200:
        response_200 = Webhook.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = UpdateWebhookResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = UpdateWebhookResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = UpdateWebhookResponse403.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = UpdateWebhookResponse404.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = UpdateWebhookResponse409.from_dict(response.json())

        return response_409

    if response.status_code == 411:
        response_411 = UpdateWebhookResponse411.from_dict(response.json())

        return response_411

    if response.status_code == 413:
        response_413 = UpdateWebhookResponse413.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = UpdateWebhookResponse415.from_dict(response.json())

        return response_415

    if response.status_code == 429:
        response_429 = UpdateWebhookResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = UpdateWebhookResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    UpdateWebhookResponse400
    | UpdateWebhookResponse401
    | UpdateWebhookResponse403
    | UpdateWebhookResponse404
    | UpdateWebhookResponse409
    | UpdateWebhookResponse411
    | UpdateWebhookResponse413
    | UpdateWebhookResponse415
    | UpdateWebhookResponse429
    | UpdateWebhookResponse503
    | Webhook
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
    body: PatchedWebhookUpdateRequest | Unset = UNSET,
) -> Response[
    UpdateWebhookResponse400
    | UpdateWebhookResponse401
    | UpdateWebhookResponse403
    | UpdateWebhookResponse404
    | UpdateWebhookResponse409
    | UpdateWebhookResponse411
    | UpdateWebhookResponse413
    | UpdateWebhookResponse415
    | UpdateWebhookResponse429
    | UpdateWebhookResponse503
    | Webhook
]:
    """Update or re-enable a webhook endpoint

     Changes `events`, `description` or `status`. `"status": "enabled"` re-enables an endpoint the system
    disabled (its failure run is forgotten); `disabled` stops deliveries. Events that happened meanwhile
    are listed by `GET /events` and can be redelivered.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        webhook_id (str):
        body (PatchedWebhookUpdateRequest | Unset): The endpoint fields to change; `status:
            enabled` re-enables it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[UpdateWebhookResponse400 | UpdateWebhookResponse401 | UpdateWebhookResponse403 | UpdateWebhookResponse404 | UpdateWebhookResponse409 | UpdateWebhookResponse411 | UpdateWebhookResponse413 | UpdateWebhookResponse415 | UpdateWebhookResponse429 | UpdateWebhookResponse503 | Webhook]
    """

    kwargs = _get_kwargs(
        webhook_id=webhook_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    webhook_id: str,
    *,
    client: AuthenticatedClient,
    body: PatchedWebhookUpdateRequest | Unset = UNSET,
) -> (
    UpdateWebhookResponse400
    | UpdateWebhookResponse401
    | UpdateWebhookResponse403
    | UpdateWebhookResponse404
    | UpdateWebhookResponse409
    | UpdateWebhookResponse411
    | UpdateWebhookResponse413
    | UpdateWebhookResponse415
    | UpdateWebhookResponse429
    | UpdateWebhookResponse503
    | Webhook
    | None
):
    """Update or re-enable a webhook endpoint

     Changes `events`, `description` or `status`. `"status": "enabled"` re-enables an endpoint the system
    disabled (its failure run is forgotten); `disabled` stops deliveries. Events that happened meanwhile
    are listed by `GET /events` and can be redelivered.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        webhook_id (str):
        body (PatchedWebhookUpdateRequest | Unset): The endpoint fields to change; `status:
            enabled` re-enables it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UpdateWebhookResponse400 | UpdateWebhookResponse401 | UpdateWebhookResponse403 | UpdateWebhookResponse404 | UpdateWebhookResponse409 | UpdateWebhookResponse411 | UpdateWebhookResponse413 | UpdateWebhookResponse415 | UpdateWebhookResponse429 | UpdateWebhookResponse503 | Webhook
    """

    return sync_detailed(
        webhook_id=webhook_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    webhook_id: str,
    *,
    client: AuthenticatedClient,
    body: PatchedWebhookUpdateRequest | Unset = UNSET,
) -> Response[
    UpdateWebhookResponse400
    | UpdateWebhookResponse401
    | UpdateWebhookResponse403
    | UpdateWebhookResponse404
    | UpdateWebhookResponse409
    | UpdateWebhookResponse411
    | UpdateWebhookResponse413
    | UpdateWebhookResponse415
    | UpdateWebhookResponse429
    | UpdateWebhookResponse503
    | Webhook
]:
    """Update or re-enable a webhook endpoint

     Changes `events`, `description` or `status`. `"status": "enabled"` re-enables an endpoint the system
    disabled (its failure run is forgotten); `disabled` stops deliveries. Events that happened meanwhile
    are listed by `GET /events` and can be redelivered.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        webhook_id (str):
        body (PatchedWebhookUpdateRequest | Unset): The endpoint fields to change; `status:
            enabled` re-enables it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[UpdateWebhookResponse400 | UpdateWebhookResponse401 | UpdateWebhookResponse403 | UpdateWebhookResponse404 | UpdateWebhookResponse409 | UpdateWebhookResponse411 | UpdateWebhookResponse413 | UpdateWebhookResponse415 | UpdateWebhookResponse429 | UpdateWebhookResponse503 | Webhook]
    """

    kwargs = _get_kwargs(
        webhook_id=webhook_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    webhook_id: str,
    *,
    client: AuthenticatedClient,
    body: PatchedWebhookUpdateRequest | Unset = UNSET,
) -> (
    UpdateWebhookResponse400
    | UpdateWebhookResponse401
    | UpdateWebhookResponse403
    | UpdateWebhookResponse404
    | UpdateWebhookResponse409
    | UpdateWebhookResponse411
    | UpdateWebhookResponse413
    | UpdateWebhookResponse415
    | UpdateWebhookResponse429
    | UpdateWebhookResponse503
    | Webhook
    | None
):
    """Update or re-enable a webhook endpoint

     Changes `events`, `description` or `status`. `"status": "enabled"` re-enables an endpoint the system
    disabled (its failure run is forgotten); `disabled` stops deliveries. Events that happened meanwhile
    are listed by `GET /events` and can be redelivered.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        webhook_id (str):
        body (PatchedWebhookUpdateRequest | Unset): The endpoint fields to change; `status:
            enabled` re-enables it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UpdateWebhookResponse400 | UpdateWebhookResponse401 | UpdateWebhookResponse403 | UpdateWebhookResponse404 | UpdateWebhookResponse409 | UpdateWebhookResponse411 | UpdateWebhookResponse413 | UpdateWebhookResponse415 | UpdateWebhookResponse429 | UpdateWebhookResponse503 | Webhook
    """

    return (
        await asyncio_detailed(
            webhook_id=webhook_id,
            client=client,
            body=body,
        )
    ).parsed
