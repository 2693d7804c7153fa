"""Query-string filters (django-filter). A bad value is a 400 invalid_parameter naming the parameter."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from leadiosa.api.filters import TimestampFilter

from .models import Contact


class ContactFilter(django_filters.FilterSet):
    email = django_filters.CharFilter(method="filter_email")
    external_id = django_filters.CharFilter(field_name="external_id")
    q = django_filters.CharFilter(method="filter_q", max_length=200)
    created_after = TimestampFilter(field_name="created_at", lookup_expr="gt")
    updated_after = TimestampFilter(field_name="updated_at", lookup_expr="gt")
    updated_before = TimestampFilter(field_name="updated_at", lookup_expr="lt")

    class Meta:
        model = Contact
        fields: list[str] = []

    def filter_email(self, queryset, name, value):
        return queryset.filter(email=value.strip().lower())

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(email__icontains=value))
