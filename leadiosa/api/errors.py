"""One error envelope for every failure: {"error": {"code", "message", "request_id", "param"?}}."""

from __future__ import annotations

import logging
import sys

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent, TooManyFilesSent
from django.http import Http404, JsonResponse
from rest_framework import exceptions
from rest_framework.response import Response

from leadiosa import context
from leadiosa.api import unavailable
from leadiosa.errors import DomainError

logger = logging.getLogger("leadiosa.errors")

WWW_AUTHENTICATE = 'Bearer realm="api"'


class ApiError(DomainError):
    """An error the API layer itself reports (auth, query parameters, cursors, routes): a DomainError
    whose status is fixed by the HTTP contract. Services raise `leadiosa.errors` kinds instead."""

    def __init__(self, status: int, code: str, message: str, *, param: str | None = None, headers=None):
        super().__init__(code, message, status_hint=status, param=param, headers=headers)

    @property
    def status(self) -> int:
        return self.status_hint


def error_body(code: str, message: str, param: str | None = None) -> dict:
    body = {"code": code, "message": message}
    if param:
        body["param"] = param
    request_id = context.current().request_id
    if request_id:
        body["request_id"] = request_id
    return {"error": body}


def error_response(status: int, code: str, message: str, param: str | None = None) -> JsonResponse:
    """For paths outside DRF (middleware, unknown routes)."""
    return JsonResponse(error_body(code, message, param), status=status)


def first_validation_problem(detail, path: tuple = ()) -> tuple[str | None, str]:
    """The dotted path and message of the first problem in a DRF error detail."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            sub = path if key in ("non_field_errors",) else (*path, str(key))
            return first_validation_problem(value, sub)
    if isinstance(detail, list):
        for index, value in enumerate(detail):
            if isinstance(value, dict | list) and value:
                # A list of nested objects: name the element.
                return first_validation_problem(
                    value, (*path, str(index)) if isinstance(value, dict) else path
                )
            if value:
                return first_validation_problem(value, path)
        return (".".join(path) or None, "Invalid value.")
    return (".".join(path) or None, str(detail))


def _describe(exc) -> tuple[int, str, str, str | None, dict]:
    if isinstance(exc, DomainError):  # raised by a service (or ApiError, by the API layer)
        return exc.status_hint, exc.code, exc.message, exc.param, exc.headers
    if isinstance(exc, exceptions.ValidationError):
        param, message = first_validation_problem(exc.detail)
        if param and message and not message.endswith("."):
            message += "."
        return 400, "validation_error", message, param, {}
    if isinstance(exc, exceptions.ParseError):
        return 400, "invalid_json", "The request body is not valid JSON.", None, {}
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return 415, "unsupported_media_type", "Send JSON with 'Content-Type: application/json'.", None, {}
    if isinstance(exc, exceptions.NotAuthenticated):
        return 401, "missing_token", "Send your API token as 'Authorization: Bearer <token>'.", None, {}
    if isinstance(exc, exceptions.AuthenticationFailed):
        return 401, "invalid_token", "The API token is invalid, expired or revoked.", None, {}
    if isinstance(exc, exceptions.PermissionDenied | DjangoPermissionDenied):
        # The exception knows nothing of the view; api_exception_handler names the role and scope the
        # request requires from its context (_permission_message) whenever they can be known.
        return 403, "permission_denied", "This token is not allowed to do this.", None, {}
    if isinstance(exc, exceptions.MethodNotAllowed):
        return 405, "method_not_allowed", str(exc.detail), None, {}
    if isinstance(exc, exceptions.NotAcceptable):
        return 406, "not_acceptable", "This API only answers in JSON.", None, {}
    if isinstance(exc, exceptions.NotFound | Http404):
        return 404, "not_found", "Not found.", None, {}
    if isinstance(exc, exceptions.Throttled):
        return 429, "rate_limited", "Too many requests.", None, {"Retry-After": str(int(exc.wait or 1))}
    if isinstance(exc, RequestDataTooBig):
        return 413, "request_too_large", "The request body exceeds 1 MiB.", None, {}
    if isinstance(exc, SuspiciousOperation):  # never a 500: Django's guards against crafted requests
        return _suspicious(exc)
    if isinstance(exc, exceptions.APIException):
        return exc.status_code, "invalid_request", str(exc.detail), None, {}
    if unavailable.dependency_failure(exc) is not None:  # PostgreSQL or Redis down: 503, never 500
        return 503, unavailable.CODE, unavailable.MESSAGE, None, unavailable.retry_after_headers()
    return (
        500,
        "internal_error",
        "Something broke on our side. Include the request_id when reporting.",
        None,
        {},
    )


def api_exception_handler(exc, ctx):
    """DRF's EXCEPTION_HANDLER: builds the envelope.

    Every write runs in a service's own `transaction.atomic()`, so an error raised inside it has already
    rolled that transaction back by the time it reaches here.
    """
    status, code, message, param, headers = _describe(exc)
    if code == "permission_denied" and not isinstance(exc, DomainError):
        message = _permission_message(ctx, message)
    if code == unavailable.CODE:
        unavailable.log_unavailable(unavailable.dependency_failure(exc), context.current().request_id)
    elif status >= 500:
        logger.error(
            "unhandled error",
            exc_info=(type(exc), exc, exc.__traceback__),
            extra={"request_id": context.current().request_id},
        )
    if status == 401:  # every 401 says how to authenticate (RFC 9110 §11.6.1; CONTRACT §1)
        headers = {**headers, "WWW-Authenticate": WWW_AUTHENTICATE}
    return Response(error_body(code, message, param), status=status, headers=headers)


def _permission_message(ctx, fallback: str) -> str:
    """A PermissionDenied (DRF's or Django's) raised inside an API view: name the role and scope the request
    requires, as RoleScopePermission's own refusals do. Without the view or an authenticated request (an
    exception raised before authentication) what is required cannot be known: the generic message stays."""
    from leadiosa.api.permissions import denial_message  # permissions imports this module

    view, request = (ctx or {}).get("view"), (ctx or {}).get("request")
    if view is None or getattr(request, "auth", None) is None:
        return fallback
    return denial_message(view, request)


def json_404(request, exception=None):
    if not request.path.startswith("/api/"):
        from django.views.defaults import page_not_found

        return page_not_found(request, exception)
    return error_response(404, "route_not_found", f"No route matches {request.method} {request.path}.")


def json_500(request):
    # Django calls this inside its `except` block, so the exception that got here is still current.
    failure = unavailable.dependency_failure(sys.exc_info()[1])
    if failure is not None:
        unavailable.log_unavailable(failure, context.current().request_id)
        if not request.path.startswith("/api/"):
            return unavailable.plain_response()
        response = error_response(503, unavailable.CODE, unavailable.MESSAGE)
        for name, value in unavailable.retry_after_headers().items():
            response[name] = value
        return response
    return error_response(
        500, "internal_error", "Something broke on our side. Include the request_id when reporting."
    )


def _suspicious(exc) -> tuple[int, str, str, str | None, dict]:
    if isinstance(exc, RequestDataTooBig):
        return 413, "request_too_large", "The request body exceeds 1 MiB.", None, {}
    if isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        return 400, "too_many_parameters", "The request has too many parameters.", None, {}
    return 400, "bad_request", "The request could not be understood.", None, {}


def json_400(request, exception=None):
    # Django's answer to a SuspiciousOperation raised outside DRF (middleware, Host header, ...).
    status, code, message, _, _ = _suspicious(exception)
    return error_response(status, code, message)


def json_403(request, exception=None):
    return error_response(403, "permission_denied", "This request is not allowed.")
