from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils import timezone

from leadiosa.ids import PublicIdField
from leadiosa.tenancy import TenantModel

MAX_ATTRIBUTES = 100  # keys of a contact's attributes object (CONTRACT §2)


class Contact(TenantModel):
    """A person who talks to the workspace. E-mail and external id are unique inside one workspace.

    E-mails are stored normalised (trimmed, lower-case) so find-or-create and the unique constraint agree.
    Empty values are stored as NULL: several contacts may have no e-mail.
    """

    id = PublicIdField(prefix="ct")
    email = models.CharField(max_length=254, null=True, blank=True)  # noqa: DJ001 - NULL is "no value"
    name = models.CharField(max_length=200, null=True, blank=True)  # noqa: DJ001 - NULL is "no value"
    phone = models.CharField(max_length=50, null=True, blank=True)  # noqa: DJ001 - NULL is "no value"
    external_id = models.CharField(max_length=200, null=True, blank=True)  # noqa: DJ001 - NULL is "no value"
    attributes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "email"], condition=Q(email__isnull=False), name="contact_email_per_ws"
            ),
            models.UniqueConstraint(
                fields=["workspace", "external_id"],
                condition=Q(external_id__isnull=False),
                name="contact_external_id_per_ws",
            ),
        ]
        indexes = [
            models.Index(fields=["workspace", "created_at", "id"], name="contact_ws_created"),
            models.Index(fields=["workspace", "updated_at"], name="contact_ws_updated"),
            # `?q=` (name or e-mail contains, case-insensitive: `UPPER(col) LIKE UPPER('%…%')`): trigrams.
            GinIndex(OpClass(Upper("name"), name="gin_trgm_ops"), name="contact_name_trgm"),
            GinIndex(OpClass(Upper("email"), name="gin_trgm_ops"), name="contact_email_trgm"),
        ]

    def __str__(self) -> str:
        return f"{self.id} ({self.workspace_id})"
