from django.db import models
from django.db.models import Q
from django.utils import timezone

from leadiosa.tenancy import TenantModel


class Direction(models.TextChoices):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued"
    SENT = "sent"
    RETRYING = "retrying"  # a send failed; another attempt is scheduled
    FAILED = "failed"  # every attempt failed (or the contact has no address); the message stays


class EmailRecord(TenantModel):
    """The e-mail side of one message of an e-mail conversation: its headers (for threading and
    de-duplication), its attachments' names, types and sizes (never their content), and for an
    outbound message its delivery. Holds the contact's address: erased with the contact."""

    id = models.BigAutoField(primary_key=True)  # internal: never shown by the API
    conversation = models.ForeignKey("conversations.Conversation", on_delete=models.CASCADE, related_name="+")
    message = models.OneToOneField("conversations.Message", on_delete=models.CASCADE, related_name="+")
    contact_id = models.CharField(max_length=40)
    direction = models.CharField(max_length=10, choices=Direction.choices)
    message_id_header = models.CharField(max_length=998)
    in_reply_to = models.TextField(blank=True, default="")
    references = models.TextField(blank=True, default="")
    from_address = models.CharField(max_length=254, blank=True, default="")
    to_address = models.CharField(max_length=254, blank=True, default="")
    subject = models.CharField(max_length=500, blank=True, default="")
    attachments = models.JSONField(default=list, blank=True)  # [{name, content_type, size}]
    delivery_status = models.CharField(  # noqa: DJ001 - NULL on inbound records
        max_length=10, choices=DeliveryStatus.choices, null=True, blank=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True, default="")
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "message_id_header"], name="email_record_message_id_per_ws"
            ),
        ]
        indexes = [
            models.Index(fields=["workspace", "contact_id"], name="email_record_ws_contact"),
            models.Index(fields=["workspace", "conversation", "created_at"], name="email_record_ws_conv"),
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(delivery_status__in=["queued", "retrying"]),
                name="email_record_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.id} ({self.workspace_id})"
