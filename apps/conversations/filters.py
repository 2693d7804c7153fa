"""Query-string filters for GET /conversations. A bad value → 400 invalid_parameter with `param`."""

from __future__ import annotations

import django_filters

from leadiosa.api.filters import ChoiceInFilter, TimestampFilter

from .models import Conversation, HandledBy, Priority, Status


class ConversationFilter(django_filters.FilterSet):
    status = ChoiceInFilter(field_name="status", choices=Status.choices)
    assignee_id = django_filters.CharFilter(method="filter_assignee", max_length=40)
    contact_id = django_filters.CharFilter(field_name="contact_id", max_length=40)
    priority = ChoiceInFilter(field_name="priority", choices=Priority.choices)
    tag = django_filters.CharFilter(method="filter_tag", max_length=50)
    handled_by = django_filters.ChoiceFilter(field_name="handled_by", choices=HandledBy.choices)
    created_after = TimestampFilter(field_name="created_at", lookup_expr="gt")
    created_before = TimestampFilter(field_name="created_at", lookup_expr="lt")
    updated_after = TimestampFilter(field_name="updated_at", lookup_expr="gt")
    updated_before = TimestampFilter(field_name="updated_at", lookup_expr="lt")

    class Meta:
        model = Conversation
        fields: list[str] = []

    def filter_assignee(self, queryset, name, value):
        if value == "none":
            return queryset.filter(assignee__isnull=True)
        return queryset.filter(assignee_id=value)

    def filter_tag(self, queryset, name, value):
        return queryset.filter(tags__contains=[value.strip()])
