from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.knowledge_search_results import KnowledgeSearchResults
from ...models.search_knowledge_response_400 import SearchKnowledgeResponse400
from ...models.search_knowledge_response_401 import SearchKnowledgeResponse401
from ...models.search_knowledge_response_429 import SearchKnowledgeResponse429
from ...models.search_knowledge_response_503 import SearchKnowledgeResponse503
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = UNSET,
    locale: str | Unset = UNSET,
    q: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["locale"] = locale

    params["q"] = q

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/knowledge/search",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    KnowledgeSearchResults
    | SearchKnowledgeResponse400
    | SearchKnowledgeResponse401
    | SearchKnowledgeResponse429
    | SearchKnowledgeResponse503
    | None
):
    if response.status_code == 200:
        response_200 = KnowledgeSearchResults.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = SearchKnowledgeResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = SearchKnowledgeResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 429:
        response_429 = SearchKnowledgeResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = SearchKnowledgeResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    KnowledgeSearchResults
    | SearchKnowledgeResponse400
    | SearchKnowledgeResponse401
    | SearchKnowledgeResponse429
    | SearchKnowledgeResponse503
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
    limit: int | Unset = UNSET,
    locale: str | Unset = UNSET,
    q: str,
) -> Response[
    KnowledgeSearchResults
    | SearchKnowledgeResponse400
    | SearchKnowledgeResponse401
    | SearchKnowledgeResponse429
    | SearchKnowledgeResponse503
]:
    """Search the knowledge base

     Chunks of published articles ranked by relevance to `q` (full text, fused with vector similarity
    when embeddings are configured), each with its `score` and its article's id and title.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        limit (int | Unset):
        locale (str | Unset):
        q (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[KnowledgeSearchResults | SearchKnowledgeResponse400 | SearchKnowledgeResponse401 | SearchKnowledgeResponse429 | SearchKnowledgeResponse503]
    """

    kwargs = _get_kwargs(
        limit=limit,
        locale=locale,
        q=q,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    locale: str | Unset = UNSET,
    q: str,
) -> (
    KnowledgeSearchResults
    | SearchKnowledgeResponse400
    | SearchKnowledgeResponse401
    | SearchKnowledgeResponse429
    | SearchKnowledgeResponse503
    | None
):
    """Search the knowledge base

     Chunks of published articles ranked by relevance to `q` (full text, fused with vector similarity
    when embeddings are configured), each with its `score` and its article's id and title.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        limit (int | Unset):
        locale (str | Unset):
        q (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        KnowledgeSearchResults | SearchKnowledgeResponse400 | SearchKnowledgeResponse401 | SearchKnowledgeResponse429 | SearchKnowledgeResponse503
    """

    return sync_detailed(
        client=client,
        limit=limit,
        locale=locale,
        q=q,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    locale: str | Unset = UNSET,
    q: str,
) -> Response[
    KnowledgeSearchResults
    | SearchKnowledgeResponse400
    | SearchKnowledgeResponse401
    | SearchKnowledgeResponse429
    | SearchKnowledgeResponse503
]:
    """Search the knowledge base

     Chunks of published articles ranked by relevance to `q` (full text, fused with vector similarity
    when embeddings are configured), each with its `score` and its article's id and title.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        limit (int | Unset):
        locale (str | Unset):
        q (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[KnowledgeSearchResults | SearchKnowledgeResponse400 | SearchKnowledgeResponse401 | SearchKnowledgeResponse429 | SearchKnowledgeResponse503]
    """

    kwargs = _get_kwargs(
        limit=limit,
        locale=locale,
        q=q,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    locale: str | Unset = UNSET,
    q: str,
) -> (
    KnowledgeSearchResults
    | SearchKnowledgeResponse400
    | SearchKnowledgeResponse401
    | SearchKnowledgeResponse429
    | SearchKnowledgeResponse503
    | None
):
    """Search the knowledge base

     Chunks of published articles ranked by relevance to `q` (full text, fused with vector similarity
    when embeddings are configured), each with its `score` and its article's id and title.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        limit (int | Unset):
        locale (str | Unset):
        q (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        KnowledgeSearchResults | SearchKnowledgeResponse400 | SearchKnowledgeResponse401 | SearchKnowledgeResponse429 | SearchKnowledgeResponse503
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            locale=locale,
            q=q,
        )
    ).parsed
