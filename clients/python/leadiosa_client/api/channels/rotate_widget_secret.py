from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.rotate_widget_secret_response_400 import RotateWidgetSecretResponse400
from ...models.rotate_widget_secret_response_401 import RotateWidgetSecretResponse401
from ...models.rotate_widget_secret_response_403 import RotateWidgetSecretResponse403
from ...models.rotate_widget_secret_response_409 import RotateWidgetSecretResponse409
from ...models.rotate_widget_secret_response_422 import RotateWidgetSecretResponse422
from ...models.rotate_widget_secret_response_429 import RotateWidgetSecretResponse429
from ...models.rotate_widget_secret_response_503 import RotateWidgetSecretResponse503
from ...models.widget_with_secret import WidgetWithSecret
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/widget/rotate-secret",
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    RotateWidgetSecretResponse400
    | RotateWidgetSecretResponse401
    | RotateWidgetSecretResponse403
    | RotateWidgetSecretResponse409
    | RotateWidgetSecretResponse422
    | RotateWidgetSecretResponse429
    | RotateWidgetSecretResponse503
    | WidgetWithSecret
    | None
):
    if response.status_code == 200:
        response_200 = WidgetWithSecret.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = RotateWidgetSecretResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = RotateWidgetSecretResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = RotateWidgetSecretResponse403.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = RotateWidgetSecretResponse409.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = RotateWidgetSecretResponse422.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = RotateWidgetSecretResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = RotateWidgetSecretResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    RotateWidgetSecretResponse400
    | RotateWidgetSecretResponse401
    | RotateWidgetSecretResponse403
    | RotateWidgetSecretResponse409
    | RotateWidgetSecretResponse422
    | RotateWidgetSecretResponse429
    | RotateWidgetSecretResponse503
    | WidgetWithSecret
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
    idempotency_key: str | Unset = UNSET,
) -> Response[
    RotateWidgetSecretResponse400
    | RotateWidgetSecretResponse401
    | RotateWidgetSecretResponse403
    | RotateWidgetSecretResponse409
    | RotateWidgetSecretResponse422
    | RotateWidgetSecretResponse429
    | RotateWidgetSecretResponse503
    | WidgetWithSecret
]:
    """Rotate the widget's identity secret

     A new identity-verification secret, shown once (the first call creates it). Your server signs
    `user_hash` = hex HMAC-SHA256 of the user id (else the e-mail) with it, and the snippet passes
    `data-user-id`/`data-user-email`/`data-user-hash`; only a verified visitor is attached to the
    matching contact. The previous secret stops verifying at once. Emits `widget.secret_rotated`.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[RotateWidgetSecretResponse400 | RotateWidgetSecretResponse401 | RotateWidgetSecretResponse403 | RotateWidgetSecretResponse409 | RotateWidgetSecretResponse422 | RotateWidgetSecretResponse429 | RotateWidgetSecretResponse503 | WidgetWithSecret]
    """

    kwargs = _get_kwargs(
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> (
    RotateWidgetSecretResponse400
    | RotateWidgetSecretResponse401
    | RotateWidgetSecretResponse403
    | RotateWidgetSecretResponse409
    | RotateWidgetSecretResponse422
    | RotateWidgetSecretResponse429
    | RotateWidgetSecretResponse503
    | WidgetWithSecret
    | None
):
    """Rotate the widget's identity secret

     A new identity-verification secret, shown once (the first call creates it). Your server signs
    `user_hash` = hex HMAC-SHA256 of the user id (else the e-mail) with it, and the snippet passes
    `data-user-id`/`data-user-email`/`data-user-hash`; only a verified visitor is attached to the
    matching contact. The previous secret stops verifying at once. Emits `widget.secret_rotated`.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RotateWidgetSecretResponse400 | RotateWidgetSecretResponse401 | RotateWidgetSecretResponse403 | RotateWidgetSecretResponse409 | RotateWidgetSecretResponse422 | RotateWidgetSecretResponse429 | RotateWidgetSecretResponse503 | WidgetWithSecret
    """

    return sync_detailed(
        client=client,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> Response[
    RotateWidgetSecretResponse400
    | RotateWidgetSecretResponse401
    | RotateWidgetSecretResponse403
    | RotateWidgetSecretResponse409
    | RotateWidgetSecretResponse422
    | RotateWidgetSecretResponse429
    | RotateWidgetSecretResponse503
    | WidgetWithSecret
]:
    """Rotate the widget's identity secret

     A new identity-verification secret, shown once (the first call creates it). Your server signs
    `user_hash` = hex HMAC-SHA256 of the user id (else the e-mail) with it, and the snippet passes
    `data-user-id`/`data-user-email`/`data-user-hash`; only a verified visitor is attached to the
    matching contact. The previous secret stops verifying at once. Emits `widget.secret_rotated`.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[RotateWidgetSecretResponse400 | RotateWidgetSecretResponse401 | RotateWidgetSecretResponse403 | RotateWidgetSecretResponse409 | RotateWidgetSecretResponse422 | RotateWidgetSecretResponse429 | RotateWidgetSecretResponse503 | WidgetWithSecret]
    """

    kwargs = _get_kwargs(
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> (
    RotateWidgetSecretResponse400
    | RotateWidgetSecretResponse401
    | RotateWidgetSecretResponse403
    | RotateWidgetSecretResponse409
    | RotateWidgetSecretResponse422
    | RotateWidgetSecretResponse429
    | RotateWidgetSecretResponse503
    | WidgetWithSecret
    | None
):
    """Rotate the widget's identity secret

     A new identity-verification secret, shown once (the first call creates it). Your server signs
    `user_hash` = hex HMAC-SHA256 of the user id (else the e-mail) with it, and the snippet passes
    `data-user-id`/`data-user-email`/`data-user-hash`; only a verified visitor is attached to the
    matching contact. The previous secret stops verifying at once. Emits `widget.secret_rotated`.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RotateWidgetSecretResponse400 | RotateWidgetSecretResponse401 | RotateWidgetSecretResponse403 | RotateWidgetSecretResponse409 | RotateWidgetSecretResponse422 | RotateWidgetSecretResponse429 | RotateWidgetSecretResponse503 | WidgetWithSecret
    """

    return (
        await asyncio_detailed(
            client=client,
            idempotency_key=idempotency_key,
        )
    ).parsed
