"""Webhook workflows: send a test event, re-enable an endpoint, retry one delivery now."""

from __future__ import annotations

from django.contrib import admin
from django.http import Http404
from django.urls import reverse

from apps.webhooks.models import WebhookDelivery, WebhookEndpoint
from apps.webhooks.redelivery import delivery_redeliver, webhook_update
from apps.webhooks.serializers import WebhookSerializer
from apps.webhooks.services import webhook_send_test

from .actions import reason_action

PERM = "webhooks.change_webhookendpoint"


def _endpoint(wh_id: str) -> WebhookEndpoint:
    endpoint = WebhookEndpoint.all_workspaces.filter(pk=wh_id).first()
    if endpoint is None:
        raise Http404
    return endpoint


def _back(endpoint: WebhookEndpoint) -> str:
    return reverse("admin:webhooks_webhookendpoint_change", args=[endpoint.pk])


def endpoint_test(request, wh_id: str):
    endpoint = _endpoint(wh_id)

    def run(_data):
        webhook_send_test(endpoint=endpoint, data=WebhookSerializer(endpoint).data)

    return reason_action(
        request,
        admin.site,
        perm=PERM,
        title="Send a test event",
        subject=endpoint,
        workspace_id=endpoint.workspace_id,
        run=run,
        back=_back(endpoint),
        intro="Sends webhook.test to this endpoint, signed like every delivery.",
    )


def endpoint_enable(request, wh_id: str):
    endpoint = _endpoint(wh_id)

    def run(_data):
        webhook_update(endpoint=endpoint, status=WebhookEndpoint.Status.ENABLED)

    intro = f"Status: {endpoint.status}."
    if endpoint.disabled_reason:
        intro += f" Disabled: {endpoint.disabled_reason}"
    return reason_action(
        request,
        admin.site,
        perm=PERM,
        title="Re-enable the endpoint",
        subject=endpoint,
        workspace_id=endpoint.workspace_id,
        run=run,
        back=_back(endpoint),
        intro=intro,
    )


def delivery_retry(request, dlv_id: str):
    delivery = WebhookDelivery.all_workspaces.select_related("endpoint").filter(pk=dlv_id).first()
    if delivery is None:
        raise Http404

    def run(_data):
        delivery_redeliver(delivery=delivery)

    return reason_action(
        request,
        admin.site,
        perm=PERM,
        title="Retry the delivery",
        subject=delivery,
        workspace_id=delivery.workspace_id,
        run=run,
        back=reverse("admin:webhooks_webhookdelivery_change", args=[delivery.pk]),
        intro="Delivers this event to its endpoint again now, with the same webhook-id.",
    )
