from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.article import Article
from ...models.patched_article_update_request import PatchedArticleUpdateRequest
from ...models.update_knowledge_article_response_400 import (
    UpdateKnowledgeArticleResponse400,
)
from ...models.update_knowledge_article_response_401 import (
    UpdateKnowledgeArticleResponse401,
)
from ...models.update_knowledge_article_response_403 import (
    UpdateKnowledgeArticleResponse403,
)
from ...models.update_knowledge_article_response_404 import (
    UpdateKnowledgeArticleResponse404,
)
from ...models.update_knowledge_article_response_409 import (
    UpdateKnowledgeArticleResponse409,
)
from ...models.update_knowledge_article_response_411 import (
    UpdateKnowledgeArticleResponse411,
)
from ...models.update_knowledge_article_response_413 import (
    UpdateKnowledgeArticleResponse413,
)
from ...models.update_knowledge_article_response_415 import (
    UpdateKnowledgeArticleResponse415,
)
from ...models.update_knowledge_article_response_429 import (
    UpdateKnowledgeArticleResponse429,
)
from ...models.update_knowledge_article_response_503 import (
    UpdateKnowledgeArticleResponse503,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    article_id: str,
    *,
    body: PatchedArticleUpdateRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/knowledge/articles/{article_id}".format(
            article_id=quote(str(article_id), safe=""),
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
    Article
    | UpdateKnowledgeArticleResponse400
    | UpdateKnowledgeArticleResponse401
    | UpdateKnowledgeArticleResponse403
    | UpdateKnowledgeArticleResponse404
    | UpdateKnowledgeArticleResponse409
    | UpdateKnowledgeArticleResponse411
    | UpdateKnowledgeArticleResponse413
    | UpdateKnowledgeArticleResponse415
    | UpdateKnowledgeArticleResponse429
    | UpdateKnowledgeArticleResponse503
    | None
):
    if response.status_code == 200:
        response_200 = Article.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = UpdateKnowledgeArticleResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = UpdateKnowledgeArticleResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = UpdateKnowledgeArticleResponse403.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = UpdateKnowledgeArticleResponse404.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = UpdateKnowledgeArticleResponse409.from_dict(response.json())

        return response_409

    if response.status_code == 411:
        response_411 = UpdateKnowledgeArticleResponse411.from_dict(response.json())

        return response_411

    if response.status_code == 413:
        response_413 = UpdateKnowledgeArticleResponse413.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = UpdateKnowledgeArticleResponse415.from_dict(response.json())

        return response_415

    if response.status_code == 429:
        response_429 = UpdateKnowledgeArticleResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = UpdateKnowledgeArticleResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    Article
    | UpdateKnowledgeArticleResponse400
    | UpdateKnowledgeArticleResponse401
    | UpdateKnowledgeArticleResponse403
    | UpdateKnowledgeArticleResponse404
    | UpdateKnowledgeArticleResponse409
    | UpdateKnowledgeArticleResponse411
    | UpdateKnowledgeArticleResponse413
    | UpdateKnowledgeArticleResponse415
    | UpdateKnowledgeArticleResponse429
    | UpdateKnowledgeArticleResponse503
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    article_id: str,
    *,
    client: AuthenticatedClient,
    body: PatchedArticleUpdateRequest | Unset = UNSET,
) -> Response[
    Article
    | UpdateKnowledgeArticleResponse400
    | UpdateKnowledgeArticleResponse401
    | UpdateKnowledgeArticleResponse403
    | UpdateKnowledgeArticleResponse404
    | UpdateKnowledgeArticleResponse409
    | UpdateKnowledgeArticleResponse411
    | UpdateKnowledgeArticleResponse413
    | UpdateKnowledgeArticleResponse415
    | UpdateKnowledgeArticleResponse429
    | UpdateKnowledgeArticleResponse503
]:
    """Update a knowledge article

     Changes the fields given. A new `title` or `body` queues ingestion again; the chunks are replaced
    atomically when it finishes.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        article_id (str):
        body (PatchedArticleUpdateRequest | Unset): The article fields to change; a new title or
            body queues ingestion.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Article | UpdateKnowledgeArticleResponse400 | UpdateKnowledgeArticleResponse401 | UpdateKnowledgeArticleResponse403 | UpdateKnowledgeArticleResponse404 | UpdateKnowledgeArticleResponse409 | UpdateKnowledgeArticleResponse411 | UpdateKnowledgeArticleResponse413 | UpdateKnowledgeArticleResponse415 | UpdateKnowledgeArticleResponse429 | UpdateKnowledgeArticleResponse503]
    """

    kwargs = _get_kwargs(
        article_id=article_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    article_id: str,
    *,
    client: AuthenticatedClient,
    body: PatchedArticleUpdateRequest | Unset = UNSET,
) -> (
    Article
    | UpdateKnowledgeArticleResponse400
    | UpdateKnowledgeArticleResponse401
    | UpdateKnowledgeArticleResponse403
    | UpdateKnowledgeArticleResponse404
    | UpdateKnowledgeArticleResponse409
    | UpdateKnowledgeArticleResponse411
    | UpdateKnowledgeArticleResponse413
    | UpdateKnowledgeArticleResponse415
    | UpdateKnowledgeArticleResponse429
    | UpdateKnowledgeArticleResponse503
    | None
):
    """Update a knowledge article

     Changes the fields given. A new `title` or `body` queues ingestion again; the chunks are replaced
    atomically when it finishes.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        article_id (str):
        body (PatchedArticleUpdateRequest | Unset): The article fields to change; a new title or
            body queues ingestion.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Article | UpdateKnowledgeArticleResponse400 | UpdateKnowledgeArticleResponse401 | UpdateKnowledgeArticleResponse403 | UpdateKnowledgeArticleResponse404 | UpdateKnowledgeArticleResponse409 | UpdateKnowledgeArticleResponse411 | UpdateKnowledgeArticleResponse413 | UpdateKnowledgeArticleResponse415 | UpdateKnowledgeArticleResponse429 | UpdateKnowledgeArticleResponse503
    """

    return sync_detailed(
        article_id=article_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    article_id: str,
    *,
    client: AuthenticatedClient,
    body: PatchedArticleUpdateRequest | Unset = UNSET,
) -> Response[
    Article
    | UpdateKnowledgeArticleResponse400
    | UpdateKnowledgeArticleResponse401
    | UpdateKnowledgeArticleResponse403
    | UpdateKnowledgeArticleResponse404
    | UpdateKnowledgeArticleResponse409
    | UpdateKnowledgeArticleResponse411
    | UpdateKnowledgeArticleResponse413
    | UpdateKnowledgeArticleResponse415
    | UpdateKnowledgeArticleResponse429
    | UpdateKnowledgeArticleResponse503
]:
    """Update a knowledge article

     Changes the fields given. A new `title` or `body` queues ingestion again; the chunks are replaced
    atomically when it finishes.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        article_id (str):
        body (PatchedArticleUpdateRequest | Unset): The article fields to change; a new title or
            body queues ingestion.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Article | UpdateKnowledgeArticleResponse400 | UpdateKnowledgeArticleResponse401 | UpdateKnowledgeArticleResponse403 | UpdateKnowledgeArticleResponse404 | UpdateKnowledgeArticleResponse409 | UpdateKnowledgeArticleResponse411 | UpdateKnowledgeArticleResponse413 | UpdateKnowledgeArticleResponse415 | UpdateKnowledgeArticleResponse429 | UpdateKnowledgeArticleResponse503]
    """

    kwargs = _get_kwargs(
        article_id=article_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    article_id: str,
    *,
    client: AuthenticatedClient,
    body: PatchedArticleUpdateRequest | Unset = UNSET,
) -> (
    Article
    | UpdateKnowledgeArticleResponse400
    | UpdateKnowledgeArticleResponse401
    | UpdateKnowledgeArticleResponse403
    | UpdateKnowledgeArticleResponse404
    | UpdateKnowledgeArticleResponse409
    | UpdateKnowledgeArticleResponse411
    | UpdateKnowledgeArticleResponse413
    | UpdateKnowledgeArticleResponse415
    | UpdateKnowledgeArticleResponse429
    | UpdateKnowledgeArticleResponse503
    | None
):
    """Update a knowledge article

     Changes the fields given. A new `title` or `body` queues ingestion again; the chunks are replaced
    atomically when it finishes.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        article_id (str):
        body (PatchedArticleUpdateRequest | Unset): The article fields to change; a new title or
            body queues ingestion.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Article | UpdateKnowledgeArticleResponse400 | UpdateKnowledgeArticleResponse401 | UpdateKnowledgeArticleResponse403 | UpdateKnowledgeArticleResponse404 | UpdateKnowledgeArticleResponse409 | UpdateKnowledgeArticleResponse411 | UpdateKnowledgeArticleResponse413 | UpdateKnowledgeArticleResponse415 | UpdateKnowledgeArticleResponse429 | UpdateKnowledgeArticleResponse503
    """

    return (
        await asyncio_detailed(
            article_id=article_id,
            client=client,
            body=body,
        )
    ).parsed
