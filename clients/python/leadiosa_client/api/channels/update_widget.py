from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.patched_widget_update_request import PatchedWidgetUpdateRequest
from ...models.update_widget_response_400 import UpdateWidgetResponse400
from ...models.update_widget_response_401 import UpdateWidgetResponse401
from ...models.update_widget_response_403 import UpdateWidgetResponse403
from ...models.update_widget_response_409 import UpdateWidgetResponse409
from ...models.update_widget_response_411 import UpdateWidgetResponse411
from ...models.update_widget_response_413 import UpdateWidgetResponse413
from ...models.update_widget_response_415 import UpdateWidgetResponse415
from ...models.update_widget_response_429 import UpdateWidgetResponse429
from ...models.update_widget_response_503 import UpdateWidgetResponse503
from ...models.widget import Widget
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: PatchedWidgetUpdateRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/widget",
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    UpdateWidgetResponse400
    | UpdateWidgetResponse401
    | UpdateWidgetResponse403
    | UpdateWidgetResponse409
    | UpdateWidgetResponse411
    | UpdateWidgetResponse413
    | UpdateWidgetResponse415
    | UpdateWidgetResponse429
    | UpdateWidgetResponse503
    | Widget
    | None
):
    if response.status_code == 200:
        response_200 = Widget.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = UpdateWidgetResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = UpdateWidgetResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = UpdateWidgetResponse403.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = UpdateWidgetResponse409.from_dict(response.json())

        return response_409

    if response.status_code == 411:
        response_411 = UpdateWidgetResponse411.from_dict(response.json())

        return response_411

    if response.status_code == 413:
        response_413 = UpdateWidgetResponse413.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = UpdateWidgetResponse415.from_dict(response.json())

        return response_415

    if response.status_code == 429:
        response_429 = UpdateWidgetResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = UpdateWidgetResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    UpdateWidgetResponse400
    | UpdateWidgetResponse401
    | UpdateWidgetResponse403
    | UpdateWidgetResponse409
    | UpdateWidgetResponse411
    | UpdateWidgetResponse413
    | UpdateWidgetResponse415
    | UpdateWidgetResponse429
    | UpdateWidgetResponse503
    | Widget
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
    body: PatchedWidgetUpdateRequest | Unset = UNSET,
) -> Response[
    UpdateWidgetResponse400
    | UpdateWidgetResponse401
    | UpdateWidgetResponse403
    | UpdateWidgetResponse409
    | UpdateWidgetResponse411
    | UpdateWidgetResponse413
    | UpdateWidgetResponse415
    | UpdateWidgetResponse429
    | UpdateWidgetResponse503
    | Widget
]:
    """Update the chat widget settings

     Changes the fields given: `allowed_origins` (https origins that may embed the widget), `greeting`,
    `color`.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        body (PatchedWidgetUpdateRequest | Unset): A PatchedWidgetUpdateRequest object.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[UpdateWidgetResponse400 | UpdateWidgetResponse401 | UpdateWidgetResponse403 | UpdateWidgetResponse409 | UpdateWidgetResponse411 | UpdateWidgetResponse413 | UpdateWidgetResponse415 | UpdateWidgetResponse429 | UpdateWidgetResponse503 | Widget]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: PatchedWidgetUpdateRequest | Unset = UNSET,
) -> (
    UpdateWidgetResponse400
    | UpdateWidgetResponse401
    | UpdateWidgetResponse403
    | UpdateWidgetResponse409
    | UpdateWidgetResponse411
    | UpdateWidgetResponse413
    | UpdateWidgetResponse415
    | UpdateWidgetResponse429
    | UpdateWidgetResponse503
    | Widget
    | None
):
    """Update the chat widget settings

     Changes the fields given: `allowed_origins` (https origins that may embed the widget), `greeting`,
    `color`.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        body (PatchedWidgetUpdateRequest | Unset): A PatchedWidgetUpdateRequest object.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UpdateWidgetResponse400 | UpdateWidgetResponse401 | UpdateWidgetResponse403 | UpdateWidgetResponse409 | UpdateWidgetResponse411 | UpdateWidgetResponse413 | UpdateWidgetResponse415 | UpdateWidgetResponse429 | UpdateWidgetResponse503 | Widget
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: PatchedWidgetUpdateRequest | Unset = UNSET,
) -> Response[
    UpdateWidgetResponse400
    | UpdateWidgetResponse401
    | UpdateWidgetResponse403
    | UpdateWidgetResponse409
    | UpdateWidgetResponse411
    | UpdateWidgetResponse413
    | UpdateWidgetResponse415
    | UpdateWidgetResponse429
    | UpdateWidgetResponse503
    | Widget
]:
    """Update the chat widget settings

     Changes the fields given: `allowed_origins` (https origins that may embed the widget), `greeting`,
    `color`.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        body (PatchedWidgetUpdateRequest | Unset): A PatchedWidgetUpdateRequest object.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[UpdateWidgetResponse400 | UpdateWidgetResponse401 | UpdateWidgetResponse403 | UpdateWidgetResponse409 | UpdateWidgetResponse411 | UpdateWidgetResponse413 | UpdateWidgetResponse415 | UpdateWidgetResponse429 | UpdateWidgetResponse503 | Widget]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: PatchedWidgetUpdateRequest | Unset = UNSET,
) -> (
    UpdateWidgetResponse400
    | UpdateWidgetResponse401
    | UpdateWidgetResponse403
    | UpdateWidgetResponse409
    | UpdateWidgetResponse411
    | UpdateWidgetResponse413
    | UpdateWidgetResponse415
    | UpdateWidgetResponse429
    | UpdateWidgetResponse503
    | Widget
    | None
):
    """Update the chat widget settings

     Changes the fields given: `allowed_origins` (https origins that may embed the widget), `greeting`,
    `color`.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        body (PatchedWidgetUpdateRequest | Unset): A PatchedWidgetUpdateRequest object.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UpdateWidgetResponse400 | UpdateWidgetResponse401 | UpdateWidgetResponse403 | UpdateWidgetResponse409 | UpdateWidgetResponse411 | UpdateWidgetResponse413 | UpdateWidgetResponse415 | UpdateWidgetResponse429 | UpdateWidgetResponse503 | Widget
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
