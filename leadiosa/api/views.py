"""The base every API view inherits: the request path of ARCHITECTURE.md in one place.

token auth → rate limit → permission → tenancy scope → (idempotency) → handler → headers.
Subclasses supply `scoped_queryset()`; they cannot override get_queryset/get_object, so no view can
forget the workspace filter.
"""

from __future__ import annotations

from collections import defaultdict

from django.http import Http404
from rest_framework import exceptions, viewsets
from rest_framework.views import APIView

from leadiosa import context
from leadiosa.api import deprecation, idempotency, ratelimit
from leadiosa.api.auth import BearerTokenAuthentication, record_use
from leadiosa.api.errors import ApiError
from leadiosa.api.pagination import KeysetPagination
from leadiosa.api.permissions import RoleScopePermission, denial_message
from leadiosa.api.query_parameters import allowed_query_parameters, unknown_parameter_message
from leadiosa.api.renderers import ApiJSONRenderer
from leadiosa.context import Actor
from leadiosa.tenancy import current_workspace_id, enter_workspace, leave_workspace, with_workspace

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


_JSON = ApiJSONRenderer()
# Stateless, so one instance serves every request (DRF would build new ones each time).
_AUTHENTICATORS = (BearerTokenAuthentication(),)
_PERMISSIONS = (RoleScopePermission(),)


class _Replay(Exception):  # noqa: N818 - not an error: carries the stored response to handle_exception
    """An idempotent POST seen before: answer the stored response instead of running the handler."""

    def __init__(self, response):
        super().__init__("idempotent replay")
        self.response = response


class ApiViewMixin:
    # No OPTIONS: it answers 405 method_not_allowed like any other method a route does not have (DRF's
    # metadata would list output fields as required inputs).
    http_method_names = ["get", "post", "put", "patch", "delete", "head"]
    read_role = "agent"
    write_role = "agent"
    action_roles: dict[str, str] = {}
    # Writes on a closed workspace answer 409 workspace_closed, except these actions (restore, ...).
    allowed_when_closed: tuple[str, ...] = ()
    deprecated: deprecation.Deprecation | None = None

    def dispatch(self, request, *args, **kwargs):
        """DRF's own dispatch, with the workspace scope (entered in `initial`) reset in `finally`."""
        self._scope_token = None
        self._idempotency_record = None
        try:
            return super().dispatch(request, *args, **kwargs)
        finally:
            if self._idempotency_record is not None:  # a crash past the handler: let the client retry
                idempotency.release(self._idempotency_record)
            if self._scope_token is not None:
                leave_workspace(self._scope_token)

    def initial(self, request, *args, **kwargs):
        if request.method.lower() not in self.http_method_names or not hasattr(self, request.method.lower()):
            # The route exists but not this method: say so before anything else (even before auth).
            raise exceptions.MethodNotAllowed(request.method)
        self.format_kwarg = self.get_format_suffix(**kwargs)
        neg = self.perform_content_negotiation(request)
        request.accepted_renderer, request.accepted_media_type = neg
        self.perform_authentication(request)
        ctx = request.auth
        info = context.current()
        info.token_id = ctx.token_id
        info.actor = Actor(type="token", id=ctx.token_id, user_id=ctx.user_id)
        self._scope_token = enter_workspace(ctx.workspace_id)
        count, reset_at = request.rate_count  # counted during authentication, in the same round trip
        self.rate_window = ratelimit.Window(limit=ctx.rate_limit_per_minute, count=count, reset_at=reset_at)
        if count == 1:
            record_use(ctx.token_id)
        ratelimit.raise_if_exceeded(self.rate_window)
        self.check_permissions(request)
        self.check_query_parameters(request)
        if self.deprecated is not None:
            deprecation.mark(request, self.deprecated)
        # A replay answers what the first request got, whatever the workspace's state is now.
        self._start_idempotent_request(request)
        self.check_workspace_open(request)

    def get_authenticators(self):
        return _AUTHENTICATORS

    def get_permissions(self):
        return _PERMISSIONS

    def perform_content_negotiation(self, request, force=False):
        # JSON in, JSON out: the API answers JSON whatever the Accept header asks for.
        return _JSON, _JSON.media_type

    def check_query_parameters(self, request):
        """A parameter sent with an empty value (`after=`) is treated as absent (CONTRACT §1): it is
        dropped here, before any filter, pagination or view reads the query string. A NUL character can
        be in no id, name or text we store, and PostgreSQL refuses it outright."""
        query = request._request.GET
        if query:  # one pass over the query string; none at all for a request without one
            pairs = [(name, value) for name, values in query.lists() for value in values]
            if any(value == "" for _, value in pairs):
                pairs = [(name, value) for name, value in pairs if value != ""]
                query = query.copy()
                for name, values in list(query.lists()):
                    kept = [value for value in values if value != ""]
                    if kept:
                        query.setlist(name, kept)
                    else:
                        del query[name]
                query._mutable = False
                request._request.GET = query
            allowed = allowed_query_parameters(request) if query else None
            unknown = [name for name in query if allowed is not None and name not in allowed]
            if unknown:
                raise ApiError(
                    400, "invalid_parameter", unknown_parameter_message(unknown[0], allowed), param=unknown[0]
                )
            for name, value in pairs:
                if "\x00" in value:
                    raise ApiError(400, "invalid_parameter", f"{name} contains a NUL character.", param=name)
        for value in self.kwargs.values():
            if "\x00" in str(value):  # no stored id has one: the resource named here does not exist
                if hasattr(self, "not_found"):
                    raise self.not_found(str(value).replace("\x00", ""))
                raise ApiError(404, "route_not_found", "No route matches this path.")

    def check_workspace_open(self, request):
        if (
            request.method in WRITE_METHODS
            and request.auth.workspace_status == "closed"
            and getattr(self, "action", None) not in self.allowed_when_closed
        ):
            raise ApiError(
                409, "workspace_closed", "This workspace is closed: it can be read but not changed."
            )

    def _start_idempotent_request(self, request):
        key = request.META.get("HTTP_IDEMPOTENCY_KEY")
        if request.method != "POST" or key is None:
            return None
        outcome = idempotency.reserve(request, key, request.auth)
        if isinstance(outcome, idempotency.IdempotencyRecord):
            self._idempotency_record = outcome
            return
        raise _Replay(outcome)

    def handle_exception(self, exc):
        if isinstance(exc, _Replay):
            return exc.response
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        if self._idempotency_record is not None:  # the first answer to this key, success or error
            idempotency.complete(self._idempotency_record, response)
            self._idempotency_record = None
        response = super().finalize_response(request, response, *args, **kwargs)
        window = getattr(self, "rate_window", None)
        if window is not None:
            response["X-RateLimit-Limit"] = str(window.limit)
            response["X-RateLimit-Remaining"] = str(window.remaining)
            response["X-RateLimit-Reset"] = str(window.reset_at)
        deprecations = getattr(request, "_deprecations", ())
        if deprecations:
            # One header naming every deprecated feature the request used, comma-separated as HTTP joins
            # a repeated field (each element keeps the CONTRACT's `version=…; sunset=…; link=…` form).
            response["X-API-Deprecation"] = ", ".join(dict.fromkeys(used.header() for used in deprecations))
        # request.auth is read only for a deprecation: reading it authenticates (401 without a token).
        for used in deprecations:
            if request.auth is not None:
                deprecation.record_use(request.auth.workspace_id, used)
        return response

    def permission_denied(self, request, message=None, code=None):
        if request.auth is None:
            raise ApiError(401, "missing_token", "Send your API token as 'Authorization: Bearer <token>'.")
        # RoleScopePermission raises its own 403 naming the missing scope or role; DRF calls this only for
        # a permission that returns False or an object-level refusal (none today): name what is required.
        raise ApiError(403, "permission_denied", denial_message(self, request))


class WorkspaceAPIView(ApiViewMixin, APIView):
    """A single-object or action endpoint of the token's workspace."""


class WorkspaceViewSet(ApiViewMixin, viewsets.GenericViewSet):
    """A resource collection of the token's workspace.

    Subclasses implement `scoped_queryset()` (already filtered to the current workspace by the tenant
    manager) and name their 404 with `not_found_code` / `resource_label`.
    """

    pagination_class = KeysetPagination
    lookup_value_regex = "[^/]+"
    not_found_code = "not_found"
    resource_label = "Resource"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for forbidden in ("get_queryset", "get_object"):
            if forbidden in cls.__dict__:
                raise TypeError(f"{cls.__name__} must not override {forbidden}; implement scoped_queryset().")

    def scoped_queryset(self):
        raise NotImplementedError

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self._schema_queryset()
        return self.scoped_queryset()

    def _schema_queryset(self):
        """For the OpenAPI generator only: the view's queryset shape, with no request and no data."""
        self.kwargs = defaultdict(str, self.kwargs)
        with with_workspace("ws_schema"):
            return self.scoped_queryset().none()

    def get_object(self):
        lookup = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        try:
            obj = self.filter_queryset_for_object(self.get_queryset()).get(**{self.lookup_field: lookup})
        except (self.get_queryset().model.DoesNotExist, ValueError, Http404):
            raise self.not_found(lookup) from None
        self.check_object_permissions(self.request, obj)
        return obj

    def filter_queryset_for_object(self, queryset):
        return queryset

    def validated_body(self, serializer_class, *, exists) -> dict:
        """The request body, validated. A refused body answers 404 instead when the object the URL names
        does not exist (`exists()` raises it), as every endpoint does; a valid one does not read the
        object here: the write's service reads it once, under its row lock, and answers 404 itself."""
        body = serializer_class(data=self.request.data)
        if not body.is_valid():
            exists()
            raise exceptions.ValidationError(body.errors)
        return body.validated_data

    def object_reference(self, lookup: str, *, valid: bool = True):
        """The object the URL names, not read (its id and workspace only), for a service that reads it
        under its row lock; an id that cannot name one (`valid` false) answers 404 at once."""
        if not valid:
            raise self.not_found(str(lookup).replace("\x00", ""))
        model = self.get_queryset().model
        return model(pk=lookup, workspace_id=current_workspace_id())

    def not_found(self, lookup) -> ApiError:
        return ApiError(404, self.not_found_code, f"{self.resource_label} {lookup} not found.")
