from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.email_channel import EmailChannel
from ...models.get_email_channel_response_400 import GetEmailChannelResponse400
from ...models.get_email_channel_response_401 import GetEmailChannelResponse401
from ...models.get_email_channel_response_403 import GetEmailChannelResponse403
from ...models.get_email_channel_response_429 import GetEmailChannelResponse429
from ...models.get_email_channel_response_503 import GetEmailChannelResponse503
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/email",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    EmailChannel
    | GetEmailChannelResponse400
    | GetEmailChannelResponse401
    | GetEmailChannelResponse403
    | GetEmailChannelResponse429
    | GetEmailChannelResponse503
    | None
):
    if response.status_code == 200:
        response_200 = EmailChannel.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = GetEmailChannelResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = GetEmailChannelResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = GetEmailChannelResponse403.from_dict(response.json())

        return response_403

    if response.status_code == 429:
        response_429 = GetEmailChannelResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = GetEmailChannelResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    EmailChannel
    | GetEmailChannelResponse400
    | GetEmailChannelResponse401
    | GetEmailChannelResponse403
    | GetEmailChannelResponse429
    | GetEmailChannelResponse503
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
    EmailChannel
    | GetEmailChannelResponse400
    | GetEmailChannelResponse401
    | GetEmailChannelResponse403
    | GetEmailChannelResponse429
    | GetEmailChannelResponse503
]:
    """Retrieve the e-mail channel

     The workspace's inbound e-mail address (messages sent to it start or continue conversations with
    `channel: email`) and the secret inbound URL a mail provider posts raw RFC 5322 messages to. Treat
    the URL as a credential.

    **Roles:** `admin`, `owner`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EmailChannel | GetEmailChannelResponse400 | GetEmailChannelResponse401 | GetEmailChannelResponse403 | GetEmailChannelResponse429 | GetEmailChannelResponse503]
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
    EmailChannel
    | GetEmailChannelResponse400
    | GetEmailChannelResponse401
    | GetEmailChannelResponse403
    | GetEmailChannelResponse429
    | GetEmailChannelResponse503
    | None
):
    """Retrieve the e-mail channel

     The workspace's inbound e-mail address (messages sent to it start or continue conversations with
    `channel: email`) and the secret inbound URL a mail provider posts raw RFC 5322 messages to. Treat
    the URL as a credential.

    **Roles:** `admin`, `owner`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EmailChannel | GetEmailChannelResponse400 | GetEmailChannelResponse401 | GetEmailChannelResponse403 | GetEmailChannelResponse429 | GetEmailChannelResponse503
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[
    EmailChannel
    | GetEmailChannelResponse400
    | GetEmailChannelResponse401
    | GetEmailChannelResponse403
    | GetEmailChannelResponse429
    | GetEmailChannelResponse503
]:
    """Retrieve the e-mail channel

     The workspace's inbound e-mail address (messages sent to it start or continue conversations with
    `channel: email`) and the secret inbound URL a mail provider posts raw RFC 5322 messages to. Treat
    the URL as a credential.

    **Roles:** `admin`, `owner`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EmailChannel | GetEmailChannelResponse400 | GetEmailChannelResponse401 | GetEmailChannelResponse403 | GetEmailChannelResponse429 | GetEmailChannelResponse503]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> (
    EmailChannel
    | GetEmailChannelResponse400
    | GetEmailChannelResponse401
    | GetEmailChannelResponse403
    | GetEmailChannelResponse429
    | GetEmailChannelResponse503
    | None
):
    """Retrieve the e-mail channel

     The workspace's inbound e-mail address (messages sent to it start or continue conversations with
    `channel: email`) and the secret inbound URL a mail provider posts raw RFC 5322 messages to. Treat
    the URL as a credential.

    **Roles:** `admin`, `owner`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EmailChannel | GetEmailChannelResponse400 | GetEmailChannelResponse401 | GetEmailChannelResponse403 | GetEmailChannelResponse429 | GetEmailChannelResponse503
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
