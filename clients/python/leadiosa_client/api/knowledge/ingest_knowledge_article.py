from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.article import Article
from ...models.ingest_knowledge_article_response_400 import (
    IngestKnowledgeArticleResponse400,
)
from ...models.ingest_knowledge_article_response_401 import (
    IngestKnowledgeArticleResponse401,
)
from ...models.ingest_knowledge_article_response_403 import (
    IngestKnowledgeArticleResponse403,
)
from ...models.ingest_knowledge_article_response_404 import (
    IngestKnowledgeArticleResponse404,
)
from ...models.ingest_knowledge_article_response_409 import (
    IngestKnowledgeArticleResponse409,
)
from ...models.ingest_knowledge_article_response_422 import (
    IngestKnowledgeArticleResponse422,
)
from ...models.ingest_knowledge_article_response_429 import (
    IngestKnowledgeArticleResponse429,
)
from ...models.ingest_knowledge_article_response_503 import (
    IngestKnowledgeArticleResponse503,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    article_id: str,
    *,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/knowledge/articles/{article_id}/ingest".format(
            article_id=quote(str(article_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    Article
    | IngestKnowledgeArticleResponse400
    | IngestKnowledgeArticleResponse401
    | IngestKnowledgeArticleResponse403
    | IngestKnowledgeArticleResponse404
    | IngestKnowledgeArticleResponse409
    | IngestKnowledgeArticleResponse422
    | IngestKnowledgeArticleResponse429
    | IngestKnowledgeArticleResponse503
    | None
):
    if response.status_code == 202:
        response_202 = Article.from_dict(response.json())

        return response_202

    if response.status_code == 400:
        response_400 = IngestKnowledgeArticleResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = IngestKnowledgeArticleResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = IngestKnowledgeArticleResponse403.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = IngestKnowledgeArticleResponse404.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = IngestKnowledgeArticleResponse409.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = IngestKnowledgeArticleResponse422.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = IngestKnowledgeArticleResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = IngestKnowledgeArticleResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    Article
    | IngestKnowledgeArticleResponse400
    | IngestKnowledgeArticleResponse401
    | IngestKnowledgeArticleResponse403
    | IngestKnowledgeArticleResponse404
    | IngestKnowledgeArticleResponse409
    | IngestKnowledgeArticleResponse422
    | IngestKnowledgeArticleResponse429
    | IngestKnowledgeArticleResponse503
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
    idempotency_key: str | Unset = UNSET,
) -> Response[
    Article
    | IngestKnowledgeArticleResponse400
    | IngestKnowledgeArticleResponse401
    | IngestKnowledgeArticleResponse403
    | IngestKnowledgeArticleResponse404
    | IngestKnowledgeArticleResponse409
    | IngestKnowledgeArticleResponse422
    | IngestKnowledgeArticleResponse429
    | IngestKnowledgeArticleResponse503
]:
    """Ingest an article again

     Queues the article's ingestion again (for example after a failure or a change of the embedding
    provider). `ingest_status` is `pending` until `knowledge.article.ingested`.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        article_id (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Article | IngestKnowledgeArticleResponse400 | IngestKnowledgeArticleResponse401 | IngestKnowledgeArticleResponse403 | IngestKnowledgeArticleResponse404 | IngestKnowledgeArticleResponse409 | IngestKnowledgeArticleResponse422 | IngestKnowledgeArticleResponse429 | IngestKnowledgeArticleResponse503]
    """

    kwargs = _get_kwargs(
        article_id=article_id,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    article_id: str,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> (
    Article
    | IngestKnowledgeArticleResponse400
    | IngestKnowledgeArticleResponse401
    | IngestKnowledgeArticleResponse403
    | IngestKnowledgeArticleResponse404
    | IngestKnowledgeArticleResponse409
    | IngestKnowledgeArticleResponse422
    | IngestKnowledgeArticleResponse429
    | IngestKnowledgeArticleResponse503
    | None
):
    """Ingest an article again

     Queues the article's ingestion again (for example after a failure or a change of the embedding
    provider). `ingest_status` is `pending` until `knowledge.article.ingested`.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        article_id (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Article | IngestKnowledgeArticleResponse400 | IngestKnowledgeArticleResponse401 | IngestKnowledgeArticleResponse403 | IngestKnowledgeArticleResponse404 | IngestKnowledgeArticleResponse409 | IngestKnowledgeArticleResponse422 | IngestKnowledgeArticleResponse429 | IngestKnowledgeArticleResponse503
    """

    return sync_detailed(
        article_id=article_id,
        client=client,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    article_id: str,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> Response[
    Article
    | IngestKnowledgeArticleResponse400
    | IngestKnowledgeArticleResponse401
    | IngestKnowledgeArticleResponse403
    | IngestKnowledgeArticleResponse404
    | IngestKnowledgeArticleResponse409
    | IngestKnowledgeArticleResponse422
    | IngestKnowledgeArticleResponse429
    | IngestKnowledgeArticleResponse503
]:
    """Ingest an article again

     Queues the article's ingestion again (for example after a failure or a change of the embedding
    provider). `ingest_status` is `pending` until `knowledge.article.ingested`.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        article_id (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Article | IngestKnowledgeArticleResponse400 | IngestKnowledgeArticleResponse401 | IngestKnowledgeArticleResponse403 | IngestKnowledgeArticleResponse404 | IngestKnowledgeArticleResponse409 | IngestKnowledgeArticleResponse422 | IngestKnowledgeArticleResponse429 | IngestKnowledgeArticleResponse503]
    """

    kwargs = _get_kwargs(
        article_id=article_id,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    article_id: str,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> (
    Article
    | IngestKnowledgeArticleResponse400
    | IngestKnowledgeArticleResponse401
    | IngestKnowledgeArticleResponse403
    | IngestKnowledgeArticleResponse404
    | IngestKnowledgeArticleResponse409
    | IngestKnowledgeArticleResponse422
    | IngestKnowledgeArticleResponse429
    | IngestKnowledgeArticleResponse503
    | None
):
    """Ingest an article again

     Queues the article's ingestion again (for example after a failure or a change of the embedding
    provider). `ingest_status` is `pending` until `knowledge.article.ingested`.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        article_id (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Article | IngestKnowledgeArticleResponse400 | IngestKnowledgeArticleResponse401 | IngestKnowledgeArticleResponse403 | IngestKnowledgeArticleResponse404 | IngestKnowledgeArticleResponse409 | IngestKnowledgeArticleResponse422 | IngestKnowledgeArticleResponse429 | IngestKnowledgeArticleResponse503
    """

    return (
        await asyncio_detailed(
            article_id=article_id,
            client=client,
            idempotency_key=idempotency_key,
        )
    ).parsed
