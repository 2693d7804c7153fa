"""Query-string filters for GET /conversations. A bad value → 400 invalid_parameter with `param`."""

from __future__ import annotations

import django_filters
from django import forms

from apps.contacts.filters import TimestampFilter

from .models import Conversation, HandledBy, Priority, Status


class CommaChoiceField(forms.Field):
    """`status=open,pending`: each item must be one of the choices."""

    def __init__(self, *args, choices=(), **kwargs):
        self.allowed = [value for value, _label in choices]
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in (None, ""):
            return None
        items = [item.strip() for item in value.split(",") if item.strip()]
        wrong = [item for item in items if item not in self.allowed]
        if wrong or not items:
            raise forms.ValidationError(f"Expected a comma-separated list of {', '.join(self.allowed)}.")
        return items


class CommaChoiceFilter(django_filters.Filter):
    field_class = CommaChoiceField

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__in": value})


class ConversationFilter(django_filters.FilterSet):
    status = CommaChoiceFilter(field_name="status", choices=Status.choices)
    assignee_id = django_filters.CharFilter(method="filter_assignee", max_length=40)
    contact_id = django_filters.CharFilter(field_name="contact_id", max_length=40)
    priority = CommaChoiceFilter(field_name="priority", choices=Priority.choices)
    tag = django_filters.CharFilter(method="filter_tag", max_length=50)
    handled_by = django_filters.ChoiceFilter(field_name="handled_by", choices=HandledBy.choices)
    created_after = TimestampFilter(field_name="created_at", lookup_expr="gt")
    created_before = TimestampFilter(field_name="created_at", lookup_expr="lt")
    updated_after = TimestampFilter(field_name="updated_at", lookup_expr="gt")

    class Meta:
        model = Conversation
        fields: list[str] = []

    def filter_assignee(self, queryset, name, value):
        if value == "none":
            return queryset.filter(assignee__isnull=True)
        return queryset.filter(assignee_id=value)

    def filter_tag(self, queryset, name, value):
        return queryset.filter(tags__contains=[value.strip()])
