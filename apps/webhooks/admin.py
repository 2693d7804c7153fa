"""Support staff's view of webhooks: secrets are never shown (not even encrypted), payloads read-only.

An endpoint's events, description and status change through `webhook_update` (the API's PATCH: events
from the catalogue, a disable records when and why, enabling clears a system disable); its URL never
changes (the API has no such write: a new URL is a new endpoint, with its own secret). Send a test event,
retry a delivery and re-enable are support workflows (apps.support.webhooks), each with a reason.
Events and deliveries are the record of what was sent: never edited or deleted here.
"""

from django import forms
from django.contrib import admin
from django.urls import path, reverse
from django.utils.html import format_html

from apps.support import webhooks as support
from leadiosa.admin import WorkspaceScopedAdmin, staff_acting
from leadiosa.events import WEBHOOK_EVENT_TYPES

from .models import WebhookDelivery, WebhookDeliveryAttempt, WebhookEndpoint, WebhookEvent
from .redelivery import validate_events, webhook_update
from .services import webhook_delete

EVENT_CHOICES = [("*", "* (every event)"), *((name, name) for name in WEBHOOK_EVENT_TYPES)]


class EndpointForm(forms.ModelForm):
    events = forms.MultipleChoiceField(choices=EVENT_CHOICES, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = WebhookEndpoint
        fields = ("events", "description", "status")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.events if isinstance(self.instance.events, list) else []
        self.initial["events"] = [name for name in current if isinstance(name, str)]

    def clean_events(self):
        from leadiosa.errors import DomainError

        try:
            return validate_events(list(self.cleaned_data["events"]))
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from None


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(WorkspaceScopedAdmin):
    form = EndpointForm
    writable = True
    list_display = ("id", "workspace_column", "host", "status", "disabled_reason", "created_at")
    list_filter = ("status",)
    search_fields = ("=id", "=workspace__id", "url")
    fields = (
        "id",
        "workspace",
        "url",
        "events",
        "description",
        "status",
        "failing_since",
        "disabled_at",
        "disabled_reason",
        "previous_secret_expires_at",
        "created_at",
        "updated_at",
        "support_links",
    )
    readonly_fields = (
        "url",
        "previous_secret_expires_at",
        "failing_since",
        "disabled_at",
        "disabled_reason",
        "support_links",
    )

    @admin.display(description="host")
    def host(self, obj):
        from .sending import endpoint_host

        return endpoint_host(obj.url)  # a token in a URL's path or query stays off the list

    @admin.display(description="support")
    def support_links(self, obj):
        if obj.pk is None:
            return "-"
        deliveries = reverse("admin:webhooks_webhookdelivery_changelist") + f"?endpoint__id__exact={obj.pk}"
        return format_html(
            '<a href="{}">Deliveries</a> · <a href="{}">Send a test event</a> · <a href="{}">Re-enable</a>',
            deliveries,
            reverse("admin:webhooks_webhookendpoint_test", args=[obj.pk]),
            reverse("admin:webhooks_webhookendpoint_enable", args=[obj.pk]),
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<str:wh_id>/test/", view(support.endpoint_test), name="webhooks_webhookendpoint_test"),
            path(
                "<str:wh_id>/enable/", view(support.endpoint_enable), name="webhooks_webhookendpoint_enable"
            ),
            *super().get_urls(),
        ]

    def has_delete_permission(self, request, obj=None):
        return super(WorkspaceScopedAdmin, self).has_delete_permission(request, obj)  # DELETE /webhooks/{id}

    def save_model(self, request, obj, form, change):
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        if changes:
            with staff_acting(request, obj.workspace_id):
                webhook_update(endpoint=obj, **changes)

    def get_deleted_objects(self, objs, request):
        """The service removes what goes with the row (rows support cannot delete one by one)."""
        deleted, counts, _perms_needed, protected = super().get_deleted_objects(objs, request)
        return deleted, counts, set(), protected

    def delete_model(self, request, obj):
        with staff_acting(request, obj.workspace_id):
            webhook_delete(endpoint=obj)


@admin.register(WebhookEvent)
class WebhookEventAdmin(WorkspaceScopedAdmin):
    list_display = ("id", "workspace_column", "type", "created_at")
    list_filter = ("type",)
    search_fields = ("=id", "=workspace__id", "=contact_id")
    readonly_fields = ("type", "body", "contact_id")


class AttemptInline(admin.StackedInline):
    """Each POST: the answer's status, headers, first 4 KiB of body, duration, error (newest first)."""

    model = WebhookDeliveryAttempt
    extra = 0
    can_delete = False
    ordering = ("-attempted_at",)
    fields = ("attempted_at", "response_status", "duration_ms", "error", "headers_shown", "body_shown")
    readonly_fields = fields
    verbose_name = "attempt"

    @admin.display(description="response headers")
    def headers_shown(self, obj):
        return format_html("<pre>{}</pre>", "\n".join(f"{k}: {v}" for k, v in obj.response_headers or []))

    @admin.display(description="response body (first 4 KiB)")
    def body_shown(self, obj):
        return format_html("<pre>{}</pre>", obj.response_body)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(WorkspaceScopedAdmin):
    list_display = (
        "id",
        "workspace_column",
        "endpoint",
        "event_type",
        "status",
        "attempts",
        "response_status",
        "last_error",
        "last_attempt_at",
        "next_attempt_at",
    )
    list_filter = ("status", "event_type")
    list_select_related = ("endpoint",)
    search_fields = ("=id", "=workspace__id", "=endpoint__id", "=event__id")
    fields = (
        "id",
        "workspace",
        "endpoint",
        "event",
        "event_type",
        "status",
        "attempts",
        "response_status",
        "last_error",
        "last_attempt_at",
        "next_attempt_at",
        "created_at",
        "retry_link",
    )
    readonly_fields = fields
    inlines = [AttemptInline]

    @admin.display(description="support")
    def retry_link(self, obj):
        return format_html(
            '<a href="{}">Retry this delivery now</a>',
            reverse("admin:webhooks_webhookdelivery_retry", args=[obj.pk]),
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<str:dlv_id>/retry/", view(support.delivery_retry), name="webhooks_webhookdelivery_retry"),
            *super().get_urls(),
        ]
