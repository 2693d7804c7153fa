"""Rows → API objects without a framework in between.

An app describes an API object's columns once (`Shape`): the plain ones, and the timestamps, which
arrive as the API's text. A list fetches rows with `shape.values(queryset)` (PostgreSQL formats the
timestamps: no datetime is parsed or re-formatted in Python), a service or a detail view turns an
object in hand into the same row with `shape.row_of(obj)`, and one plain function per object maps that
row to the API's dict. So the list, the detail, the webhook payload and the archive share one mapping.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from django.db import connections, router
from django.db.models import QuerySet

from leadiosa.tenancy import TenantModel
from leadiosa.timestamps import TEXT_SQL, format_timestamp, text_columns


@dataclass(frozen=True)
class Shape:
    plain: tuple[str, ...]
    timestamps: tuple[str, ...]
    # Plain columns stored as jsonb: Django's connection returns them as text to its JSONField, which
    # decodes them; rows read with SQL by hand (`KeysetPagination.paginate_plain`) decode them here.
    json: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        """The row's keys, in SELECT order."""
        return (*self.plain, *(f"{name}_text" for name in self.timestamps))

    def values(self, queryset: QuerySet) -> QuerySet:
        """Rows as dicts: the plain columns, and each timestamp as `<name>_text`."""
        return queryset.values(*self.plain, **text_columns(*self.timestamps))

    def row_of(self, obj) -> Mapping:
        """The same row, from a model instance."""
        row = {name: getattr(obj, name) for name in self.plain}
        for name in self.timestamps:
            row[f"{name}_text"] = format_timestamp(getattr(obj, name))
        return row


def row_by_pk(model, shape: Shape, pk) -> dict | None:
    """One row of `shape` by primary key, with its SQL written out once (see
    `KeysetPagination.paginate_plain`): for a hot single-object read such as GET /workspace. The caller
    names the object (e.g. the workspace in scope). Not for tenant models: they are read through their
    manager or `paginate_plain`, which scope by workspace."""
    if issubclass(model, TenantModel):
        raise TypeError(f"{model.__name__} is a tenant model: read it through its manager.")
    using = router.db_for_read(model)
    with connections[using].cursor() as cursor:
        cursor.execute(_row_sql(model, shape, using), [pk])
        found = cursor.fetchone()
    if found is None:
        return None
    row = dict(zip(shape.columns, found, strict=True))
    for name in shape.json:
        if row[name] is not None:
            row[name] = json.loads(row[name])
    return row


@lru_cache(maxsize=32)
def _row_sql(model, shape: Shape, using: str) -> str:
    qn = connections[using].ops.quote_name
    meta = model._meta
    select = [qn(meta.get_field(name).column) for name in shape.plain]
    select += [TEXT_SQL.format(qn(meta.get_field(name).column)) for name in shape.timestamps]
    return f"SELECT {', '.join(select)} FROM {qn(meta.db_table)} WHERE {qn(meta.pk.column)} = %s"  # noqa: S608
