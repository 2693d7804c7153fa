"""Settings → Widget (admin and owner): the public key, the embed snippet, allowed origins, greeting and
colour, and the identity-verification secret (shown once after a rotation).

Thin, like every page here: the input is checked by the same serializer as `PATCH /api/v1/widget` and
written by the same services (apps.channels_widget), so the page emits the same `widget.updated` /
`widget.secret_rotated` events and audit entries (actor: the signed-in user). A new secret travels
through the session once (POST → redirect → GET pops it), so a reload never shows it again.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods, require_POST

from apps.channels_widget import services as widget_services
from apps.channels_widget.keys import public_key
from apps.channels_widget.serializers import MAX_ORIGINS, WidgetUpdateSerializer

from .access import Access, workspace_page
from .errors import SERVICE_ERRORS, service_error_message
from .views_settings import settings_page

NEW_SECRET = "settings_widget_secret"
FIELDS = ("allowed_origins", "greeting", "color")


def snippet(workspace_id: str) -> str:
    """The copy-paste embed code (CONTRACT §6)."""
    return (
        f'<script src="{settings.PUBLIC_BASE_URL}/widget/v1/loader.js" '
        f'data-workspace-key="{public_key(workspace_id)}" async></script>'
    )


def _origins_of(text: str) -> list[str]:
    """One origin a line (commas and spaces separate too); blank entries dropped."""
    return [part for part in text.replace(",", "\n").split() if part]


def _first_message(detail) -> str:
    """The first human message in a DRF error detail (a list of origins reports by index)."""
    if isinstance(detail, dict):
        return _first_message(next(iter(detail.values()), ""))
    if isinstance(detail, list):
        return _first_message(next((d for d in detail if d), ""))
    return str(detail)


def _widget_page(request, access: Access, *, form=None, errors=None, status=200):
    workspace_id = access.workspace.id
    current = widget_services.widget_settings_get(workspace_id=workspace_id)
    form = form or {
        "allowed_origins": "\n".join(current["allowed_origins"]),
        "greeting": current.get("greeting", ""),
        "color": current.get("color", ""),
    }
    return settings_page(
        request,
        access,
        "widget.html",
        {
            "widget": current,
            "form": form,
            "errors": errors or {},
            "snippet": snippet(workspace_id),
            "max_origins": MAX_ORIGINS,
            "secret_exists": widget_services.widget_secret_exists(workspace_id=workspace_id),
            "new_secret": request.session.pop(NEW_SECRET, None),
        },
        tab="widget",
        status=status,
    )


@require_http_methods(["GET", "POST"])
@workspace_page("manage_settings")
def settings_widget(request, access: Access):
    if request.method == "GET":
        return _widget_page(request, access)
    form = {field: request.POST.get(field, "") for field in FIELDS}
    body = WidgetUpdateSerializer(
        data={
            "allowed_origins": _origins_of(form["allowed_origins"]),
            "greeting": form["greeting"].strip(),
            "color": form["color"].strip(),
        }
    )
    if not body.is_valid():
        errors = {field: _first_message(detail) for field, detail in body.errors.items()}
        return _widget_page(request, access, form=form, errors=errors, status=400)
    try:
        widget_services.widget_settings_update(workspace_id=access.workspace.id, changes=body.validated_data)
    except SERVICE_ERRORS as exc:
        return _widget_page(
            request, access, form=form, errors={"form": service_error_message(exc)}, status=400
        )
    messages.success(request, "Widget settings saved.")
    return redirect("dashboard:settings_widget", ws_id=access.workspace.id)


@require_POST
@workspace_page("manage_settings")
def settings_widget_rotate(request, access: Access):
    try:
        secret = widget_services.widget_secret_rotate(access.workspace.id)
    except SERVICE_ERRORS as exc:
        messages.error(request, service_error_message(exc))
    else:
        request.session[NEW_SECRET] = secret
    return redirect("dashboard:settings_widget", ws_id=access.workspace.id)
