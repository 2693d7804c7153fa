"""Settings → Webhooks: endpoints (create, edit events, enable/disable, delete, rotate the secret, send a
test event) and each endpoint's delivery log (filter by state, redeliver one event now)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.webhooks import redelivery, services
from apps.webhooks.models import WebhookDelivery, WebhookDeliveryAttempt, WebhookEndpoint
from apps.webhooks.serializers import WebhookSerializer
from apps.webhooks.services import PREVIOUS_SECRET_LIFETIME
from leadiosa.ids import is_public_id

from .access import Access, workspace_page
from .errors import SERVICE_ERRORS, service_error_message
from .forms_settings import EVENT_DESCRIPTIONS, WebhookEventsForm, WebhookForm
from .views_settings import settings_page

NEW_SECRET = "settings_new_webhook_secret"
# The log's state filter: a person's words for the delivery states.
STATES = {
    "succeeded": {"status": WebhookDelivery.Status.SUCCEEDED},
    "failing": {"status": WebhookDelivery.Status.PENDING, "attempts__gt": 0},
    "pending": {"status": WebhookDelivery.Status.PENDING, "attempts": 0},
    "given_up": {"status": WebhookDelivery.Status.FAILED},
}


def _endpoint(wh_id: str) -> WebhookEndpoint:
    found = WebhookEndpoint.objects.filter(pk=wh_id).first() if is_public_id(wh_id, "wh") else None
    if found is None:
        raise Http404("No such webhook endpoint.")
    return found


def _events_with_descriptions(selected=()):
    return [
        {
            "name": name,
            "description": EVENT_DESCRIPTIONS.get(name, "Every event of the catalogue."),
            "on": name in selected,
        }
        for name in ["*", *EVENT_DESCRIPTIONS]
    ]


@require_http_methods(["GET", "POST"])
@workspace_page("manage_settings")
def settings_webhooks(request, access: Access):
    form = WebhookForm(request.POST or None)
    error, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                endpoint, secret = redelivery.webhook_create_checked(
                    url=data["url"].strip(), events=data["events"], description=data["description"]
                )
            except SERVICE_ERRORS as exc:
                error, status = service_error_message(exc), 400
            else:
                request.session[NEW_SECRET] = {"id": endpoint.id, "secret": secret}
                messages.success(request, "Endpoint created. Copy its signing secret now: it is shown once.")
                return redirect("dashboard:settings_webhook", ws_id=access.workspace.id, wh_id=endpoint.id)
        else:
            status = 400
    endpoints = list(WebhookEndpoint.objects.order_by("-created_at", "-id"))
    return settings_page(
        request,
        access,
        "webhooks.html",
        {
            "endpoints": endpoints,
            "form": form,
            "error": error,
            "events": _events_with_descriptions(request.POST.getlist("events")),
        },
        tab="webhooks",
        status=status,
    )


@require_GET
@workspace_page("manage_settings")
def settings_webhook(request, access: Access, wh_id: str):
    endpoint = _endpoint(wh_id)
    state = request.GET.get("state", "")
    deliveries = WebhookDelivery.objects.filter(endpoint_id=endpoint.id)
    if state in STATES:
        deliveries = deliveries.filter(**STATES[state])
    rows = list(deliveries.order_by("-created_at", "-id")[:100])
    attempts: dict[str, list] = {}
    for attempt in WebhookDeliveryAttempt.objects.filter(delivery_id__in=[d.id for d in rows]).order_by(
        "attempted_at", "id"
    ):
        attempts.setdefault(attempt.delivery_id, []).append(attempt)
    for delivery in rows:
        delivery.attempt_rows = attempts.get(delivery.id, [])
    secret = request.session.pop(NEW_SECRET, None)
    if secret and secret.get("id") != endpoint.id:
        secret = None
    return settings_page(
        request,
        access,
        "webhook.html",
        {
            "endpoint": endpoint,
            "deliveries": rows,
            "state": state,
            "states": list(STATES),
            "new_secret": secret,
            "events": _events_with_descriptions(endpoint.events),
            "overlap_hours": int(PREVIOUS_SECRET_LIFETIME.total_seconds() // 3600),
        },
        tab="webhooks",
    )


def _back(access: Access, endpoint_id: str):
    return redirect("dashboard:settings_webhook", ws_id=access.workspace.id, wh_id=endpoint_id)


@require_POST
@workspace_page("manage_settings")
def settings_webhook_edit(request, access: Access, wh_id: str):
    endpoint = _endpoint(wh_id)
    form = WebhookEventsForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Pick at least one event from the catalogue.")
        return _back(access, endpoint.id)
    try:
        redelivery.webhook_update(
            endpoint=endpoint,
            events=form.cleaned_data["events"],
            description=form.cleaned_data["description"],
        )
        messages.success(request, "Endpoint saved.")
    except SERVICE_ERRORS as exc:
        messages.error(request, service_error_message(exc))
    return _back(access, endpoint.id)


@require_POST
@workspace_page("manage_settings")
def settings_webhook_status(request, access: Access, wh_id: str):
    endpoint = _endpoint(wh_id)
    wanted = request.POST.get("status", "")
    try:
        redelivery.webhook_update(endpoint=endpoint, status=wanted)
        messages.success(request, f"Endpoint {wanted}.")
    except SERVICE_ERRORS as exc:
        messages.error(request, service_error_message(exc))
    return _back(access, endpoint.id)


@require_POST
@workspace_page("manage_settings")
def settings_webhook_rotate(request, access: Access, wh_id: str):
    endpoint = _endpoint(wh_id)
    try:
        secret = services.webhook_rotate_secret(endpoint=endpoint)
    except SERVICE_ERRORS as exc:
        messages.error(request, service_error_message(exc))
    else:
        request.session[NEW_SECRET] = {"id": endpoint.id, "secret": secret, "rotated": True}
    return _back(access, endpoint.id)


@require_POST
@workspace_page("manage_settings")
def settings_webhook_test(request, access: Access, wh_id: str):
    endpoint = _endpoint(wh_id)
    try:
        services.webhook_send_test(endpoint=endpoint, data=WebhookSerializer(endpoint).data)
        messages.success(request, "Test event sent.")
    except SERVICE_ERRORS as exc:
        messages.error(request, service_error_message(exc))
    return _back(access, endpoint.id)


@require_POST
@workspace_page("manage_settings")
def settings_webhook_delete(request, access: Access, wh_id: str):
    endpoint = _endpoint(wh_id)
    try:
        services.webhook_delete(endpoint=endpoint)
        messages.success(request, "Endpoint deleted.")
    except SERVICE_ERRORS as exc:
        messages.error(request, service_error_message(exc))
        return _back(access, endpoint.id)
    return redirect("dashboard:settings_webhooks", ws_id=access.workspace.id)


@require_POST
@workspace_page("manage_settings")
def settings_delivery_redeliver(request, access: Access, wh_id: str, dlv_id: str):
    endpoint = _endpoint(wh_id)
    found = (
        WebhookDelivery.objects.filter(pk=dlv_id, endpoint_id=endpoint.id).first()
        if is_public_id(dlv_id, "dlv")
        else None
    )
    if found is None:
        raise Http404("No such delivery.")
    try:
        redelivery.delivery_redeliver(delivery=found)
        messages.success(request, f"Redelivering {found.event_id}.")
    except SERVICE_ERRORS as exc:
        messages.error(request, service_error_message(exc))
    return _back(access, endpoint.id)
