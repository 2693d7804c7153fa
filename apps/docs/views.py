"""Developer documentation served by the product, with no request leaving the server.

The reference pages are rendered from the very spec /api/v1/openapi.json serves (built once per
process) and from the words in leadiosa/api/spec, so the pages, the spec and generated SDKs agree.
"""

from __future__ import annotations

import json
import threading

import markdown
from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET
from drf_spectacular.settings import spectacular_settings

from leadiosa.api.spec.errors import ERROR_CODES, STATUS_TITLES
from leadiosa.api.spec.events import CATALOGUE, DELIVERY_HEADERS, EXAMPLES, RETRY_SCHEDULE
from leadiosa.api.spec.operations import TAGS
from leadiosa.api.spec.samples import CURL_LABEL, PYTHON_LABEL

from .changelog import CHANGES, POLICY

RESOURCES = [name for name, _ in TAGS]
RESOURCE_INTROS = dict(TAGS)
METHOD_ORDER = {"get": 0, "post": 1, "patch": 2, "put": 3, "delete": 4}

_spec = None
_spec_lock = threading.Lock()


def served_spec() -> dict:
    """The spec /api/v1/openapi.json serves, generated once per process."""
    global _spec
    with _spec_lock:
        if _spec is None:
            generator = spectacular_settings.DEFAULT_GENERATOR_CLASS()
            _spec = generator.get_schema(request=None, public=True)
        return _spec


def md(text: str) -> str:
    return mark_safe(markdown.markdown(text or "", extensions=["tables"]))  # noqa: S308 - our own words


def _nav(current: str = "") -> list[dict]:
    return [{"slug": slug, "current": slug == current} for slug in RESOURCES]


class _Schemas:
    def __init__(self, spec: dict):
        self.components = spec["components"]["schemas"]

    def resolve(self, schema: dict) -> dict:
        while "$ref" in schema:
            schema = self.components[schema["$ref"].split("/")[-1]]
        return schema

    def type_of(self, schema: dict) -> str:
        if "$ref" in schema:
            target = self.resolve(schema)
            if "enum" in target:
                return " | ".join(f"`{v}`" for v in target["enum"] if v is not None)
            return schema["$ref"].split("/")[-1]
        if "enum" in schema:
            return " | ".join(f"`{v}`" for v in schema["enum"] if v is not None)
        for combiner in ("allOf", "oneOf", "anyOf"):
            if combiner in schema:
                kinds = [self.type_of(part) for part in schema[combiner] if part.get("type") != "null"]
                return kinds[0] if kinds else "null"
        kind = schema.get("type", "object")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), "null")
        if kind == "array":
            return f"array of {self.type_of(schema.get('items', {}))}"
        if schema.get("format") == "date-time":
            return "timestamp"
        return kind

    def fields(self, schema: dict) -> list[dict]:
        schema = self.resolve(schema)
        if "allOf" in schema:
            merged = {"properties": {}, "required": []}
            for part in schema["allOf"]:
                part = self.resolve(part)
                merged["properties"].update(part.get("properties", {}))
                merged["required"] += part.get("required", [])
            schema = merged
        required = set(schema.get("required", []))
        rows = []
        for name, prop in schema.get("properties", {}).items():
            description = prop.get("description") or ""
            if not description and "$ref" in prop:
                target = self.resolve(prop)
                if "enum" not in target:
                    description = target.get("description", "")
            rows.append(
                {
                    "name": name,
                    "type": self.type_of(prop),
                    "required": name in required,
                    "description": description,
                }
            )
        return rows


def _code_sample(operation: dict, label: str) -> str:
    """The operation's `x-codeSamples` entry: the spec and these pages print the same sample, made once in
    leadiosa.api.spec.samples."""
    return next(sample["source"] for sample in operation["x-codeSamples"] if sample["label"] == label)


def _operations(spec: dict, tag: str) -> list[dict]:
    schemas = _Schemas(spec)
    found = []
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if tag not in operation.get("tags", []):
                continue
            request_body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            success = next(
                (
                    (status, response)
                    for status, response in operation["responses"].items()
                    if status[0] == "2"
                ),
                ("200", {}),
            )
            success_media = success[1].get("content", {})
            json_media = success_media.get("application/json")
            response_fields = []
            if json_media:
                schema = schemas.resolve(json_media["schema"])
                if "data" in schema.get("properties", {}) and "items" in schemas.resolve(
                    schema["properties"]["data"]
                ):
                    response_fields = schemas.fields(schema["properties"]["data"]["items"])
                else:
                    response_fields = schemas.fields(json_media["schema"])
            errors = []
            for status, response in operation["responses"].items():
                if status[0] in "45":
                    media = response.get("content", {}).get("application/json", {})
                    codes = list(media.get("examples", {}))
                    errors.append(
                        {
                            "status": status,
                            "title": STATUS_TITLES.get(int(status), ""),
                            "codes": [{"code": c, "meaning": ERROR_CODES[c].meaning} for c in codes],
                        }
                    )
            found.append(
                {
                    "anchor": operation["operationId"],
                    "operation_id": operation["operationId"],
                    "method": method.upper(),
                    "path": path,
                    "summary": operation["summary"],
                    "description": md(operation.get("description", "")),
                    "parameters": [
                        {
                            "name": p["name"],
                            "in": p["in"],
                            "required": p.get("required", False),
                            "type": schemas.type_of(p.get("schema", {})),
                            "description": md(p.get("description", "")),
                        }
                        for p in operation.get("parameters", [])
                    ],
                    "request_fields": [
                        {**f, "description": md(f["description"]), "type": md(f["type"])}
                        for f in (schemas.fields(request_body["schema"]) if request_body else [])
                    ],
                    "response_fields": [
                        {**f, "description": md(f["description"]), "type": md(f["type"])}
                        for f in response_fields
                    ],
                    "success_status": success[0],
                    "success_description": success[1].get("description", ""),
                    "response_example": json.dumps(json_media.get("example"), indent=2, ensure_ascii=False)
                    if json_media
                    else "",
                    "errors": errors,
                    "curl": _code_sample(operation, CURL_LABEL),
                    "python": _code_sample(operation, PYTHON_LABEL),
                    "order": (path.count("/"), path, METHOD_ORDER.get(method, 9)),
                }
            )
    return sorted(found, key=lambda op: op["order"])


@require_GET
def index(request):
    return _with_csp(render(request, "docs/index.html", {"resources": RESOURCE_INTROS, "nav": _nav()}))


# The docs make no request beyond this server: the browser enforces it too.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; "
    "frame-ancestors 'self'; base-uri 'none'; form-action 'none'"
)
REDOC_BUNDLE = "drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"
REDOC_REMOTE_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"
_redoc = None


def _with_csp(response):
    response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    return response


@require_GET
def reference(request):
    return _with_csp(render(request, "docs/reference.html", {}))


@require_GET
def redoc_bundle(request):
    """The pinned Redoc bundle (drf-spectacular-sidecar), its one remote asset (the footer logo) pointed
    at a local copy, so the reference makes no request beyond this server."""
    global _redoc
    if _redoc is None:
        with open(finders.find(REDOC_BUNDLE), encoding="utf-8") as bundle:
            _redoc = bundle.read().replace(REDOC_REMOTE_LOGO, static("docs/redoc-logo.svg"))
    response = HttpResponse(_redoc, content_type="application/javascript; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_GET
def resource(request, resource: str):
    if resource not in RESOURCE_INTROS:
        raise Http404("No such resource.")
    spec = served_spec()
    page = render(
        request,
        "docs/resource.html",
        {
            "resource": resource,
            "intro": RESOURCE_INTROS[resource],
            "operations": _operations(spec, resource),
            "nav": _nav(resource),
        },
    )
    return _with_csp(page)


@require_GET
def webhooks(request):
    events = [
        {
            "type": event.type,
            "fires_when": md(event.fires_when),
            "object": event.object_schema,
            "note": md(event.object_note),
            "example": json.dumps(EXAMPLES[event.type], indent=2, ensure_ascii=False),
        }
        for event in CATALOGUE
    ]
    headers = [{"name": name, "description": md(description)} for name, description, _ in DELIVERY_HEADERS]
    return _with_csp(
        render(
            request,
            "docs/webhooks.html",
            {
                "events": events,
                "headers": headers,
                "retries": RETRY_SCHEDULE,
                "nav": _nav(),
                "section": "webhooks",
            },
        )
    )


@require_GET
def errors(request):
    codes = sorted(ERROR_CODES.values(), key=lambda error: (error.status, error.code))
    rows = [
        {
            "code": error.code,
            "status": error.status,
            "title": STATUS_TITLES.get(error.status, ""),
            "meaning": md(error.meaning),
            "action": md(error.action),
        }
        for error in codes
    ]
    return _with_csp(
        render(request, "docs/errors.html", {"errors": rows, "nav": _nav(), "section": "errors"})
    )


@require_GET
def changelog(request):
    changes = [{"date": date, "title": title, "body": md(body)} for date, title, body in CHANGES]
    return _with_csp(
        render(
            request,
            "docs/changelog.html",
            {"changes": changes, "policy": md(POLICY), "nav": _nav(), "section": "changelog"},
        )
    )
