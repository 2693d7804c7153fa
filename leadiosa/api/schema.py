"""OpenAPI: drf-spectacular's schema class and generator, as the product uses them. What every operation
documents besides its own body (the error envelope, the request id, the rate-limit and idempotency
headers) the spec hook adds (leadiosa/api/spec/hook.py)."""

from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.openapi import AutoSchema

from leadiosa.api.error_schema import ERROR_COMPONENT  # noqa: F401 - re-exported for settings
from leadiosa.tenancy import with_workspace


class ApiAutoSchema(AutoSchema):
    def is_deprecated(self):
        return getattr(self.view, "deprecated", None) is not None or super().is_deprecated()


class ApiSchemaGenerator(SchemaGenerator):
    """Builds the spec inside a placeholder workspace scope: the generator and its django-filter
    extension ask default managers for empty querysets (`.none()`) to learn models; no row is read."""

    def get_schema(self, request=None, public=False):
        with with_workspace("ws_schema"):
            return super().get_schema(request=request, public=public)
