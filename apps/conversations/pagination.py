"""Keyset pagination whose page query the ORM compiles once per shape, then reused with new values.

Building and compiling a queryset costs more CPU than fetching and serialising a 25-row page. For a
list's plain shape (no filters), the view supplies a *factory*: a function of named values returning
the queryset. The factory is run once with placeholder values, inside a placeholder workspace scope;
the ORM compiles it (with the keyset order, the cursor condition and the limit) to SQL, and each
parameter is mapped back to the value it stands for. Later pages bind the real values into that SQL,
and rows go through the same ORM converters into the same named rows. Anything else (filtered lists)
goes through the platform's KeysetPagination unchanged; cursors are interchangeable between both.

Fail closed: a compiled query that does not bind the workspace is refused.
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.utils import create_namedtuple_class

from leadiosa.api.pagination import KeysetPagination, list_key, parse_limit
from leadiosa.tenancy import current_workspace_id, with_workspace

WORKSPACE = "workspace_id"
AFTER_CREATED_AT = "after_created_at"
AFTER_ID = "after_id"


def _placeholder(name: str) -> str:
    return f"\x00placeholder:{name}"  # NUL: no real value can ever equal it


@dataclass(frozen=True)
class _Slot:
    name: str


@dataclass
class CompiledPage:
    sql: str
    template: list  # a _Slot (bind this named value) or a constant, per SQL parameter
    compiler: object
    converters: dict
    row_class: type

    def rows(self, values: dict) -> list:
        params = [values[p.name] if isinstance(p, _Slot) else p for p in self.template]
        with self.compiler.connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        new = tuple.__new__
        return [new(self.row_class, row) for row in rows]


# Per thread: a compiled query holds its thread's connection, and the cache goes away with the thread.
_local = threading.local()


def _cache() -> dict[tuple, CompiledPage]:
    cache = getattr(_local, "pages", None)
    if cache is None:
        cache = _local.pages = {}
    return cache


def compile_page(
    factory: Callable, *, ascending: bool, has_after: bool, limit: int, using: str
) -> CompiledPage:
    names = list(inspect.signature(factory).parameters)
    placeholders = {name: _placeholder(name) for name in [*names, WORKSPACE, AFTER_CREATED_AT, AFTER_ID]}
    with with_workspace(placeholders[WORKSPACE]):
        queryset = factory(**{name: placeholders[name] for name in names})
    direction = "" if ascending else "-"
    queryset = queryset.order_by(f"{direction}created_at", f"{direction}id")
    if has_after:
        table = queryset.model._meta.db_table
        queryset = queryset.extra(  # noqa: S610 - the same condition as KeysetPagination, bound values
            where=[f'("{table}"."created_at", "{table}"."id") {">" if ascending else "<"} (%s, %s)'],
            params=[placeholders[AFTER_CREATED_AT], placeholders[AFTER_ID]],
        )
    queryset = queryset[:limit]
    query = queryset.query
    compiler = query.get_compiler(using=using)
    sql, params = compiler.as_sql()
    by_value = {value: name for name, value in placeholders.items()}
    template = [_Slot(by_value[p]) if isinstance(p, str) and p in by_value else p for p in params]
    bound = {p.name for p in template if isinstance(p, _Slot)}
    if WORKSPACE not in bound:
        raise RuntimeError(f"The page query of {factory.__qualname__} does not filter by workspace.")
    fields = [s[0] for s in compiler.select[0 : compiler.col_count]]
    row_class = create_namedtuple_class(*query.extra_select, *query.values_select, *query.annotation_select)
    return CompiledPage(sql, template, compiler, compiler.get_converters(fields), row_class)


class CompiledKeysetPagination(KeysetPagination):
    """Views opt in with `page_plan()` → `(factory, values)` for the plain shape, or None."""

    def paginate_queryset(self, queryset, request, view=None):
        plan = view.page_plan() if view is not None and hasattr(view, "page_plan") else None
        if plan is None:
            return super().paginate_queryset(queryset, request, view)
        factory, values = plan
        # Same limit, order and list key as KeysetPagination, so cursors work on both paths.
        self.limit = parse_limit(request)
        self.ascending = bool(getattr(view, "page_ascending", False))
        self.list_key = list_key(view, self.ascending)
        values = {**values, WORKSPACE: current_workspace_id()}
        after = request.query_params.get("after")
        if after:
            values[AFTER_CREATED_AT], values[AFTER_ID] = self._decode(after)
        using = queryset.db if queryset is not None else DEFAULT_DB_ALIAS
        key = (factory, self.ascending, bool(after), self.limit + 1, using)
        cache = _cache()
        page = cache.get(key)
        if page is None or page.compiler.connection is not connections[using]:
            page = cache[key] = compile_page(
                factory, ascending=self.ascending, has_after=bool(after), limit=self.limit + 1, using=using
            )
        rows = page.rows(values)
        self.has_more = len(rows) > self.limit
        rows = rows[: self.limit]
        self.next_cursor = self._encode(rows[-1]) if self.has_more else None
        return rows
