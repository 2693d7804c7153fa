"""The outermost layer of every request: its id, its log line, and the API's guard rails."""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.http import HttpResponseBadRequest

from leadiosa import context
from leadiosa.api.errors import error_response
from leadiosa.ids import random_base62

request_logger = logging.getLogger("leadiosa.request")


def new_request_id() -> str:
    return "req_" + random_base62(20)


def client_ip(request) -> str:
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        # REMOTE_ADDR is the nearest proxy; X-Forwarded-For holds what each proxy saw, the last proxy's
        # entry last. The client is what the outermost of our proxies saw.
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


# Answers given before a view's rate limit ran: an unknown route, a wrong method, a body too large or
# of unknown length. An authenticated one still counts and carries the X-RateLimit-* headers.
UNROUTED_STATUSES = frozenset({404, 405, 411, 413})


def _count_unrouted(request, response) -> None:
    from leadiosa.api.auth import count_unrouted

    try:
        window = count_unrouted(request)
    except Exception:  # noqa: BLE001 - Redis or PostgreSQL down: the request's own answer stands
        request_logger.warning("rate limit not counted for an unrouted request", exc_info=True)
        return
    if window is not None:
        response["X-RateLimit-Limit"] = str(window.limit)
        response["X-RateLimit-Remaining"] = str(window.remaining)
        response["X-RateLimit-Reset"] = str(window.reset_at)


class RequestContextMiddleware:
    """Gives the request an id (X-Request-Id, error bodies, logs) and writes one JSON log line for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        request_id = new_request_id()
        ip = client_ip(request)
        request.META["LEADIOSA_CLIENT_IP"] = ip
        # A well-formed client X-Request-Id is kept as client_request_id (log line, audit entries); ours
        # stays the one in the response header and error bodies.
        client_id = context.client_request_id(request.META.get("HTTP_X_REQUEST_ID"))
        info = context.RequestInfo(request_id=request_id, ip=ip, client_request_id=client_id)
        token = context.begin(info)
        try:
            response = self.get_response(request)
        finally:
            context.end(token)
        response["X-Request-Id"] = request_id
        if (
            response.status_code in UNROUTED_STATUSES
            and request.path.startswith("/api/")
            and not response.has_header("X-RateLimit-Limit")
        ):
            _count_unrouted(request, response)
        request_logger.info(
            "request",
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                "workspace_id": info.workspace_id,
                "token_id": info.token_id,
                "request_id": request_id,
                "client_request_id": client_id,
            },
        )
        return response


class QueryStringGuardMiddleware:
    """A NUL character in a query parameter is answered 400 on every page, before any view runs.

    No id, name or text we store holds one and PostgreSQL refuses it in any text parameter, so a search
    box (`/app/…/inbox/?q=a%00b`, the admin's changelist search) would otherwise answer 500. The API's
    views say the same in the envelope, naming the parameter (ApiViewMixin.check_query_parameters), so
    API paths are left to them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # QUERY_STRING is still percent-encoded: only one holding %00 is decoded to look closer.
        if (
            "%00" in request.META.get("QUERY_STRING", "")
            and not request.path.startswith("/api/")
            and any("\x00" in value for _name, values in request.GET.lists() for value in values)
        ):
            return HttpResponseBadRequest(
                "A query parameter contains a NUL character.", content_type="text/plain"
            )
        return self.get_response(request)


class ApiGuardMiddleware:
    """Refuses oversized API bodies before anything reads them, and bodies of unknown length."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):
            if request.META.get("HTTP_TRANSFER_ENCODING") and not request.META.get("CONTENT_LENGTH"):
                # A chunked body: the server de-chunks it, but WSGI hands Django no length, so Django
                # would read it as empty and the view would answer as if nothing was sent. Say so.
                return error_response(
                    411, "length_required", "Send the request body with a Content-Length header, not chunked."
                )
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > settings.API_MAX_BODY_BYTES:
                return error_response(413, "request_too_large", "The request body exceeds 1 MiB.")
        return self.get_response(request)
