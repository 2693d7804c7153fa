"""Which query parameters an operation takes (CONTRACT §1: an unknown one → 400 invalid_parameter,
so a typo never silently widens a filter). The one mechanism for every API view.

The source is the spec /api/v1/openapi.json serves, itself generated from the views' declarations
(pagination, filtersets, `extend_schema` parameters), so the server and the spec cannot disagree. A
request finds its operation by the URL route Django matched (`request.resolver_match.route`) and its
method; the answer is remembered per (URLconf, route, method), so after an operation's first request
the check is one dictionary lookup. The spec is generated once per process and URLconf, at a worker's
start (gunicorn.conf.py `post_worker_init`) or else on the first request that carries a query string.

An operation the spec does not list (none today) is not judged: `allowed_query_parameters` answers None.
"""

from __future__ import annotations

import re
import threading

from django.conf import settings

_lock = threading.Lock()
# URLconf → [(method, path pattern, names)]: the spec's operations, a fixed segment before a parameter.
_specs: dict[str, list[tuple[str, re.Pattern, frozenset[str]]]] = {}
# (URLconf, route, method) → names or None: what each route's requests were judged by.
_by_route: dict[tuple[str, str, str], frozenset[str] | None] = {}


def _operations() -> list[tuple[str, re.Pattern, frozenset[str]]]:
    from drf_spectacular.settings import spectacular_settings

    spec = spectacular_settings.DEFAULT_GENERATOR_CLASS().get_schema(request=None, public=True)
    operations = []
    for path, item in spec["paths"].items():
        pattern = re.compile("^" + re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(path)) + "/?$")
        for method, operation in item.items():
            if isinstance(operation, dict) and "responses" in operation:
                names = frozenset(
                    p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"
                )
                operations.append((method.upper(), pattern, names))
    # A fixed segment wins over a path parameter (/audit/export before /audit/{audit_entry_id}).
    operations.sort(key=lambda operation: operation[1].pattern.count("[^/]+"))
    return operations


def warm() -> None:
    """Generate the spec's table now (a worker's start), not on a client's request."""
    _spec(settings.ROOT_URLCONF)


def _spec(urlconf: str) -> list[tuple[str, re.Pattern, frozenset[str]]]:
    operations = _specs.get(urlconf)
    if operations is None:
        with _lock:
            operations = _specs.get(urlconf)
            if operations is None:
                operations = _specs[urlconf] = _operations()
    return operations


def allowed_query_parameters(request) -> frozenset[str] | None:
    """The query parameter names the request's operation takes, or None when the spec does not list it."""
    method = "GET" if request.method == "HEAD" else request.method
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    key = (urlconf, request.resolver_match.route, method)
    try:
        return _by_route[key]
    except KeyError:
        pass
    # The route's first request: find its operation among the spec's (a path of this route matches
    # exactly one), and remember the answer for every later request of the route.
    path = request.path_info
    names = next((n for m, pattern, n in _spec(urlconf) if m == method and pattern.match(path)), None)
    _by_route[key] = names
    return names


def unknown_parameter_message(name: str, allowed: frozenset[str]) -> str:
    takes = ", ".join(sorted(allowed)) if allowed else "no query parameters"
    return f"Unknown query parameter {name!r}. This operation takes: {takes}."
