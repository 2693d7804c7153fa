"""Keyset cursor pagination: `?limit=&after=` and a `{data, pagination}` envelope.

The cursor names the last row's (created_at, id) and is signed together with the list it belongs to
and the workspace, so a tampered cursor, or one taken from another list or workspace, is refused with
400 invalid_cursor. The next page is `WHERE (created_at, id) < (…)` on an index in the same order: page
1 000 costs what page 1 costs, and a cursor stays valid when rows are added.

The queryset may yield model instances or `.values()` dicts (the lists' fast path): either way the
position comes from a `keyset_at` annotation, the created_at PostgreSQL formats at full precision, so
no row's timestamp is parsed in Python.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import lru_cache

from django.db import connections, router
from rest_framework.pagination import BasePagination
from rest_framework.response import Response

from leadiosa.api.cursors import decode_cursor, encode_cursor, invalid_cursor
from leadiosa.api.errors import ApiError
from leadiosa.tenancy import current_workspace_id, current_workspace_id_or_none
from leadiosa.timestamps import CURSOR_SQL, TEXT_SQL, CursorText

DEFAULT_LIMIT = 25
MAX_LIMIT = 100
KEYSET_AT = "keyset_at"
# `?sort=` on the lists whose view sets `sortable = True` (conversations, contacts): the keyset column and
# whether it runs ascending. The default stays newest first by created_at.
SORTS = {
    "created_at": ("created_at", True),
    "-created_at": ("created_at", False),
    "updated_at": ("updated_at", True),
    "-updated_at": ("updated_at", False),
}


def sort_order(request, view) -> tuple[str, bool]:
    """(column, ascending) of this list: the view's fixed order, or `?sort=` where the view allows it."""
    if getattr(view, "sortable", False):
        raw = request.query_params.get("sort") or "-created_at"
        if raw not in SORTS:
            raise ApiError(400, "invalid_parameter", f"sort must be one of {', '.join(SORTS)}.", param="sort")
        return SORTS[raw]
    return "created_at", bool(getattr(view, "page_ascending", False))


def parse_limit(request, default: int = DEFAULT_LIMIT, maximum: int = MAX_LIMIT) -> int:
    raw = request.query_params.get("limit")
    if raw is None or raw == "":
        return default
    # ASCII digits only (CONTRACT §1): int() would also take " 5", "+5", "1_0" and other scripts' digits.
    limit = int(raw) if raw.isascii() and raw.isdigit() else 0
    if not 1 <= limit <= maximum:
        raise ApiError(
            400, "invalid_parameter", f"limit must be an integer from 1 to {maximum}.", param="limit"
        )
    return limit


def list_key(view, ascending: bool) -> str:
    """What a cursor is bound to: the list (view and order) and its parent, e.g. one conversation's
    thread — a cursor from conversation A is refused on conversation B."""
    if view is None:
        return "list"
    parent = ",".join(f"{name}={value}" for name, value in sorted(getattr(view, "kwargs", {}).items()))
    return f"{type(view).__name__}:{'asc' if ascending else 'desc'}:{parent}"


class KeysetPagination(BasePagination):
    """Order by (created_at, id), newest first unless the view sets `page_ascending = True`."""

    def paginate_queryset(self, queryset, request, view=None):
        self.limit = parse_limit(request)
        column, self.ascending = sort_order(request, view)
        # A cursor is bound to its order too: one made for ?sort=updated_at is refused on another order.
        self.list_key = list_key(view, self.ascending) + ("" if column == "created_at" else f":{column}")
        table = queryset.model._meta.db_table
        direction = "" if self.ascending else "-"
        queryset = queryset.order_by(f"{direction}{column}", f"{direction}id")
        after = request.query_params.get("after")
        if after:
            created_at, last_id = self._decode(after)
            comparison = ">" if self.ascending else "<"
            # The table name comes from the model, the values are bound parameters: nothing user-typed
            # reaches the SQL text. A row comparison keeps the whole condition inside one index range.
            queryset = queryset.extra(  # noqa: S610
                where=[f'("{table}"."{column}", "{table}"."id") {comparison} (%s, %s)'],
                params=[created_at, last_id],
            )
        queryset = queryset.annotate(**{KEYSET_AT: CursorText(column)})
        rows = list(queryset[: self.limit + 1])
        self.has_more = len(rows) > self.limit
        rows = rows[: self.limit]
        self.next_cursor = self._encode(rows[-1]) if self.has_more else None
        return rows

    def paginate_plain(self, request, view, *, model, shape, **equal) -> list[dict]:
        """The same page as `paginate_queryset(shape.values(…))`, for a list with no filter beyond
        `equal` (e.g. one conversation's thread), with its SQL written out once per list shape and run
        with Django's documented `cursor.execute`: no queryset is built or compiled per request (that
        was most of a list's CPU). The workspace condition is always first: `current_workspace_id()`
        raises outside a scope, so this path fails closed like the tenant manager."""
        self.limit = parse_limit(request)
        self.ascending = bool(getattr(view, "page_ascending", False))
        self.list_key = list_key(view, self.ascending)
        params: list = [current_workspace_id(), *(equal[name] for name in sorted(equal))]
        after = request.query_params.get("after")
        if after:
            params += self._decode(after)
        params.append(self.limit + 1)
        using = router.db_for_read(model)
        sql = _plain_page_sql(model, shape, tuple(sorted(equal)), self.ascending, bool(after), using)
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        names = (*shape.columns, KEYSET_AT)
        rows = [dict(zip(names, row, strict=True)) for row in fetched]
        for name in shape.json:
            for row in rows:
                text = row[name]
                if text is not None:
                    # An empty object (most contacts' attributes) needs no parser.
                    row[name] = {} if text == "{}" else json.loads(text)
        self.has_more = len(rows) > self.limit
        rows = rows[: self.limit]
        self.next_cursor = self._encode(rows[-1]) if self.has_more else None
        return rows

    def _encode(self, row) -> str:
        if isinstance(row, dict):
            position, last_id = row[KEYSET_AT], row["id"]
        else:
            position, last_id = getattr(row, KEYSET_AT), row.id
        return encode_cursor([self.list_key, current_workspace_id_or_none(), position, last_id])

    def _decode(self, cursor: str) -> tuple[datetime, str]:
        try:
            list_key, workspace_id, created_at, last_id = decode_cursor(cursor)
            created = datetime.fromisoformat(created_at)
        except (ValueError, TypeError):
            raise invalid_cursor() from None
        if list_key != self.list_key or workspace_id != current_workspace_id_or_none():
            raise invalid_cursor()
        return created, last_id

    def get_paginated_response(self, data):
        pagination = {"has_more": self.has_more}
        if self.next_cursor:
            pagination["next_cursor"] = self.next_cursor
        return Response({"data": data, "pagination": pagination})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["data", "pagination"],
            "properties": {
                "data": {**schema, "description": "This page's items, in the list's order."},
                "pagination": {
                    "type": "object",
                    "description": "Whether more items follow, and the cursor to them.",
                    "required": ["has_more"],
                    "properties": {
                        "has_more": {"type": "boolean", "description": "Whether another page follows."},
                        "next_cursor": {
                            "type": "string",
                            "example": "cur_abc",
                            "description": "Pass as `after` for the next page; omitted on the last page.",
                        },
                    },
                },
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "limit",
                "in": "query",
                "required": False,
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
            },
            {"name": "after", "in": "query", "required": False, "schema": {"type": "string"}},
        ]


@lru_cache(maxsize=64)
def _plain_page_sql(
    model, shape, equal: tuple[str, ...], ascending: bool, has_after: bool, using: str
) -> str:
    """The keyset page query of one list shape. Identifiers come from the model's `_meta` and are
    quoted; every value is a bound parameter (workspace, `equal` columns, cursor position, limit)."""
    qn = connections[using].ops.quote_name
    meta = model._meta
    column = {name: qn(meta.get_field(name).column) for name in (*shape.plain, *shape.timestamps, *equal)}
    select = [column[name] for name in shape.plain]
    select += [TEXT_SQL.format(column[name]) for name in shape.timestamps]
    created, pk = qn(meta.get_field("created_at").column), qn(meta.pk.column)
    select.append(CURSOR_SQL.format(created))
    where = [f"{qn(meta.get_field('workspace').column)} = %s", *(f"{column[name]} = %s" for name in equal)]
    if has_after:
        where.append(f"({created}, {pk}) {'>' if ascending else '<'} (%s, %s)")
    order = "ASC" if ascending else "DESC"
    return (
        f"SELECT {', '.join(select)} FROM {qn(meta.db_table)} WHERE {' AND '.join(where)} "  # noqa: S608
        f"ORDER BY {created} {order}, {pk} {order} LIMIT %s"
    )
