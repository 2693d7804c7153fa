from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.delete_knowledge_article_response_400 import (
    DeleteKnowledgeArticleResponse400,
)
from ...models.delete_knowledge_article_response_401 import (
    DeleteKnowledgeArticleResponse401,
)
from ...models.delete_knowledge_article_response_403 import (
    DeleteKnowledgeArticleResponse403,
)
from ...models.delete_knowledge_article_response_404 import (
    DeleteKnowledgeArticleResponse404,
)
from ...models.delete_knowledge_article_response_409 import (
    DeleteKnowledgeArticleResponse409,
)
from ...models.delete_knowledge_article_response_429 import (
    DeleteKnowledgeArticleResponse429,
)
from ...models.delete_knowledge_article_response_503 import (
    DeleteKnowledgeArticleResponse503,
)
from ...types import Response


def _get_kwargs(
    article_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/api/v1/knowledge/articles/{article_id}".format(
            article_id=quote(str(article_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    Any
    | DeleteKnowledgeArticleResponse400
    | DeleteKnowledgeArticleResponse401
    | DeleteKnowledgeArticleResponse403
    | DeleteKnowledgeArticleResponse404
    | DeleteKnowledgeArticleResponse409
    | DeleteKnowledgeArticleResponse429
    | DeleteKnowledgeArticleResponse503
    | None
):
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

    if response.status_code == 400:
        response_400 = DeleteKnowledgeArticleResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = DeleteKnowledgeArticleResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = DeleteKnowledgeArticleResponse403.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = DeleteKnowledgeArticleResponse404.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = DeleteKnowledgeArticleResponse409.from_dict(response.json())

        return response_409

    if response.status_code == 429:
        response_429 = DeleteKnowledgeArticleResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = DeleteKnowledgeArticleResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    Any
    | DeleteKnowledgeArticleResponse400
    | DeleteKnowledgeArticleResponse401
    | DeleteKnowledgeArticleResponse403
    | DeleteKnowledgeArticleResponse404
    | DeleteKnowledgeArticleResponse409
    | DeleteKnowledgeArticleResponse429
    | DeleteKnowledgeArticleResponse503
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
    Any
    | DeleteKnowledgeArticleResponse400
    | DeleteKnowledgeArticleResponse401
    | DeleteKnowledgeArticleResponse403
    | DeleteKnowledgeArticleResponse404
    | DeleteKnowledgeArticleResponse409
    | DeleteKnowledgeArticleResponse429
    | DeleteKnowledgeArticleResponse503
]:
    """Delete a knowledge article

     Deletes the article and its chunks. Emits `knowledge.article.deleted`.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        article_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | DeleteKnowledgeArticleResponse400 | DeleteKnowledgeArticleResponse401 | DeleteKnowledgeArticleResponse403 | DeleteKnowledgeArticleResponse404 | DeleteKnowledgeArticleResponse409 | DeleteKnowledgeArticleResponse429 | DeleteKnowledgeArticleResponse503]
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
    Any
    | DeleteKnowledgeArticleResponse400
    | DeleteKnowledgeArticleResponse401
    | DeleteKnowledgeArticleResponse403
    | DeleteKnowledgeArticleResponse404
    | DeleteKnowledgeArticleResponse409
    | DeleteKnowledgeArticleResponse429
    | DeleteKnowledgeArticleResponse503
    | None
):
    """Delete a knowledge article

     Deletes the article and its chunks. Emits `knowledge.article.deleted`.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        article_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | DeleteKnowledgeArticleResponse400 | DeleteKnowledgeArticleResponse401 | DeleteKnowledgeArticleResponse403 | DeleteKnowledgeArticleResponse404 | DeleteKnowledgeArticleResponse409 | DeleteKnowledgeArticleResponse429 | DeleteKnowledgeArticleResponse503
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
    Any
    | DeleteKnowledgeArticleResponse400
    | DeleteKnowledgeArticleResponse401
    | DeleteKnowledgeArticleResponse403
    | DeleteKnowledgeArticleResponse404
    | DeleteKnowledgeArticleResponse409
    | DeleteKnowledgeArticleResponse429
    | DeleteKnowledgeArticleResponse503
]:
    """Delete a knowledge article

     Deletes the article and its chunks. Emits `knowledge.article.deleted`.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        article_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | DeleteKnowledgeArticleResponse400 | DeleteKnowledgeArticleResponse401 | DeleteKnowledgeArticleResponse403 | DeleteKnowledgeArticleResponse404 | DeleteKnowledgeArticleResponse409 | DeleteKnowledgeArticleResponse429 | DeleteKnowledgeArticleResponse503]
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
    Any
    | DeleteKnowledgeArticleResponse400
    | DeleteKnowledgeArticleResponse401
    | DeleteKnowledgeArticleResponse403
    | DeleteKnowledgeArticleResponse404
    | DeleteKnowledgeArticleResponse409
    | DeleteKnowledgeArticleResponse429
    | DeleteKnowledgeArticleResponse503
    | None
):
    """Delete a knowledge article

     Deletes the article and its chunks. Emits `knowledge.article.deleted`.

    **Roles:** `admin`, `owner` with the `read_write` scope.

    Args:
        article_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | DeleteKnowledgeArticleResponse400 | DeleteKnowledgeArticleResponse401 | DeleteKnowledgeArticleResponse403 | DeleteKnowledgeArticleResponse404 | DeleteKnowledgeArticleResponse409 | DeleteKnowledgeArticleResponse429 | DeleteKnowledgeArticleResponse503
    """

    return (
        await asyncio_detailed(
            article_id=article_id,
            client=client,
        )
    ).parsed
