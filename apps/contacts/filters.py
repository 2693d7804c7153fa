"""Query-string filters (django-filter). A bad value is a 400 invalid_parameter naming the parameter."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django_filters.rest_framework import DjangoFilterBackend

from leadiosa.api.errors import ApiError
from leadiosa.api.serializers import TimestampField

from .models import Contact


class TimestampFormField(forms.Field):
    """ISO-8601 with an offset, as everywhere in the API."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        try:
            return TimestampField().to_internal_value(value)
        except Exception:  # noqa: BLE001 - DRF's ValidationError; re-raised as the form's own
            raise forms.ValidationError(
                "Expected an ISO-8601 timestamp with an offset, e.g. 2026-05-12T07:28:25Z."
            ) from None


class TimestampFilter(django_filters.Filter):
    field_class = TimestampFormField


def filters_requested(request, filterset_class) -> bool:
    return any(name in request.query_params for name in filterset_class.base_filters)


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter, but an invalid value answers 400 invalid_parameter with `param`, the API's way."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = getattr(view, "filterset_class", None)
        if filterset_class is not None and not filters_requested(request, filterset_class):
            return queryset  # no filter asked for: skip building a form on the hot path
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            param, problems = next(iter(filterset.errors.items()))
            raise ApiError(400, "invalid_parameter", f"{param}: {' '.join(problems)}", param=param)
        return filterset.qs


class ContactFilter(django_filters.FilterSet):
    email = django_filters.CharFilter(method="filter_email")
    external_id = django_filters.CharFilter(field_name="external_id")
    q = django_filters.CharFilter(method="filter_q", max_length=200)
    created_after = TimestampFilter(field_name="created_at", lookup_expr="gt")
    updated_after = TimestampFilter(field_name="updated_at", lookup_expr="gt")

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
