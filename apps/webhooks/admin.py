"""Support staff's view of webhooks: secrets are never shown (not even encrypted), payloads read-only."""

from django.contrib import admin

from leadiosa.admin import WorkspaceScopedAdmin

from .models import WebhookDelivery, WebhookEndpoint, WebhookEvent


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(WorkspaceScopedAdmin):
    audit_resource_type = "webhook"
    list_display = ("id", "workspace", "url", "status", "created_at")
    list_filter = ("status",)
    search_fields = ("=id", "=workspace__id", "url")
    exclude = ("secret_encrypted", "previous_secret_encrypted")
    readonly_fields = ("previous_secret_expires_at", "failing_since", "disabled_at", "disabled_reason")

    def has_add_permission(self, request):
        return False  # endpoints are created through the API, which generates and shows the secret


@admin.register(WebhookEvent)
class WebhookEventAdmin(WorkspaceScopedAdmin):
    audit_resource_type = "webhook_event"
    list_display = ("id", "workspace", "type", "created_at")
    search_fields = ("=id", "=workspace__id", "=contact_id")
    readonly_fields = ("type", "body", "contact_id")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(WorkspaceScopedAdmin):
    audit_resource_type = "webhook_delivery"
    list_display = ("id", "workspace", "endpoint", "event_type", "status", "attempts", "response_status")
    list_filter = ("status",)
    search_fields = ("=id", "=workspace__id", "=endpoint__id", "=event__id")
    raw_id_fields = ("endpoint", "event")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
