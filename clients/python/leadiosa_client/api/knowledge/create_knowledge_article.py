from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.article import Article
from ...models.article_create_request import ArticleCreateRequest
from ...models.create_knowledge_article_response_400 import (
    CreateKnowledgeArticleResponse400,
)
from ...models.create_knowledge_article_response_401 import (
    CreateKnowledgeArticleResponse401,
)
from ...models.create_knowledge_article_response_403 import (
    CreateKnowledgeArticleResponse403,
)
from ...models.create_knowledge_article_response_409 import (
    CreateKnowledgeArticleResponse409,
)
from ...models.create_knowledge_article_response_411 import (
    CreateKnowledgeArticleResponse411,
)
from ...models.create_knowledge_article_response_413 import (
    CreateKnowledgeArticleResponse413,
)
from ...models.create_knowledge_article_response_415 import (
    CreateKnowledgeArticleResponse415,
)
from ...models.create_knowledge_article_response_422 import (
    CreateKnowledgeArticleResponse422,
)
from ...models.create_knowledge_article_response_429 import (
    CreateKnowledgeArticleResponse429,
)
from ...models.create_knowledge_article_response_503 import (
    CreateKnowledgeArticleResponse503,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: ArticleCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/knowledge/articles",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    Article
    | CreateKnowledgeArticleResponse400
    | CreateKnowledgeArticleResponse401
    | CreateKnowledgeArticleResponse403
    | CreateKnowledgeArticleResponse409
    | CreateKnowledgeArticleResponse411
    | CreateKnowledgeArticleResponse413
    | CreateKnowledgeArticleResponse415
    | CreateKnowledgeArticleResponse422
    | CreateKnowledgeArticleResponse429
    | CreateKnowledgeArticleResponse503
    | None
):
    if response.status_code == 201:
        response_201 = Article.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = CreateKnowledgeArticleResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = CreateKnowledgeArticleResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = CreateKnowledgeArticleResponse403.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = CreateKnowledgeArticleResponse409.from_dict(response.json())

        return response_409

    if response.status_code == 411:
        response_411 = CreateKnowledgeArticleResponse411.from_dict(response.json())

        return response_411

    if response.status_code == 413:
        response_413 = CreateKnowledgeArticleResponse413.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = CreateKnowledgeArticleResponse415.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = CreateKnowledgeArticleResponse422.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = CreateKnowledgeArticleResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = CreateKnowledgeArticleResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    Article
    | CreateKnowledgeArticleResponse400
    | CreateKnowledgeArticleResponse401
    | CreateKnowledgeArticleResponse403
    | CreateKnowledgeArticleResponse409
    | CreateKnowledgeArticleResponse411
    | CreateKnowledgeArticleResponse413
    | CreateKnowledgeArticleResponse415
    | CreateKnowledgeArticleResponse422
    | CreateKnowledgeArticleResponse429
    | CreateKnowledgeArticleResponse503
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
    body: ArticleCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[
    Article
    | CreateKnowledgeArticleResponse400
    | CreateKnowledgeArticleResponse401
    | CreateKnowledgeArticleResponse403
    | CreateKnowledgeArticleResponse409
    | CreateKnowledgeArticleResponse411
    | CreateKnowledgeArticleResponse413
    | CreateKnowledgeArticleResponse415
    | CreateKnowledgeArticleResponse422
    | CreateKnowledgeArticleResponse429
    | CreateKnowledgeArticleResponse503
]:
    """Create a knowledge article

     Creates an article and queues its ingestion (chunking and indexing): `ingest_status` is `pending`
    until `knowledge.article.ingested`. Only `published` articles are searched and used by the
    assistant.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        idempotency_key (str | Unset):
        body (ArticleCreateRequest): A new article: Markdown or plain text. `locale` defaults to
            `en`, `status` to `published`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Article | CreateKnowledgeArticleResponse400 | CreateKnowledgeArticleResponse401 | CreateKnowledgeArticleResponse403 | CreateKnowledgeArticleResponse409 | CreateKnowledgeArticleResponse411 | CreateKnowledgeArticleResponse413 | CreateKnowledgeArticleResponse415 | CreateKnowledgeArticleResponse422 | CreateKnowledgeArticleResponse429 | CreateKnowledgeArticleResponse503]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: ArticleCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> (
    Article
    | CreateKnowledgeArticleResponse400
    | CreateKnowledgeArticleResponse401
    | CreateKnowledgeArticleResponse403
    | CreateKnowledgeArticleResponse409
    | CreateKnowledgeArticleResponse411
    | CreateKnowledgeArticleResponse413
    | CreateKnowledgeArticleResponse415
    | CreateKnowledgeArticleResponse422
    | CreateKnowledgeArticleResponse429
    | CreateKnowledgeArticleResponse503
    | None
):
    """Create a knowledge article

     Creates an article and queues its ingestion (chunking and indexing): `ingest_status` is `pending`
    until `knowledge.article.ingested`. Only `published` articles are searched and used by the
    assistant.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        idempotency_key (str | Unset):
        body (ArticleCreateRequest): A new article: Markdown or plain text. `locale` defaults to
            `en`, `status` to `published`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Article | CreateKnowledgeArticleResponse400 | CreateKnowledgeArticleResponse401 | CreateKnowledgeArticleResponse403 | CreateKnowledgeArticleResponse409 | CreateKnowledgeArticleResponse411 | CreateKnowledgeArticleResponse413 | CreateKnowledgeArticleResponse415 | CreateKnowledgeArticleResponse422 | CreateKnowledgeArticleResponse429 | CreateKnowledgeArticleResponse503
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ArticleCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[
    Article
    | CreateKnowledgeArticleResponse400
    | CreateKnowledgeArticleResponse401
    | CreateKnowledgeArticleResponse403
    | CreateKnowledgeArticleResponse409
    | CreateKnowledgeArticleResponse411
    | CreateKnowledgeArticleResponse413
    | CreateKnowledgeArticleResponse415
    | CreateKnowledgeArticleResponse422
    | CreateKnowledgeArticleResponse429
    | CreateKnowledgeArticleResponse503
]:
    """Create a knowledge article

     Creates an article and queues its ingestion (chunking and indexing): `ingest_status` is `pending`
    until `knowledge.article.ingested`. Only `published` articles are searched and used by the
    assistant.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        idempotency_key (str | Unset):
        body (ArticleCreateRequest): A new article: Markdown or plain text. `locale` defaults to
            `en`, `status` to `published`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Article | CreateKnowledgeArticleResponse400 | CreateKnowledgeArticleResponse401 | CreateKnowledgeArticleResponse403 | CreateKnowledgeArticleResponse409 | CreateKnowledgeArticleResponse411 | CreateKnowledgeArticleResponse413 | CreateKnowledgeArticleResponse415 | CreateKnowledgeArticleResponse422 | CreateKnowledgeArticleResponse429 | CreateKnowledgeArticleResponse503]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ArticleCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> (
    Article
    | CreateKnowledgeArticleResponse400
    | CreateKnowledgeArticleResponse401
    | CreateKnowledgeArticleResponse403
    | CreateKnowledgeArticleResponse409
    | CreateKnowledgeArticleResponse411
    | CreateKnowledgeArticleResponse413
    | CreateKnowledgeArticleResponse415
    | CreateKnowledgeArticleResponse422
    | CreateKnowledgeArticleResponse429
    | CreateKnowledgeArticleResponse503
    | None
):
    """Create a knowledge article

     Creates an article and queues its ingestion (chunking and indexing): `ingest_status` is `pending`
    until `knowledge.article.ingested`. Only `published` articles are searched and used by the
    assistant.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        idempotency_key (str | Unset):
        body (ArticleCreateRequest): A new article: Markdown or plain text. `locale` defaults to
            `en`, `status` to `published`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Article | CreateKnowledgeArticleResponse400 | CreateKnowledgeArticleResponse401 | CreateKnowledgeArticleResponse403 | CreateKnowledgeArticleResponse409 | CreateKnowledgeArticleResponse411 | CreateKnowledgeArticleResponse413 | CreateKnowledgeArticleResponse415 | CreateKnowledgeArticleResponse422 | CreateKnowledgeArticleResponse429 | CreateKnowledgeArticleResponse503
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
