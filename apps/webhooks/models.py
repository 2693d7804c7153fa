"""Webhook endpoints, the event outbox and the delivery log."""

from django.db import models
from django.utils import timezone

from leadiosa.ids import PublicIdField
from leadiosa.tenancy import TenantModel


class WebhookEndpoint(TenantModel):
    """A subscriber URL. Its signing secret is stored encrypted (apps.webhooks.secrets), never in clear."""

    class Status(models.TextChoices):
        ENABLED = "enabled"
        DISABLED = "disabled"

    id = PublicIdField(prefix="wh")
    url = models.URLField(max_length=2048)
    events = models.JSONField(default=list)  # catalogue names, or ["*"]
    description = models.CharField(max_length=500, blank=True, default="")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ENABLED)
    secret_encrypted = models.TextField(editable=False)
    # After a rotation the previous secret keeps signing alongside the new one until it expires.
    previous_secret_encrypted = models.TextField(blank=True, default="", editable=False)
    previous_secret_expires_at = models.DateTimeField(null=True, blank=True)
    # Start of the current run of failed attempts; cleared by any success. Five days of it disables.
    failing_since = models.DateTimeField(null=True, blank=True)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=200, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["workspace", "created_at", "id"], name="webhook_ws_created")]

    def __str__(self) -> str:
        return f"{self.id} → {self.url}"

    def subscribes_to(self, event_type: str) -> bool:
        return "*" in self.events or event_type in self.events


class WebhookEvent(TenantModel):
    """An outbox row: the exact body every delivery of this event sends, written with the change."""

    id = PublicIdField(prefix="evt")
    type = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    # The serialized JSON body, byte for byte what is signed and sent (stable across retries).
    body = models.TextField()
    # The contact whose personal data the body carries: the erasure deletes by it.
    contact_id = models.CharField(max_length=40, blank=True, default="")

    class Meta:
        indexes = [
            models.Index(fields=["workspace", "contact_id"], name="webhook_event_contact"),
            models.Index(fields=["created_at"], name="webhook_event_created"),
            # GET /events: one workspace's events newest first, keyset on (created_at, id).
            models.Index(fields=["workspace", "created_at", "id"], name="webhook_event_ws_created"),
        ]

    def __str__(self) -> str:
        return f"{self.id} ({self.type})"


class WebhookDelivery(TenantModel):
    """One event to one endpoint: its attempts, outcome and next retry."""

    class Status(models.TextChoices):
        PENDING = "pending"  # waiting for its first attempt or a retry
        SUCCEEDED = "succeeded"
        FAILED = "failed"  # retries exhausted, or the endpoint was disabled or deleted

    id = PublicIdField(prefix="dlv")
    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.ForeignKey(WebhookEvent, on_delete=models.CASCADE, related_name="deliveries")
    event_type = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=200, blank=True, default="")
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # When a task was last queued for it: the sweeper re-queues a due delivery whose task got lost.
    dispatched_at = models.DateTimeField(null=True, blank=True)
    # The claim of the worker attempting it right now (apps.webhooks.claims): no transaction or row
    # lock is held during the HTTP call, so these say "taken". The claim lapses when the claimant's
    # database session is gone (a dead worker) or at `claimed_until` (a stuck one), whichever is first.
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    claimed_by = models.IntegerField(null=True, blank=True, editable=False)  # the claimant's backend pid
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(
                fields=["workspace", "endpoint", "created_at", "id"], name="webhook_delivery_endpoint"
            ),
            models.Index(
                fields=["next_attempt_at"],
                name="webhook_delivery_due",
                condition=models.Q(status="pending"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.id} ({self.event_type} → {self.endpoint_id})"


class WebhookDeliveryAttempt(TenantModel):
    """One POST of a delivery, for support: the answer's status, headers and first 4 KiB of its body,
    how long it took and the error when there was no answer. Never our request or its signature (the
    secrets). Goes with its delivery (erasure, retention)."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log")
    attempted_at = models.DateTimeField(default=timezone.now)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_headers = models.JSONField(default=list, blank=True)  # [[name, value], ...] as received
    response_body = models.TextField(blank=True, default="")  # the first 4 KiB, decoded leniently
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    error = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        indexes = [
            models.Index(fields=["workspace", "delivery", "attempted_at"], name="webhook_attempt_delivery")
        ]

    def __str__(self) -> str:
        return f"attempt of {self.delivery_id} at {self.attempted_at:%Y-%m-%d %H:%M:%S}"
