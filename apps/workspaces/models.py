from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import timezone

from leadiosa.api.auth import forget_tokens_now_and_after_commit
from leadiosa.ids import PublicIdField
from leadiosa.roles import ROLE_RANK  # noqa: F401 - re-exported for the apps
from leadiosa.tenancy import TenantModel


class User(AbstractUser):
    """A person who signs in (dashboard, admin) and may be a member of several workspaces."""

    id = PublicIdField(prefix="usr")
    email = models.EmailField(unique=True)

    objects = UserManager()

    def __str__(self) -> str:
        return self.email


class Role(models.TextChoices):
    OWNER = "owner"
    ADMIN = "admin"
    AGENT = "agent"


# ROLE_RANK (the roles' order) is the platform's: Role values are its keys.
assert set(ROLE_RANK) == set(Role.values)


class Workspace(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active"
        CLOSED = "closed"

    id = PublicIdField(prefix="ws")
    name = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    plan = models.ForeignKey("billing.Plan", on_delete=models.PROTECT, related_name="workspaces")
    assistant_enabled = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    purge_after = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.id})"


class Member(TenantModel):
    id = PublicIdField(prefix="mem")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workspace", "user"], name="member_unique_per_workspace")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} as {self.role} in {self.workspace_id}"


class ApiToken(TenantModel):
    class Scope(models.TextChoices):
        READ_WRITE = "read_write"
        READ = "read"

    id = PublicIdField(prefix="tok")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="tokens")
    name = models.CharField(max_length=100, blank=True)
    role = models.CharField(max_length=10, choices=Role.choices)
    scope = models.CharField(max_length=12, choices=Scope.choices, default=Scope.READ_WRITE)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The first characters after `lds_`, so a person can tell tokens apart; never enough to use one.
    hint = models.CharField(max_length=12, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["workspace", "created_at"], name="token_ws_created")]

    @property
    def state(self) -> str:
        if self.revoked_at:
            return "revoked"
        if self.expires_at and self.expires_at <= timezone.now():
            return "expired"
        return "active"

    def __str__(self) -> str:
        return f"{self.name or self.id} (lds_{self.hint}…)"


class WorkspaceArchive(TenantModel):
    """One full export of a workspace (a zip of JSON lines in Django's default storage).

    Not an API resource with its own id: `GET /workspace/archive-status` shows the newest one.
    """

    class Status(models.TextChoices):
        BUILDING = "building"
        READY = "ready"
        FAILED = "failed"

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BUILDING)
    reason = models.CharField(max_length=20, default="requested")  # "requested" or "close"
    requested_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    size_bytes = models.PositiveBigIntegerField(null=True, blank=True)
    file_name = models.CharField(max_length=300, blank=True)  # the name in default_storage
    error = models.CharField(max_length=500, blank=True)
    # The resources written and how many of each, e.g. {"contacts": 120, "conversations": 300}.
    counts = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes = [models.Index(fields=["workspace", "requested_at"], name="ws_archive_requested")]

    def __str__(self) -> str:
        return f"archive {self.pk} of {self.workspace_id} ({self.status})"


@receiver(pre_delete, sender=ApiToken)
def forget_deleted_token(sender, instance: ApiToken, **kwargs) -> None:
    """A token deleted with its member or user (admin, purge) stops working on the very next request."""
    forget_tokens_now_and_after_commit([instance.token_hash])


class Invitation(TenantModel):
    """An e-mailed invitation to join a workspace with a role. The link carries a signed, expiring token
    (apps.workspaces.invitations); only its digest is stored, so a database dump holds no usable link."""

    class Status(models.TextChoices):
        PENDING = "pending"
        ACCEPTED = "accepted"
        CANCELED = "canceled"

    id = PublicIdField(prefix="inv")
    email = models.EmailField()
    role = models.CharField(max_length=10, choices=Role.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    invited_by = models.ForeignKey(Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # The digest of the newest link's secret part: a resend makes every older link useless.
    link_digest = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["workspace", "created_at"], name="invitation_ws_created")]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "email"],
                condition=models.Q(status="pending"),
                name="invitation_one_pending_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.id} ({self.role}, {self.status})"
