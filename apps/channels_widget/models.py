from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone

from leadiosa.tenancy import TenantModel


class WidgetSettings(TenantModel):
    """The chat widget of one workspace. No row: the defaults (no allowed origin, no greeting, no
    colour); the first PATCH creates it. The public key is derived from the workspace id (keys.py)."""

    allowed_origins = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    greeting = models.CharField(max_length=500, null=True, blank=True)  # noqa: DJ001 - NULL is "no value"
    color = models.CharField(max_length=7, null=True, blank=True)  # noqa: DJ001 - NULL is "no value"
    # The identity-verification secret (identity.py), Fernet-encrypted (leadiosa.crypto); NULL: none yet,
    # so no host page can vouch for a visitor.
    identity_secret_encrypted = models.TextField(null=True, blank=True)  # noqa: DJ001 - NULL is "no secret"
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workspace"], name="widget_settings_one_per_ws")]

    def __str__(self) -> str:
        return f"widget ({self.workspace_id})"


class WidgetVisitor(TenantModel):
    """An anonymous website visitor: a contact made on their first message. The frame holds a signed
    credential naming this row (visitors.py); erased with the contact."""

    id = models.BigAutoField(primary_key=True)  # internal: the visitor sees only their signed credential
    contact = models.ForeignKey("contacts.Contact", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["workspace", "contact"], name="widget_visitor_ws_contact")]

    def __str__(self) -> str:
        return f"visitor {self.pk} ({self.workspace_id})"
