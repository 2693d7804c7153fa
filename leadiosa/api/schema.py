"""OpenAPI: every operation documents the error envelope, the request id and the rate-limit headers."""

from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter

from leadiosa.api.error_schema import ERROR_COMPONENT  # noqa: F401 - re-exported for settings
from leadiosa.tenancy import with_workspace

ERROR_REF = {"$ref": "#/components/schemas/Error"}

REQUEST_ID_HEADER = {"X-Request-Id": {"schema": {"type": "string"}, "description": "This request's id."}}
RATE_LIMIT_HEADERS = {
    "X-RateLimit-Limit": {"schema": {"type": "integer"}, "description": "Requests allowed per minute."},
    "X-RateLimit-Remaining": {"schema": {"type": "integer"}, "description": "Requests left in this minute."},
    "X-RateLimit-Reset": {
        "schema": {"type": "integer"},
        "description": "Epoch seconds when the window ends.",
    },
}

ERROR_DESCRIPTIONS = {
    "400": "Validation error; `param` names the field.",
    "401": "Missing or invalid Authorization header.",
    "403": "Token is valid but lacks permission for this resource.",
    "404": "Resource not found (or not in this workspace).",
    "405": "Method not allowed on this route.",
    "409": "Conflict with the current state.",
    "413": "Request body over 1 MiB.",
    "415": "Body is not JSON.",
    "422": "Well-formed but cannot be processed.",
    "429": "Rate limited. See Retry-After.",
    "500": "Something broke on our side.",
    "503": "A dependency (database, cache) is temporarily down: `service_unavailable`. See Retry-After.",
}


IDEMPOTENCY_KEY = OpenApiParameter(
    name="Idempotency-Key",
    location=OpenApiParameter.HEADER,
    required=False,
    type={"type": "string", "minLength": 1, "maxLength": 255},
    description="Replays the first response to the same request for 24 hours (per token).",
)


class ApiAutoSchema(AutoSchema):
    def is_deprecated(self):
        return getattr(self.view, "deprecated", None) is not None or super().is_deprecated()

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self.method == "POST":
            parameters.append(IDEMPOTENCY_KEY)
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for response in responses.values():
            response.setdefault("headers", {}).update({**REQUEST_ID_HEADER, **RATE_LIMIT_HEADERS})
            if getattr(self.view, "deprecated", None) is not None:
                response["headers"]["X-API-Deprecation"] = {
                    "schema": {"type": "string"},
                    "description": 'version="v1"; sunset="YYYY-MM-DD"; link="<docs url>"',
                }
            if self.method == "POST":
                response["headers"]["Idempotent-Replayed"] = {
                    "schema": {"type": "string", "enum": ["true"]},
                    "description": "Present when this is the stored response to an earlier request.",
                }
                response["headers"]["Original-Request-Id"] = {
                    "schema": {"type": "string", "example": "req_a1b2c3"},
                    "description": "On a replayed error: the request_id the first request's error had. The "
                    "replayed body's request_id, like X-Request-Id, is this request's (the one in its log line).",
                }
        codes = ["400", "401", "403", "405", "429", "500", "503"]
        if "{" in self.path:
            codes.append("404")
        if self.method in ("POST", "PATCH", "PUT", "DELETE"):
            codes += ["404", "409", "413", "415", "422"]
        for code in codes:
            if code in responses:
                continue
            headers = dict(REQUEST_ID_HEADER)
            if code in ("429", "503"):
                headers["Retry-After"] = {"schema": {"type": "integer"}, "description": "Seconds to wait."}
            responses[code] = {
                "description": ERROR_DESCRIPTIONS[code],
                "content": {"application/json": {"schema": ERROR_REF}},
                "headers": headers,
            }
        return dict(sorted(responses.items()))


class ApiSchemaGenerator(SchemaGenerator):
    """Builds the spec inside a placeholder workspace scope: the generator and its django-filter
    extension ask default managers for empty querysets (`.none()`) to learn models; no row is read."""

    def get_schema(self, request=None, public=False):
        with with_workspace("ws_schema"):
            return super().get_schema(request=request, public=public)
