from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.article import Article
from ...models.get_knowledge_article_response_400 import GetKnowledgeArticleResponse400
from ...models.get_knowledge_article_response_401 import GetKnowledgeArticleResponse401
from ...models.get_knowledge_article_response_404 import GetKnowledgeArticleResponse404
from ...models.get_knowledge_article_response_429 import GetKnowledgeArticleResponse429
from ...models.get_knowledge_article_response_503 import GetKnowledgeArticleResponse503
from ...types import Response


def _get_kwargs(
    article_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/knowledge/articles/{article_id}".format(
            article_id=quote(str(article_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    Article
    | GetKnowledgeArticleResponse400
    | GetKnowledgeArticleResponse401
    | GetKnowledgeArticleResponse404
    | GetKnowledgeArticleResponse429
    | GetKnowledgeArticleResponse503
    | None
):
    if response.status_code == 200:
        response_200 = Article.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = GetKnowledgeArticleResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = GetKnowledgeArticleResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = GetKnowledgeArticleResponse404.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = GetKnowledgeArticleResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = GetKnowledgeArticleResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    Article
    | GetKnowledgeArticleResponse400
    | GetKnowledgeArticleResponse401
    | GetKnowledgeArticleResponse404
    | GetKnowledgeArticleResponse429
    | GetKnowledgeArticleResponse503
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
) -> Response[
    Article
    | GetKnowledgeArticleResponse400
    | GetKnowledgeArticleResponse401
    | GetKnowledgeArticleResponse404
    | GetKnowledgeArticleResponse429
    | GetKnowledgeArticleResponse503
]:
    """Retrieve a knowledge article

     One article, with its ingestion state and chunk count.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        article_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Article | GetKnowledgeArticleResponse400 | GetKnowledgeArticleResponse401 | GetKnowledgeArticleResponse404 | GetKnowledgeArticleResponse429 | GetKnowledgeArticleResponse503]
    """

    kwargs = _get_kwargs(
        article_id=article_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    article_id: str,
    *,
    client: AuthenticatedClient,
) -> (
    Article
    | GetKnowledgeArticleResponse400
    | GetKnowledgeArticleResponse401
    | GetKnowledgeArticleResponse404
    | GetKnowledgeArticleResponse429
    | GetKnowledgeArticleResponse503
    | None
):
    """Retrieve a knowledge article

     One article, with its ingestion state and chunk count.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        article_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Article | GetKnowledgeArticleResponse400 | GetKnowledgeArticleResponse401 | GetKnowledgeArticleResponse404 | GetKnowledgeArticleResponse429 | GetKnowledgeArticleResponse503
    """

    return sync_detailed(
        article_id=article_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    article_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[
    Article
    | GetKnowledgeArticleResponse400
    | GetKnowledgeArticleResponse401
    | GetKnowledgeArticleResponse404
    | GetKnowledgeArticleResponse429
    | GetKnowledgeArticleResponse503
]:
    """Retrieve a knowledge article

     One article, with its ingestion state and chunk count.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        article_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Article | GetKnowledgeArticleResponse400 | GetKnowledgeArticleResponse401 | GetKnowledgeArticleResponse404 | GetKnowledgeArticleResponse429 | GetKnowledgeArticleResponse503]
    """

    kwargs = _get_kwargs(
        article_id=article_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    article_id: str,
    *,
    client: AuthenticatedClient,
) -> (
    Article
    | GetKnowledgeArticleResponse400
    | GetKnowledgeArticleResponse401
    | GetKnowledgeArticleResponse404
    | GetKnowledgeArticleResponse429
    | GetKnowledgeArticleResponse503
    | None
):
    """Retrieve a knowledge article

     One article, with its ingestion state and chunk count.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        article_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Article | GetKnowledgeArticleResponse400 | GetKnowledgeArticleResponse401 | GetKnowledgeArticleResponse404 | GetKnowledgeArticleResponse429 | GetKnowledgeArticleResponse503
    """

    return (
        await asyncio_detailed(
            article_id=article_id,
            client=client,
        )
    ).parsed
