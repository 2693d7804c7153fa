"""What the browser loads: the loader script the host page embeds, and the chat frame it opens.

- `/widget/v1/loader.js`: the snippet's script. Cached 5 minutes (the snippet's URL never changes, so a
  new version must reach pages soon), revalidated by ETag, gzip when the browser takes it, readable by a
  page of any origin (`Cross-Origin-Resource-Policy: cross-origin`).
- `/widget/v1/<key>/frame`: the chat page inside the iframe. `Content-Security-Policy: frame-ancestors`
  names the workspace's allowed origins and nothing else (none allowed: `'none'`), so a page of any other
  origin cannot show it; the page loads only its own script and style sheet from the product.
- `/widget/v1/frame.js`, `/widget/v1/frame.css`: the frame's assets, versioned by content hash in their
  URL and cached for a year.
"""

from __future__ import annotations

import gzip
import hashlib
from functools import lru_cache
from pathlib import Path

from django.http import HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from apps.workspaces.models import Workspace
from leadiosa.api.errors import error_response
from leadiosa.tenancy import with_workspace

from .keys import public_key, workspace_of_key
from .models import WidgetSettings

ASSETS = Path(__file__).with_name("assets")
DEFAULT_GREETING = "Hi! How can we help?"

_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
LOADER_CACHE = "public, max-age=300, stale-while-revalidate=86400"
VERSIONED_CACHE = "public, max-age=31536000, immutable"


class Asset:
    def __init__(self, name: str):
        self.raw = (ASSETS / name).read_bytes()
        self.gzipped = gzip.compress(self.raw, compresslevel=9, mtime=0)
        self.version = hashlib.sha256(self.raw).hexdigest()[:12]
        self.etag = f'"{self.version}"'
        self.content_type = _TYPES[Path(name).suffix]


@lru_cache(maxsize=8)
def asset(name: str) -> Asset:
    return Asset(name)


def _serve(request, name: str, cache_control: str) -> HttpResponse:
    found = asset(name)
    if request.headers.get("If-None-Match") == found.etag:
        response = HttpResponseNotModified()
    elif "gzip" in request.headers.get("Accept-Encoding", ""):
        response = HttpResponse(found.gzipped, content_type=found.content_type)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(found.raw, content_type=found.content_type)
    response["ETag"] = found.etag
    response["Cache-Control"] = cache_control
    response["Vary"] = "Accept-Encoding"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


@require_safe
def loader_js(request):
    return _serve(request, "loader.js", LOADER_CACHE)


@require_safe
def frame_js(request):
    return _serve(request, "frame.js", VERSIONED_CACHE)


@require_safe
def frame_css(request):
    return _serve(request, "frame.css", VERSIONED_CACHE)


def frame_ancestors(allowed_origins: list[str]) -> str:
    return " ".join(allowed_origins) if allowed_origins else "'none'"


def content_security_policy(allowed_origins: list[str]) -> str:
    return (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
        "base-uri 'none'; form-action 'none'; "
        f"frame-ancestors {frame_ancestors(allowed_origins)}"
    )


@require_safe
@xframe_options_exempt  # framing is governed by CSP frame-ancestors (the allowed origins) instead
def frame(request, key: str):
    workspace_id = workspace_of_key(key)
    workspace = (
        Workspace.objects.filter(pk=workspace_id, status=Workspace.Status.ACTIVE).only("id", "name").first()
        if workspace_id
        else None
    )
    if workspace is None:
        return error_response(404, "not_found", "Not found.")
    with with_workspace(workspace.id):
        settings = WidgetSettings.objects.for_workspace(workspace.id).first()
    allowed = list(settings.allowed_origins) if settings else []
    context = {
        "key": public_key(workspace.id),
        "workspace_name": workspace.name,
        "greeting": (settings.greeting if settings else None) or DEFAULT_GREETING,
        "color": settings.color if settings else None,
        "js_url": f"/widget/v1/frame.js?v={asset('frame.js').version}",
        "css_url": f"/widget/v1/frame.css?v={asset('frame.css').version}",
    }
    response = render(request, "channels_widget/frame.html", context)
    response["Content-Security-Policy"] = content_security_policy(allowed)
    response["Cache-Control"] = "no-cache"  # settings (origins, greeting) apply on the next open
    response["Referrer-Policy"] = "no-referrer"
    return response
