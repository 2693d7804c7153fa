from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_webhook_deliveries_response_400 import (
    ListWebhookDeliveriesResponse400,
)
from ...models.list_webhook_deliveries_response_401 import (
    ListWebhookDeliveriesResponse401,
)
from ...models.list_webhook_deliveries_response_403 import (
    ListWebhookDeliveriesResponse403,
)
from ...models.list_webhook_deliveries_response_404 import (
    ListWebhookDeliveriesResponse404,
)
from ...models.list_webhook_deliveries_response_429 import (
    ListWebhookDeliveriesResponse429,
)
from ...models.list_webhook_deliveries_response_503 import (
    ListWebhookDeliveriesResponse503,
)
from ...models.paginated_webhook_delivery_list import PaginatedWebhookDeliveryList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    webhook_id: str,
    *,
    after: str | Unset = UNSET,
    limit: int | Unset = 25,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["after"] = after

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/webhooks/{webhook_id}/deliveries".format(
            webhook_id=quote(str(webhook_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ListWebhookDeliveriesResponse400
    | ListWebhookDeliveriesResponse401
    | ListWebhookDeliveriesResponse403
    | ListWebhookDeliveriesResponse404
    | ListWebhookDeliveriesResponse429
    | ListWebhookDeliveriesResponse503
    | PaginatedWebhookDeliveryList
    | None
):
    if response.status_code == 200:
        response_200 = PaginatedWebhookDeliveryList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ListWebhookDeliveriesResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ListWebhookDeliveriesResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ListWebhookDeliveriesResponse403.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ListWebhookDeliveriesResponse404.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = ListWebhookDeliveriesResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = ListWebhookDeliveriesResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    ListWebhookDeliveriesResponse400
    | ListWebhookDeliveriesResponse401
    | ListWebhookDeliveriesResponse403
    | ListWebhookDeliveriesResponse404
    | ListWebhookDeliveriesResponse429
    | ListWebhookDeliveriesResponse503
    | PaginatedWebhookDeliveryList
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
    after: str | Unset = UNSET,
    limit: int | Unset = 25,
) -> Response[
    ListWebhookDeliveriesResponse400
    | ListWebhookDeliveriesResponse401
    | ListWebhookDeliveriesResponse403
    | ListWebhookDeliveriesResponse404
    | ListWebhookDeliveriesResponse429
    | ListWebhookDeliveriesResponse503
    | PaginatedWebhookDeliveryList
]:
    """List an endpoint's deliveries

     The delivery log of one endpoint, newest first: each event's status, attempts, last response status
    and next retry. Paginated with a cursor: pass `pagination.next_cursor` as `after` until `has_more`
    is false.

    **Roles:** `admin`, `owner`.

    Args:
        webhook_id (str):
        after (str | Unset):
        limit (int | Unset):  Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListWebhookDeliveriesResponse400 | ListWebhookDeliveriesResponse401 | ListWebhookDeliveriesResponse403 | ListWebhookDeliveriesResponse404 | ListWebhookDeliveriesResponse429 | ListWebhookDeliveriesResponse503 | PaginatedWebhookDeliveryList]
    """

    kwargs = _get_kwargs(
        webhook_id=webhook_id,
        after=after,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    webhook_id: str,
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    limit: int | Unset = 25,
) -> (
    ListWebhookDeliveriesResponse400
    | ListWebhookDeliveriesResponse401
    | ListWebhookDeliveriesResponse403
    | ListWebhookDeliveriesResponse404
    | ListWebhookDeliveriesResponse429
    | ListWebhookDeliveriesResponse503
    | PaginatedWebhookDeliveryList
    | None
):
    """List an endpoint's deliveries

     The delivery log of one endpoint, newest first: each event's status, attempts, last response status
    and next retry. Paginated with a cursor: pass `pagination.next_cursor` as `after` until `has_more`
    is false.

    **Roles:** `admin`, `owner`.

    Args:
        webhook_id (str):
        after (str | Unset):
        limit (int | Unset):  Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListWebhookDeliveriesResponse400 | ListWebhookDeliveriesResponse401 | ListWebhookDeliveriesResponse403 | ListWebhookDeliveriesResponse404 | ListWebhookDeliveriesResponse429 | ListWebhookDeliveriesResponse503 | PaginatedWebhookDeliveryList
    """

    return sync_detailed(
        webhook_id=webhook_id,
        client=client,
        after=after,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    webhook_id: str,
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    limit: int | Unset = 25,
) -> Response[
    ListWebhookDeliveriesResponse400
    | ListWebhookDeliveriesResponse401
    | ListWebhookDeliveriesResponse403
    | ListWebhookDeliveriesResponse404
    | ListWebhookDeliveriesResponse429
    | ListWebhookDeliveriesResponse503
    | PaginatedWebhookDeliveryList
]:
    """List an endpoint's deliveries

     The delivery log of one endpoint, newest first: each event's status, attempts, last response status
    and next retry. Paginated with a cursor: pass `pagination.next_cursor` as `after` until `has_more`
    is false.

    **Roles:** `admin`, `owner`.

    Args:
        webhook_id (str):
        after (str | Unset):
        limit (int | Unset):  Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListWebhookDeliveriesResponse400 | ListWebhookDeliveriesResponse401 | ListWebhookDeliveriesResponse403 | ListWebhookDeliveriesResponse404 | ListWebhookDeliveriesResponse429 | ListWebhookDeliveriesResponse503 | PaginatedWebhookDeliveryList]
    """

    kwargs = _get_kwargs(
        webhook_id=webhook_id,
        after=after,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    webhook_id: str,
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    limit: int | Unset = 25,
) -> (
    ListWebhookDeliveriesResponse400
    | ListWebhookDeliveriesResponse401
    | ListWebhookDeliveriesResponse403
    | ListWebhookDeliveriesResponse404
    | ListWebhookDeliveriesResponse429
    | ListWebhookDeliveriesResponse503
    | PaginatedWebhookDeliveryList
    | None
):
    """List an endpoint's deliveries

     The delivery log of one endpoint, newest first: each event's status, attempts, last response status
    and next retry. Paginated with a cursor: pass `pagination.next_cursor` as `after` until `has_more`
    is false.

    **Roles:** `admin`, `owner`.

    Args:
        webhook_id (str):
        after (str | Unset):
        limit (int | Unset):  Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListWebhookDeliveriesResponse400 | ListWebhookDeliveriesResponse401 | ListWebhookDeliveriesResponse403 | ListWebhookDeliveriesResponse404 | ListWebhookDeliveriesResponse429 | ListWebhookDeliveriesResponse503 | PaginatedWebhookDeliveryList
    """

    return (
        await asyncio_detailed(
            webhook_id=webhook_id,
            client=client,
            after=after,
            limit=limit,
        )
    ).parsed
