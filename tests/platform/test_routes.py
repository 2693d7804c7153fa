"""config/api_urls.py joins the apps' routes into one flat list, most requested first. That is only
safe while no app's route can take another app's path: each app owns its own first path segments."""

from __future__ import annotations

import re

import pytest
from django.urls import resolve

from config import api_urls


def _first_segment(pattern) -> str:
    text = str(pattern.pattern).lstrip("^")
    return re.split(r"[/$<(]", text, maxsplit=1)[0]


def test_no_two_apps_route_the_same_first_path_segment():
    owners: dict[str, str] = {}
    for app in api_urls.APP_ROUTES:
        for pattern in app.urlpatterns:
            segment = _first_segment(pattern)
            assert segment, f"{app.__name__}: a route with no literal first segment would take any path"
            assert owners.setdefault(segment, app.__name__) == app.__name__, (
                f"'{segment}' is routed by both {owners[segment]} and {app.__name__}"
            )


def test_every_app_route_is_in_the_api_and_reached_in_its_own_order():
    joined = [p for p in api_urls.urlpatterns if _first_segment(p) != "openapi.json"]
    assert joined == [p for app in api_urls.APP_ROUTES for p in app.urlpatterns]


@pytest.mark.parametrize(
    ("path", "route_name"),
    [
        ("/api/v1/conversations", "conversation-list"),
        ("/api/v1/conversations/cnv_1/messages", "conversation-messages"),
        ("/api/v1/conversations/cnv_1/notes", "conversation-notes"),
        ("/api/v1/conversations/cnv_1", "conversation-detail"),
        ("/api/v1/contacts/ct_1", "contact-detail"),
        ("/api/v1/workspace/archive/download", "workspace-archive-download"),
        ("/api/v1/me", "me"),
        ("/api/v1/webhooks/wh_1/deliveries/whd_1/retry", "webhook-delivery-retry"),
        ("/api/v1/audit/export", "audit-export"),
        ("/api/v1/knowledge/search", "knowledge-search"),
        ("/api/v1/widget/rotate-secret", "widget-rotate-secret"),
        ("/api/v1/openapi.json", "openapi"),
    ],
)
def test_paths_resolve_to_their_routes(path, route_name):
    assert resolve(path).url_name == route_name
