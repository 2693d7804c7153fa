"""Which query parameters an operation takes, as the served spec lists them (CONTRACT §1: an unknown
query parameter → 400 invalid_parameter, a typo never silently widens a filter).

The spec is the one /api/v1/openapi.json serves, generated once per process on the first request that
carries a query string (the views' own declarations are its source, so the spec and the server cannot
disagree about what a list takes).
"""

from __future__ import annotations

import re
import threading

_lock = threading.Lock()
_routes: list[tuple[str, re.Pattern, frozenset[str]]] | None = None


def _build() -> list[tuple[str, re.Pattern, frozenset[str]]]:
    from drf_spectacular.settings import spectacular_settings

    spec = spectacular_settings.DEFAULT_GENERATOR_CLASS().get_schema(request=None, public=True)
    routes = []
    for path, item in spec["paths"].items():
        if "/_test/" in path:
            continue  # routes only the test suite mounts (tests/platform/urls.py): not the product's
        pattern = re.compile("^" + re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(path)) + "/?$")
        for method, operation in item.items():
            if isinstance(operation, dict) and "responses" in operation:
                names = frozenset(
                    p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"
                )
                routes.append((method.upper(), pattern, names))
    # A fixed segment wins over a path parameter (/audit/export before /audit/{audit_entry_id}).
    routes.sort(key=lambda route: route[1].pattern.count("[^/]+"))
    return routes


def allowed_query_parameters(method: str, path: str) -> frozenset[str] | None:
    """The names the operation takes, or None when the spec does not list the operation."""
    global _routes
    if _routes is None:
        with _lock:
            if _routes is None:
                _routes = _build()
    method = "GET" if method == "HEAD" else method
    for route_method, pattern, names in _routes:
        if route_method == method and pattern.match(path):
            return names
    return None
