from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_knowledge_articles_ingest_status import (
    ListKnowledgeArticlesIngestStatus,
)
from ...models.list_knowledge_articles_response_400 import (
    ListKnowledgeArticlesResponse400,
)
from ...models.list_knowledge_articles_response_401 import (
    ListKnowledgeArticlesResponse401,
)
from ...models.list_knowledge_articles_response_429 import (
    ListKnowledgeArticlesResponse429,
)
from ...models.list_knowledge_articles_response_503 import (
    ListKnowledgeArticlesResponse503,
)
from ...models.list_knowledge_articles_status import ListKnowledgeArticlesStatus
from ...models.paginated_article_list import PaginatedArticleList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    after: str | Unset = UNSET,
    ingest_status: ListKnowledgeArticlesIngestStatus | Unset = UNSET,
    limit: int | Unset = 25,
    locale: str | Unset = UNSET,
    status: ListKnowledgeArticlesStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["after"] = after

    json_ingest_status: str | Unset = UNSET
    if not isinstance(ingest_status, Unset):
        json_ingest_status = ingest_status.value

    params["ingest_status"] = json_ingest_status

    params["limit"] = limit

    params["locale"] = locale

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/knowledge/articles",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ListKnowledgeArticlesResponse400
    | ListKnowledgeArticlesResponse401
    | ListKnowledgeArticlesResponse429
    | ListKnowledgeArticlesResponse503
    | PaginatedArticleList
    | None
):
    if response.status_code == 200:
        response_200 = PaginatedArticleList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ListKnowledgeArticlesResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ListKnowledgeArticlesResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 429:
        response_429 = ListKnowledgeArticlesResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = ListKnowledgeArticlesResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    ListKnowledgeArticlesResponse400
    | ListKnowledgeArticlesResponse401
    | ListKnowledgeArticlesResponse429
    | ListKnowledgeArticlesResponse503
    | PaginatedArticleList
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
    after: str | Unset = UNSET,
    ingest_status: ListKnowledgeArticlesIngestStatus | Unset = UNSET,
    limit: int | Unset = 25,
    locale: str | Unset = UNSET,
    status: ListKnowledgeArticlesStatus | Unset = UNSET,
) -> Response[
    ListKnowledgeArticlesResponse400
    | ListKnowledgeArticlesResponse401
    | ListKnowledgeArticlesResponse429
    | ListKnowledgeArticlesResponse503
    | PaginatedArticleList
]:
    """List knowledge articles

     The workspace's knowledge-base articles, newest first. Paginated with a cursor: pass
    `pagination.next_cursor` as `after` until `has_more` is false.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        after (str | Unset):
        ingest_status (ListKnowledgeArticlesIngestStatus | Unset):
        limit (int | Unset):  Default: 25.
        locale (str | Unset):
        status (ListKnowledgeArticlesStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListKnowledgeArticlesResponse400 | ListKnowledgeArticlesResponse401 | ListKnowledgeArticlesResponse429 | ListKnowledgeArticlesResponse503 | PaginatedArticleList]
    """

    kwargs = _get_kwargs(
        after=after,
        ingest_status=ingest_status,
        limit=limit,
        locale=locale,
        status=status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    ingest_status: ListKnowledgeArticlesIngestStatus | Unset = UNSET,
    limit: int | Unset = 25,
    locale: str | Unset = UNSET,
    status: ListKnowledgeArticlesStatus | Unset = UNSET,
) -> (
    ListKnowledgeArticlesResponse400
    | ListKnowledgeArticlesResponse401
    | ListKnowledgeArticlesResponse429
    | ListKnowledgeArticlesResponse503
    | PaginatedArticleList
    | None
):
    """List knowledge articles

     The workspace's knowledge-base articles, newest first. Paginated with a cursor: pass
    `pagination.next_cursor` as `after` until `has_more` is false.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        after (str | Unset):
        ingest_status (ListKnowledgeArticlesIngestStatus | Unset):
        limit (int | Unset):  Default: 25.
        locale (str | Unset):
        status (ListKnowledgeArticlesStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListKnowledgeArticlesResponse400 | ListKnowledgeArticlesResponse401 | ListKnowledgeArticlesResponse429 | ListKnowledgeArticlesResponse503 | PaginatedArticleList
    """

    return sync_detailed(
        client=client,
        after=after,
        ingest_status=ingest_status,
        limit=limit,
        locale=locale,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    ingest_status: ListKnowledgeArticlesIngestStatus | Unset = UNSET,
    limit: int | Unset = 25,
    locale: str | Unset = UNSET,
    status: ListKnowledgeArticlesStatus | Unset = UNSET,
) -> Response[
    ListKnowledgeArticlesResponse400
    | ListKnowledgeArticlesResponse401
    | ListKnowledgeArticlesResponse429
    | ListKnowledgeArticlesResponse503
    | PaginatedArticleList
]:
    """List knowledge articles

     The workspace's knowledge-base articles, newest first. Paginated with a cursor: pass
    `pagination.next_cursor` as `after` until `has_more` is false.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        after (str | Unset):
        ingest_status (ListKnowledgeArticlesIngestStatus | Unset):
        limit (int | Unset):  Default: 25.
        locale (str | Unset):
        status (ListKnowledgeArticlesStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListKnowledgeArticlesResponse400 | ListKnowledgeArticlesResponse401 | ListKnowledgeArticlesResponse429 | ListKnowledgeArticlesResponse503 | PaginatedArticleList]
    """

    kwargs = _get_kwargs(
        after=after,
        ingest_status=ingest_status,
        limit=limit,
        locale=locale,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    ingest_status: ListKnowledgeArticlesIngestStatus | Unset = UNSET,
    limit: int | Unset = 25,
    locale: str | Unset = UNSET,
    status: ListKnowledgeArticlesStatus | Unset = UNSET,
) -> (
    ListKnowledgeArticlesResponse400
    | ListKnowledgeArticlesResponse401
    | ListKnowledgeArticlesResponse429
    | ListKnowledgeArticlesResponse503
    | PaginatedArticleList
    | None
):
    """List knowledge articles

     The workspace's knowledge-base articles, newest first. Paginated with a cursor: pass
    `pagination.next_cursor` as `after` until `has_more` is false.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        after (str | Unset):
        ingest_status (ListKnowledgeArticlesIngestStatus | Unset):
        limit (int | Unset):  Default: 25.
        locale (str | Unset):
        status (ListKnowledgeArticlesStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListKnowledgeArticlesResponse400 | ListKnowledgeArticlesResponse401 | ListKnowledgeArticlesResponse429 | ListKnowledgeArticlesResponse503 | PaginatedArticleList
    """

    return (
        await asyncio_detailed(
            client=client,
            after=after,
            ingest_status=ingest_status,
            limit=limit,
            locale=locale,
            status=status,
        )
    ).parsed
