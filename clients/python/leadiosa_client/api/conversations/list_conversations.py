import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_conversations_handled_by import ListConversationsHandledBy
from ...models.list_conversations_priority_item import ListConversationsPriorityItem
from ...models.list_conversations_response_400 import ListConversationsResponse400
from ...models.list_conversations_response_401 import ListConversationsResponse401
from ...models.list_conversations_response_429 import ListConversationsResponse429
from ...models.list_conversations_response_503 import ListConversationsResponse503
from ...models.list_conversations_sort import ListConversationsSort
from ...models.list_conversations_status_item import ListConversationsStatusItem
from ...models.paginated_conversation_list import PaginatedConversationList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    after: str | Unset = UNSET,
    assignee_id: str | Unset = UNSET,
    contact_id: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    handled_by: ListConversationsHandledBy | Unset = UNSET,
    limit: int | Unset = 25,
    priority: list[ListConversationsPriorityItem] | Unset = UNSET,
    status: list[ListConversationsStatusItem] | Unset = UNSET,
    tag: str | Unset = UNSET,
    updated_after: datetime.datetime | Unset = UNSET,
    updated_before: datetime.datetime | Unset = UNSET,
    sort: ListConversationsSort | Unset = ListConversationsSort.VALUE_0,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["after"] = after

    params["assignee_id"] = assignee_id

    params["contact_id"] = contact_id

    json_created_after: str | Unset = UNSET
    if not isinstance(created_after, Unset):
        json_created_after = created_after.isoformat()
    params["created_after"] = json_created_after

    json_created_before: str | Unset = UNSET
    if not isinstance(created_before, Unset):
        json_created_before = created_before.isoformat()
    params["created_before"] = json_created_before

    json_handled_by: str | Unset = UNSET
    if not isinstance(handled_by, Unset):
        json_handled_by = handled_by.value

    params["handled_by"] = json_handled_by

    params["limit"] = limit

    json_priority: list[str] | Unset = UNSET
    if not isinstance(priority, Unset):
        json_priority = []
        for priority_item_data in priority:
            priority_item = priority_item_data.value
            json_priority.append(priority_item)

    params["priority"] = json_priority

    json_status: list[str] | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = []
        for status_item_data in status:
            status_item = status_item_data.value
            json_status.append(status_item)

    params["status"] = json_status

    params["tag"] = tag

    json_updated_after: str | Unset = UNSET
    if not isinstance(updated_after, Unset):
        json_updated_after = updated_after.isoformat()
    params["updated_after"] = json_updated_after

    json_updated_before: str | Unset = UNSET
    if not isinstance(updated_before, Unset):
        json_updated_before = updated_before.isoformat()
    params["updated_before"] = json_updated_before

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort.value

    params["sort"] = json_sort

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/conversations",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ListConversationsResponse400
    | ListConversationsResponse401
    | ListConversationsResponse429
    | ListConversationsResponse503
    | PaginatedConversationList
    | None
):
    if response.status_code == 200:
        response_200 = PaginatedConversationList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ListConversationsResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ListConversationsResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 429:
        response_429 = ListConversationsResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = ListConversationsResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    ListConversationsResponse400
    | ListConversationsResponse401
    | ListConversationsResponse429
    | ListConversationsResponse503
    | PaginatedConversationList
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
    assignee_id: str | Unset = UNSET,
    contact_id: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    handled_by: ListConversationsHandledBy | Unset = UNSET,
    limit: int | Unset = 25,
    priority: list[ListConversationsPriorityItem] | Unset = UNSET,
    status: list[ListConversationsStatusItem] | Unset = UNSET,
    tag: str | Unset = UNSET,
    updated_after: datetime.datetime | Unset = UNSET,
    updated_before: datetime.datetime | Unset = UNSET,
    sort: ListConversationsSort | Unset = ListConversationsSort.VALUE_0,
) -> Response[
    ListConversationsResponse400
    | ListConversationsResponse401
    | ListConversationsResponse429
    | ListConversationsResponse503
    | PaginatedConversationList
]:
    """List conversations

     The workspace's conversations, newest first (by `created_at`, then `id`), filtered by the parameters
    given (all of them must match). Paginated with a cursor: pass `pagination.next_cursor` as `after`
    until `has_more` is false.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        after (str | Unset):
        assignee_id (str | Unset):
        contact_id (str | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        handled_by (ListConversationsHandledBy | Unset):
        limit (int | Unset):  Default: 25.
        priority (list[ListConversationsPriorityItem] | Unset):
        status (list[ListConversationsStatusItem] | Unset):
        tag (str | Unset):
        updated_after (datetime.datetime | Unset):
        updated_before (datetime.datetime | Unset):
        sort (ListConversationsSort | Unset):  Default: ListConversationsSort.VALUE_0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListConversationsResponse400 | ListConversationsResponse401 | ListConversationsResponse429 | ListConversationsResponse503 | PaginatedConversationList]
    """

    kwargs = _get_kwargs(
        after=after,
        assignee_id=assignee_id,
        contact_id=contact_id,
        created_after=created_after,
        created_before=created_before,
        handled_by=handled_by,
        limit=limit,
        priority=priority,
        status=status,
        tag=tag,
        updated_after=updated_after,
        updated_before=updated_before,
        sort=sort,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    assignee_id: str | Unset = UNSET,
    contact_id: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    handled_by: ListConversationsHandledBy | Unset = UNSET,
    limit: int | Unset = 25,
    priority: list[ListConversationsPriorityItem] | Unset = UNSET,
    status: list[ListConversationsStatusItem] | Unset = UNSET,
    tag: str | Unset = UNSET,
    updated_after: datetime.datetime | Unset = UNSET,
    updated_before: datetime.datetime | Unset = UNSET,
    sort: ListConversationsSort | Unset = ListConversationsSort.VALUE_0,
) -> (
    ListConversationsResponse400
    | ListConversationsResponse401
    | ListConversationsResponse429
    | ListConversationsResponse503
    | PaginatedConversationList
    | None
):
    """List conversations

     The workspace's conversations, newest first (by `created_at`, then `id`), filtered by the parameters
    given (all of them must match). Paginated with a cursor: pass `pagination.next_cursor` as `after`
    until `has_more` is false.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        after (str | Unset):
        assignee_id (str | Unset):
        contact_id (str | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        handled_by (ListConversationsHandledBy | Unset):
        limit (int | Unset):  Default: 25.
        priority (list[ListConversationsPriorityItem] | Unset):
        status (list[ListConversationsStatusItem] | Unset):
        tag (str | Unset):
        updated_after (datetime.datetime | Unset):
        updated_before (datetime.datetime | Unset):
        sort (ListConversationsSort | Unset):  Default: ListConversationsSort.VALUE_0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListConversationsResponse400 | ListConversationsResponse401 | ListConversationsResponse429 | ListConversationsResponse503 | PaginatedConversationList
    """

    return sync_detailed(
        client=client,
        after=after,
        assignee_id=assignee_id,
        contact_id=contact_id,
        created_after=created_after,
        created_before=created_before,
        handled_by=handled_by,
        limit=limit,
        priority=priority,
        status=status,
        tag=tag,
        updated_after=updated_after,
        updated_before=updated_before,
        sort=sort,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    assignee_id: str | Unset = UNSET,
    contact_id: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    handled_by: ListConversationsHandledBy | Unset = UNSET,
    limit: int | Unset = 25,
    priority: list[ListConversationsPriorityItem] | Unset = UNSET,
    status: list[ListConversationsStatusItem] | Unset = UNSET,
    tag: str | Unset = UNSET,
    updated_after: datetime.datetime | Unset = UNSET,
    updated_before: datetime.datetime | Unset = UNSET,
    sort: ListConversationsSort | Unset = ListConversationsSort.VALUE_0,
) -> Response[
    ListConversationsResponse400
    | ListConversationsResponse401
    | ListConversationsResponse429
    | ListConversationsResponse503
    | PaginatedConversationList
]:
    """List conversations

     The workspace's conversations, newest first (by `created_at`, then `id`), filtered by the parameters
    given (all of them must match). Paginated with a cursor: pass `pagination.next_cursor` as `after`
    until `has_more` is false.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        after (str | Unset):
        assignee_id (str | Unset):
        contact_id (str | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        handled_by (ListConversationsHandledBy | Unset):
        limit (int | Unset):  Default: 25.
        priority (list[ListConversationsPriorityItem] | Unset):
        status (list[ListConversationsStatusItem] | Unset):
        tag (str | Unset):
        updated_after (datetime.datetime | Unset):
        updated_before (datetime.datetime | Unset):
        sort (ListConversationsSort | Unset):  Default: ListConversationsSort.VALUE_0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ListConversationsResponse400 | ListConversationsResponse401 | ListConversationsResponse429 | ListConversationsResponse503 | PaginatedConversationList]
    """

    kwargs = _get_kwargs(
        after=after,
        assignee_id=assignee_id,
        contact_id=contact_id,
        created_after=created_after,
        created_before=created_before,
        handled_by=handled_by,
        limit=limit,
        priority=priority,
        status=status,
        tag=tag,
        updated_after=updated_after,
        updated_before=updated_before,
        sort=sort,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    assignee_id: str | Unset = UNSET,
    contact_id: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    handled_by: ListConversationsHandledBy | Unset = UNSET,
    limit: int | Unset = 25,
    priority: list[ListConversationsPriorityItem] | Unset = UNSET,
    status: list[ListConversationsStatusItem] | Unset = UNSET,
    tag: str | Unset = UNSET,
    updated_after: datetime.datetime | Unset = UNSET,
    updated_before: datetime.datetime | Unset = UNSET,
    sort: ListConversationsSort | Unset = ListConversationsSort.VALUE_0,
) -> (
    ListConversationsResponse400
    | ListConversationsResponse401
    | ListConversationsResponse429
    | ListConversationsResponse503
    | PaginatedConversationList
    | None
):
    """List conversations

     The workspace's conversations, newest first (by `created_at`, then `id`), filtered by the parameters
    given (all of them must match). Paginated with a cursor: pass `pagination.next_cursor` as `after`
    until `has_more` is false.

    **Roles:** `agent`, `admin`, `owner`.

    Args:
        after (str | Unset):
        assignee_id (str | Unset):
        contact_id (str | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        handled_by (ListConversationsHandledBy | Unset):
        limit (int | Unset):  Default: 25.
        priority (list[ListConversationsPriorityItem] | Unset):
        status (list[ListConversationsStatusItem] | Unset):
        tag (str | Unset):
        updated_after (datetime.datetime | Unset):
        updated_before (datetime.datetime | Unset):
        sort (ListConversationsSort | Unset):  Default: ListConversationsSort.VALUE_0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ListConversationsResponse400 | ListConversationsResponse401 | ListConversationsResponse429 | ListConversationsResponse503 | PaginatedConversationList
    """

    return (
        await asyncio_detailed(
            client=client,
            after=after,
            assignee_id=assignee_id,
            contact_id=contact_id,
            created_after=created_after,
            created_before=created_before,
            handled_by=handled_by,
            limit=limit,
            priority=priority,
            status=status,
            tag=tag,
            updated_after=updated_after,
            updated_before=updated_before,
            sort=sort,
        )
    ).parsed
