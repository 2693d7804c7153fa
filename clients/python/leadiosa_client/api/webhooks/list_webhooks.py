from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_webhooks_response_400 import ListWebhooksResponse400
from ...models.list_webhooks_response_401 import ListWebhooksResponse401
from ...models.list_webhooks_response_403 import ListWebhooksResponse403
from ...models.list_webhooks_response_429 import ListWebhooksResponse429
from ...models.list_webhooks_response_503 import ListWebhooksResponse503
from ...models.paginated_webhook_list import PaginatedWebhookList
from ...types import UNSET, Response, Unset


def _get_kwargs(
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
        "url": "/api/v1/webhooks",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ListWebhooksResponse400
    | ListWebhooksResponse401
    | ListWebhooksResponse403
    | ListWebhooksResponse429
    | ListWebhooksResponse503
    | PaginatedWebhookList
    | None
):
    if response.status_code == 200:
        response_200 = PaginatedWebhookList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ListWebhooksResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ListWebhooksResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ListWebhooksResponse403.from_dict(response.json())

        return response_403

    if response.status_code == 429:
        response_429 = ListWebhooksResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = ListWebhooksResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    ListWebhooksResponse400
    | ListWebhooksResponse401
    | ListWebhooksResponse403
    | ListWebhooksResponse429
    | ListWebhooksResponse503
    | PaginatedWebhookList
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
    after: str | Unset = UNSET,
    limit: int | Unset = 25,
) -> Response[
    ListWebhooksResponse400
    | ListWebhooksResponse401
    | ListWebhooksResponse403
    | ListWebhooksResponse429
    | ListWebhooksResponse503
    | PaginatedWebhookList
]:
    """List webhook endpoints

     The workspace's webhook endpoints, newest first. Secrets are never shown here. Paginated with a
    cursor: pass `pagination.next_cursor` as `after` until `has_more` is false.

    **Roles:** `admin`, `owner`.

    Args:
        after (str | Unset):
        limit (int | Unset):  Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListWebhooksResponse400 | ListWebhooksResponse401 | ListWebhooksResponse403 | ListWebhooksResponse429 | ListWebhooksResponse503 | PaginatedWebhookList]
    """

    kwargs = _get_kwargs(
        after=after,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    limit: int | Unset = 25,
) -> (
    ListWebhooksResponse400
    | ListWebhooksResponse401
    | ListWebhooksResponse403
    | ListWebhooksResponse429
    | ListWebhooksResponse503
    | PaginatedWebhookList
    | None
):
    """List webhook endpoints

     The workspace's webhook endpoints, newest first. Secrets are never shown here. Paginated with a
    cursor: pass `pagination.next_cursor` as `after` until `has_more` is false.

    **Roles:** `admin`, `owner`.

    Args:
        after (str | Unset):
        limit (int | Unset):  Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListWebhooksResponse400 | ListWebhooksResponse401 | ListWebhooksResponse403 | ListWebhooksResponse429 | ListWebhooksResponse503 | PaginatedWebhookList
    """

    return sync_detailed(
        client=client,
        after=after,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    limit: int | Unset = 25,
) -> Response[
    ListWebhooksResponse400
    | ListWebhooksResponse401
    | ListWebhooksResponse403
    | ListWebhooksResponse429
    | ListWebhooksResponse503
    | PaginatedWebhookList
]:
    """List webhook endpoints

     The workspace's webhook endpoints, newest first. Secrets are never shown here. Paginated with a
    cursor: pass `pagination.next_cursor` as `after` until `has_more` is false.

    **Roles:** `admin`, `owner`.

    Args:
        after (str | Unset):
        limit (int | Unset):  Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListWebhooksResponse400 | ListWebhooksResponse401 | ListWebhooksResponse403 | ListWebhooksResponse429 | ListWebhooksResponse503 | PaginatedWebhookList]
    """

    kwargs = _get_kwargs(
        after=after,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    limit: int | Unset = 25,
) -> (
    ListWebhooksResponse400
    | ListWebhooksResponse401
    | ListWebhooksResponse403
    | ListWebhooksResponse429
    | ListWebhooksResponse503
    | PaginatedWebhookList
    | None
):
    """List webhook endpoints

     The workspace's webhook endpoints, newest first. Secrets are never shown here. Paginated with a
    cursor: pass `pagination.next_cursor` as `after` until `has_more` is false.

    **Roles:** `admin`, `owner`.

    Args:
        after (str | Unset):
        limit (int | Unset):  Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListWebhooksResponse400 | ListWebhooksResponse401 | ListWebhooksResponse403 | ListWebhooksResponse429 | ListWebhooksResponse503 | PaginatedWebhookList
    """

    return (
        await asyncio_detailed(
            client=client,
            after=after,
            limit=limit,
        )
    ).parsed
