"""Query-string filters for every list (django-filter), the API's way.

A bad value answers 400 invalid_parameter naming the parameter; with no filter parameter at all, the
backend returns the queryset untouched (no form is built on the hot path).
"""

from __future__ import annotations

import django_filters
from django import forms
from django_filters.rest_framework import DjangoFilterBackend

from leadiosa.api.errors import ApiError
from leadiosa.timestamps import parse_timestamp

TIMESTAMP_HELP = "Expected an ISO-8601 timestamp with an offset, e.g. 2026-05-12T07:28:25Z."


class TimestampFormField(forms.Field):
    """ISO-8601 with an offset, as everywhere in the API."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        try:
            return parse_timestamp(value)
        except ValueError:
            raise forms.ValidationError(TIMESTAMP_HELP) from None


class TimestampFilter(django_filters.Filter):
    field_class = TimestampFormField


class ChoiceInFilter(django_filters.BaseInFilter, django_filters.ChoiceFilter):
    """`status=open,pending`: a comma-separated list, each item one of the choices (django-filter's own
    BaseInFilter + ChoiceFilter)."""


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
