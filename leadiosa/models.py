from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone

from leadiosa.tenancy import TenantModel


class IdempotencyRecord(TenantModel):
    """The first response to a POST sent with an Idempotency-Key, replayed for 24 hours."""

    class State(models.TextChoices):
        RUNNING = "running"
        DONE = "done"

    token_id = models.CharField(max_length=40)
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    state = models.CharField(max_length=8, choices=State.choices, default=State.RUNNING)
    response_status = models.PositiveSmallIntegerField(null=True)
    # The stored response, encrypted: a create or rotate response can carry a secret shown once.
    response_sealed = models.TextField(blank=True)
    # Public ids the response names (conv_…, ct_…), so an erasure can find and drop a replayable copy.
    resource_ids = ArrayField(models.CharField(max_length=40), default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    locked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workspace", "token_id", "key"], name="idempotency_key_per_token")
        ]
        indexes = [models.Index(fields=["created_at"], name="idempotency_created")]


class DeprecatedUsage(TenantModel):
    """Which workspace still uses which deprecated endpoint or parameter, for the sunset notices."""

    feature = models.CharField(max_length=200)
    sunset = models.DateField()
    first_used_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(default=timezone.now)
    use_count = models.PositiveBigIntegerField(default=0)
    last_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workspace", "feature"], name="deprecated_usage_per_feature")
        ]
