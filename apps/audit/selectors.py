"""Reads of the audit log: the list/export filters."""

from __future__ import annotations

from django.db.models import QuerySet

from leadiosa.context import SOURCES
from leadiosa.errors import InvalidInput
from leadiosa.timestamps import parse_timestamp

from .models import AuditEntry

EQUALITY_FILTERS = ("action", "actor_id", "resource_type", "resource_id", "source")
TIME_FILTERS = {"created_after": "created_at__gt", "created_before": "created_at__lt"}


def _timestamp(name: str, raw: str):
    try:
        return parse_timestamp(raw)
    except ValueError:
        raise InvalidInput(
            "invalid_parameter",
            f"{name} must be an ISO-8601 timestamp with an offset, e.g. 2026-05-12T07:28:25.901Z.",
            param=name,
        ) from None


def audit_entries_filtered(params) -> QuerySet[AuditEntry]:
    """The current workspace's entries matching the query parameters (scoped: raises outside a scope)."""
    source = params.get("source")
    if source and source not in SOURCES:
        raise InvalidInput(
            "invalid_parameter", f"source must be one of: {', '.join(SOURCES)}.", param="source"
        )
    queryset = AuditEntry.objects.all()
    for name in EQUALITY_FILTERS:
        value = params.get(name)
        if value:
            queryset = queryset.filter(**{name: value})
    for name, lookup in TIME_FILTERS.items():
        raw = params.get(name)
        if raw:
            queryset = queryset.filter(**{lookup: _timestamp(name, raw)})
    return queryset
