from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.chunk_list import ChunkList
from ...models.list_knowledge_article_chunks_response_400 import (
    ListKnowledgeArticleChunksResponse400,
)
from ...models.list_knowledge_article_chunks_response_401 import (
    ListKnowledgeArticleChunksResponse401,
)
from ...models.list_knowledge_article_chunks_response_404 import (
    ListKnowledgeArticleChunksResponse404,
)
from ...models.list_knowledge_article_chunks_response_429 import (
    ListKnowledgeArticleChunksResponse429,
)
from ...models.list_knowledge_article_chunks_response_503 import (
    ListKnowledgeArticleChunksResponse503,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    article_id: str,
    *,
    after: str | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["after"] = after

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/knowledge/articles/{article_id}/chunks".format(
            article_id=quote(str(article_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ChunkList
    | ListKnowledgeArticleChunksResponse400
    | ListKnowledgeArticleChunksResponse401
    | ListKnowledgeArticleChunksResponse404
    | ListKnowledgeArticleChunksResponse429
    | ListKnowledgeArticleChunksResponse503
    | None
):
    if response.status_code == 200:
        response_200 = ChunkList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ListKnowledgeArticleChunksResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ListKnowledgeArticleChunksResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ListKnowledgeArticleChunksResponse404.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = ListKnowledgeArticleChunksResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = ListKnowledgeArticleChunksResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    ChunkList
    | ListKnowledgeArticleChunksResponse400
    | ListKnowledgeArticleChunksResponse401
    | ListKnowledgeArticleChunksResponse404
    | ListKnowledgeArticleChunksResponse429
    | ListKnowledgeArticleChunksResponse503
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
    after: str | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Response[
    ChunkList
    | ListKnowledgeArticleChunksResponse400
    | ListKnowledgeArticleChunksResponse401
    | ListKnowledgeArticleChunksResponse404
    | ListKnowledgeArticleChunksResponse429
    | ListKnowledgeArticleChunksResponse503
]:
    """List an article's chunks

     The indexed chunks of the article in order (by `position`). Paginated with a cursor: pass
    `pagination.next_cursor` as `after` until `has_more` is false.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        article_id (str):
        after (str | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChunkList | ListKnowledgeArticleChunksResponse400 | ListKnowledgeArticleChunksResponse401 | ListKnowledgeArticleChunksResponse404 | ListKnowledgeArticleChunksResponse429 | ListKnowledgeArticleChunksResponse503]
    """

    kwargs = _get_kwargs(
        article_id=article_id,
        after=after,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    article_id: str,
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> (
    ChunkList
    | ListKnowledgeArticleChunksResponse400
    | ListKnowledgeArticleChunksResponse401
    | ListKnowledgeArticleChunksResponse404
    | ListKnowledgeArticleChunksResponse429
    | ListKnowledgeArticleChunksResponse503
    | None
):
    """List an article's chunks

     The indexed chunks of the article in order (by `position`). Paginated with a cursor: pass
    `pagination.next_cursor` as `after` until `has_more` is false.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        article_id (str):
        after (str | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChunkList | ListKnowledgeArticleChunksResponse400 | ListKnowledgeArticleChunksResponse401 | ListKnowledgeArticleChunksResponse404 | ListKnowledgeArticleChunksResponse429 | ListKnowledgeArticleChunksResponse503
    """

    return sync_detailed(
        article_id=article_id,
        client=client,
        after=after,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    article_id: str,
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> Response[
    ChunkList
    | ListKnowledgeArticleChunksResponse400
    | ListKnowledgeArticleChunksResponse401
    | ListKnowledgeArticleChunksResponse404
    | ListKnowledgeArticleChunksResponse429
    | ListKnowledgeArticleChunksResponse503
]:
    """List an article's chunks

     The indexed chunks of the article in order (by `position`). Paginated with a cursor: pass
    `pagination.next_cursor` as `after` until `has_more` is false.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        article_id (str):
        after (str | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChunkList | ListKnowledgeArticleChunksResponse400 | ListKnowledgeArticleChunksResponse401 | ListKnowledgeArticleChunksResponse404 | ListKnowledgeArticleChunksResponse429 | ListKnowledgeArticleChunksResponse503]
    """

    kwargs = _get_kwargs(
        article_id=article_id,
        after=after,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    article_id: str,
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    limit: int | Unset = UNSET,
) -> (
    ChunkList
    | ListKnowledgeArticleChunksResponse400
    | ListKnowledgeArticleChunksResponse401
    | ListKnowledgeArticleChunksResponse404
    | ListKnowledgeArticleChunksResponse429
    | ListKnowledgeArticleChunksResponse503
    | None
):
    """List an article's chunks

     The indexed chunks of the article in order (by `position`). Paginated with a cursor: pass
    `pagination.next_cursor` as `after` until `has_more` is false.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        article_id (str):
        after (str | Unset):
        limit (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChunkList | ListKnowledgeArticleChunksResponse400 | ListKnowledgeArticleChunksResponse401 | ListKnowledgeArticleChunksResponse404 | ListKnowledgeArticleChunksResponse429 | ListKnowledgeArticleChunksResponse503
    """

    return (
        await asyncio_detailed(
            article_id=article_id,
            client=client,
            after=after,
            limit=limit,
        )
    ).parsed
