"""A dependency that is down is the server's temporary problem, not a crash: 503, never 500.

PostgreSQL unreachable (refused, reset mid-query, restarted under us) surfaces as Django's
`OperationalError` / `InterfaceError`; Redis unreachable as redis-py's `ConnectionError` /
`TimeoutError`, which django-redis wraps in `ConnectionInterrupted`; the Celery broker (the same Redis)
as kombu's `OperationalError`. Each of those answers 503 `service_unavailable` with `Retry-After`, in the
API's envelope under `/api/` and as plain text elsewhere.

Nothing here reconnects: Django re-opens a broken database connection on the next request
(`CONN_HEALTH_CHECKS`), and redis-py's pool drops a broken connection and dials again on the next
command, so service resumes by itself once the dependency is back.

Authentication and rate limiting read Redis on every request, so with Redis down they fail closed: a
503, never a request let through unauthenticated or uncounted. Endpoints that need neither (the OpenAPI
document, the docs, /healthz) keep answering.
"""

from __future__ import annotations

import logging

from django.db import InterfaceError as DjangoInterfaceError
from django.db import OperationalError as DjangoOperationalError
from django.http import HttpResponse

logger = logging.getLogger("leadiosa.errors")

RETRY_AFTER_SECONDS = 5
CODE = "service_unavailable"
MESSAGE = "A service this request needs is temporarily unavailable. Retry after the Retry-After delay."


def _dependency_error_types() -> tuple[type[BaseException], ...]:
    types: list[type[BaseException]] = [DjangoOperationalError, DjangoInterfaceError]
    try:
        import psycopg

        types += [psycopg.OperationalError, psycopg.InterfaceError]
    except ImportError:  # pragma: no cover - psycopg is a base requirement
        pass
    try:
        import redis.exceptions

        # TimeoutError is not a ConnectionError subclass in redis-py.
        types += [redis.exceptions.ConnectionError, redis.exceptions.TimeoutError]
    except ImportError:  # pragma: no cover - redis is a base requirement
        pass
    try:
        from django_redis.exceptions import ConnectionInterrupted

        types.append(ConnectionInterrupted)
    except ImportError:  # pragma: no cover
        pass
    try:
        import kombu.exceptions

        types.append(kombu.exceptions.OperationalError)
    except ImportError:  # pragma: no cover
        pass
    return tuple(types)


DEPENDENCY_ERRORS = _dependency_error_types()


def dependency_failure(exc: BaseException | None) -> BaseException | None:
    """The dependency error behind `exc` (itself, or anything in its cause/context chain), if any.

    Libraries re-raise: django-redis raises ConnectionInterrupted from redis' ConnectionError, Django
    raises its OperationalError from psycopg's; code of ours may wrap either. So walk the chain.
    """
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, DEPENDENCY_ERRORS):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None


def which_dependency(exc: BaseException) -> str:
    module = type(exc).__module__
    if module.startswith(("redis", "django_redis")):
        return "redis"
    if module.startswith("kombu"):
        return "broker"
    return "database"


def log_unavailable(exc: BaseException, request_id: str | None) -> None:
    """One warning line (no traceback: the cause is known, and a stack trace of a refused connection
    tells an operator nothing the message does not)."""
    logger.warning(
        "dependency unavailable",
        extra={
            "request_id": request_id,
            "dependency": which_dependency(exc),
            "error": f"{type(exc).__name__}: {str(exc)[:200]}",
        },
    )


def retry_after_headers() -> dict[str, str]:
    return {"Retry-After": str(RETRY_AFTER_SECONDS)}


def plain_response() -> HttpResponse:
    """For paths outside the API (admin, docs): no envelope, but still a 503 a proxy understands."""
    response = HttpResponse(
        "Service temporarily unavailable. Please retry shortly.\n",
        status=503,
        content_type="text/plain; charset=utf-8",
    )
    for name, value in retry_after_headers().items():
        response[name] = value
    return response
