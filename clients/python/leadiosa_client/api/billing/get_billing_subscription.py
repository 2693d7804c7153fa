from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_billing_subscription_response_400 import (
    GetBillingSubscriptionResponse400,
)
from ...models.get_billing_subscription_response_401 import (
    GetBillingSubscriptionResponse401,
)
from ...models.get_billing_subscription_response_403 import (
    GetBillingSubscriptionResponse403,
)
from ...models.get_billing_subscription_response_429 import (
    GetBillingSubscriptionResponse429,
)
from ...models.get_billing_subscription_response_503 import (
    GetBillingSubscriptionResponse503,
)
from ...models.subscription import Subscription
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/billing/subscription",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    GetBillingSubscriptionResponse400
    | GetBillingSubscriptionResponse401
    | GetBillingSubscriptionResponse403
    | GetBillingSubscriptionResponse429
    | GetBillingSubscriptionResponse503
    | Subscription
    | None
):
    if response.status_code == 200:
        response_200 = Subscription.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = GetBillingSubscriptionResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = GetBillingSubscriptionResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = GetBillingSubscriptionResponse403.from_dict(response.json())

        return response_403

    if response.status_code == 429:
        response_429 = GetBillingSubscriptionResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = GetBillingSubscriptionResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    GetBillingSubscriptionResponse400
    | GetBillingSubscriptionResponse401
    | GetBillingSubscriptionResponse403
    | GetBillingSubscriptionResponse429
    | GetBillingSubscriptionResponse503
    | Subscription
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
) -> Response[
    GetBillingSubscriptionResponse400
    | GetBillingSubscriptionResponse401
    | GetBillingSubscriptionResponse403
    | GetBillingSubscriptionResponse429
    | GetBillingSubscriptionResponse503
    | Subscription
]:
    """Retrieve the subscription

     The workspace's plan, billing period, rate limit and AI token usage for the current period.

    **Roles:** `admin`, `owner`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetBillingSubscriptionResponse400 | GetBillingSubscriptionResponse401 | GetBillingSubscriptionResponse403 | GetBillingSubscriptionResponse429 | GetBillingSubscriptionResponse503 | Subscription]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> (
    GetBillingSubscriptionResponse400
    | GetBillingSubscriptionResponse401
    | GetBillingSubscriptionResponse403
    | GetBillingSubscriptionResponse429
    | GetBillingSubscriptionResponse503
    | Subscription
    | None
):
    """Retrieve the subscription

     The workspace's plan, billing period, rate limit and AI token usage for the current period.

    **Roles:** `admin`, `owner`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetBillingSubscriptionResponse400 | GetBillingSubscriptionResponse401 | GetBillingSubscriptionResponse403 | GetBillingSubscriptionResponse429 | GetBillingSubscriptionResponse503 | Subscription
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[
    GetBillingSubscriptionResponse400
    | GetBillingSubscriptionResponse401
    | GetBillingSubscriptionResponse403
    | GetBillingSubscriptionResponse429
    | GetBillingSubscriptionResponse503
    | Subscription
]:
    """Retrieve the subscription

     The workspace's plan, billing period, rate limit and AI token usage for the current period.

    **Roles:** `admin`, `owner`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetBillingSubscriptionResponse400 | GetBillingSubscriptionResponse401 | GetBillingSubscriptionResponse403 | GetBillingSubscriptionResponse429 | GetBillingSubscriptionResponse503 | Subscription]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> (
    GetBillingSubscriptionResponse400
    | GetBillingSubscriptionResponse401
    | GetBillingSubscriptionResponse403
    | GetBillingSubscriptionResponse429
    | GetBillingSubscriptionResponse503
    | Subscription
    | None
):
    """Retrieve the subscription

     The workspace's plan, billing period, rate limit and AI token usage for the current period.

    **Roles:** `admin`, `owner`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetBillingSubscriptionResponse400 | GetBillingSubscriptionResponse401 | GetBillingSubscriptionResponse403 | GetBillingSubscriptionResponse429 | GetBillingSubscriptionResponse503 | Subscription
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
