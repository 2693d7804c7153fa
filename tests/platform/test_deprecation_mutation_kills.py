"""Tests written for the mutants of leadiosa/api/deprecation.py that survived the area's tests
(tests/mutation/run.sh deprecation; the list and the equivalent ones: tests/mutation/RESULTS.md).

A request using two deprecated features records both, and its X-API-Deprecation header names both; a later use (after the one-minute window)
counts on the same row, moves last_used_at and takes the feature's current sunset; within the window a
use writes nothing, and the window is one minute.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache
from django.urls import path
from rest_framework.response import Response

from leadiosa.api.deprecation import Deprecation, mark, record_use
from leadiosa.api.views import WorkspaceAPIView
from leadiosa.models import DeprecatedUsage
from tests.platform import urls as platform_urls

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

LEGACY = "GET /api/v1/_test/legacy"


class OldAndOddView(WorkspaceAPIView):
    """A deprecated endpoint whose handler also uses a deprecated behaviour."""

    deprecated = Deprecation(feature="GET /api/v1/_test/old-and-odd", sunset=date(2027, 6, 30))

    def get(self, request):
        mark(request, Deprecation(feature="GET /api/v1/_test/old-and-odd#odd", sunset=date(2027, 3, 1)))
        return Response({"ok": True})


urlpatterns = [path("api/v1/_test/old-and-odd", OldAndOddView.as_view()), *platform_urls.urlpatterns]
handler404 = platform_urls.handler404
handler500 = platform_urls.handler500


def _forget_the_window():
    """What a minute's wait does: the per-workspace, per-feature marker expires."""
    cache.delete_pattern("deprecated-use:*")


def test_a_request_using_two_deprecated_features_records_both(owner):
    response = owner.api.get("_test/old-and-odd")
    assert response.status_code == 200
    # Both features are named in the one header, in the order the request used them.
    assert response["X-API-Deprecation"] == (
        'version="v1"; sunset="2027-06-30"; link="https://leadiosa.com/docs/api/deprecations", '
        'version="v1"; sunset="2027-03-01"; link="https://leadiosa.com/docs/api/deprecations"'
    )
    rows = DeprecatedUsage.all_workspaces.filter(workspace=owner.workspace)
    assert sorted((row.feature, row.use_count, row.sunset) for row in rows) == [
        ("GET /api/v1/_test/old-and-odd", 1, date(2027, 6, 30)),
        ("GET /api/v1/_test/old-and-odd#odd", 1, date(2027, 3, 1)),
    ]


def test_a_later_use_counts_on_the_same_row_and_takes_the_current_sunset(owner):
    assert owner.api.get("_test/legacy").status_code == 200
    first = DeprecatedUsage.all_workspaces.get(workspace=owner.workspace, feature=LEGACY)
    assert first.use_count == 1

    assert owner.api.get("_test/legacy").status_code == 200  # within the minute: nothing written
    assert DeprecatedUsage.all_workspaces.get(pk=first.pk).use_count == 1

    _forget_the_window()
    record_use(owner.workspace.id, Deprecation(feature=LEGACY, sunset=date(2027, 9, 30)))  # sunset moved
    later = DeprecatedUsage.all_workspaces.get(pk=first.pk)
    assert DeprecatedUsage.all_workspaces.filter(workspace=owner.workspace).count() == 1
    assert later.use_count == 2
    assert later.first_used_at == first.first_used_at and later.last_used_at > first.last_used_at
    assert later.sunset == date(2027, 9, 30)

    _forget_the_window()
    assert owner.api.get("_test/legacy").status_code == 200
    again = DeprecatedUsage.all_workspaces.get(pk=first.pk)
    assert (again.use_count, again.sunset) == (3, date(2027, 6, 30))


def test_the_window_is_one_minute(owner):
    _forget_the_window()
    assert owner.api.get("_test/legacy").status_code == 200
    [key] = cache.keys("deprecated-use:*")
    assert 55 <= cache.ttl(key) <= 60
