"""Rows → API objects without a framework in between.

An app describes an API object's columns once (`Shape`): the plain ones, and the timestamps, which
arrive as the API's text. A list fetches rows with `shape.values(queryset)` (PostgreSQL formats the
timestamps: no datetime is parsed or re-formatted in Python), a service or a detail view turns an
object in hand into the same row with `shape.row_of(obj)`, and one plain function per object maps that
row to the API's dict. So the list, the detail, the webhook payload and the archive share one mapping.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import QuerySet

from leadiosa.timestamps import format_timestamp, text_columns


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
