"""Invitations: invite by e-mail with a role, resend, cancel, accept from the e-mailed link.

The link is `<PUBLIC_BASE_URL>/invitations/<token>/`. The token is signed (Django's signing with the
SECRET_KEY, so key rotation works through SECRET_KEY_FALLBACKS) and time-stamped (it expires after
`INVITATION_LIFETIME`); it names the workspace and the invitation and carries a random nonce whose
digest is stored, so a resend makes every older link useless and a database dump holds no usable link.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from leadiosa.context import Actor
from leadiosa.errors import Conflict, InvalidInput, NotFound
from leadiosa.events import emit

from .membership import check_role_grant
from .models import Invitation, Member, User, Workspace
from .services import member_ensure

INVITATION_LIFETIME = timedelta(days=7)
_SALT = "leadiosa.invitation"


def _digest(nonce: str) -> str:
    return hashlib.sha256(nonce.encode()).hexdigest()


def _new_link(invitation: Invitation) -> str:
    nonce = secrets.token_urlsafe(24)
    invitation.link_digest = _digest(nonce)
    token = signing.dumps([invitation.workspace_id, invitation.id, nonce], salt=_SALT, compress=True)
    return f"{settings.PUBLIC_BASE_URL}/invitations/{token}/"


def _send(invitation: Invitation, link: str, workspace_name: str, inviter_email: str) -> None:
    body = (
        f"{inviter_email} invited you to join {workspace_name} on Leadiosa as {invitation.role}.\n\n"
        f"Accept the invitation and choose your password here (the link works until "
        f"{invitation.expires_at:%Y-%m-%d %H:%M} UTC):\n\n{link}\n\n"
        "If you did not expect this, ignore this e-mail.\n"
    )
    email = invitation.email
    transaction.on_commit(
        lambda: send_mail(f"Join {workspace_name} on Leadiosa", body, None, [email], fail_silently=False)
    )


@transaction.atomic
def invitation_create(*, actor: Member, email: str, role: str) -> Invitation:
    """Invite `email` to the actor's workspace with `role` (never above the actor's). E-mails the link."""
    check_role_grant(actor, role)
    email = User.objects.normalize_email((email or "").strip()).lower()
    if not email or "@" not in email:
        raise InvalidInput("validation_error", "Enter an e-mail address.", param="email")
    workspace = Workspace.objects.get(pk=actor.workspace_id)
    if Member.objects.for_workspace(workspace.id).filter(user__email__iexact=email).exists():
        raise Conflict("already_member", "This person is already a member of the workspace.")
    now = timezone.now()
    invitation = Invitation(
        workspace_id=workspace.id,
        email=email,
        role=role,
        invited_by=actor,
        created_at=now,
        sent_at=now,
        expires_at=now + INVITATION_LIFETIME,
    )
    link = _new_link(invitation)
    try:
        with transaction.atomic():
            invitation.save(force_insert=True)
    except IntegrityError:
        raise Conflict(
            "invitation_pending", "This address already has a pending invitation: resend it."
        ) from None
    emit(
        "invitation.created",
        workspace_id=workspace.id,
        resource_type="invitation",
        resource_id=invitation.id,
        changes=["email", "role"],
    )
    _send(invitation, link, workspace.name, actor.user.email)
    return invitation


def _pending(workspace_id: str, invitation_id: str, *, lock: bool = True) -> Invitation:
    queryset = Invitation.objects.for_workspace(workspace_id)
    if lock:
        queryset = queryset.select_for_update()
    invitation = queryset.filter(pk=invitation_id).first()
    if invitation is None:
        raise NotFound("invitation_not_found", "No such invitation.")
    if invitation.status != Invitation.Status.PENDING:
        raise Conflict("invitation_not_pending", f"This invitation was already {invitation.status}.")
    return invitation


@transaction.atomic
def invitation_resend(*, actor: Member, invitation: Invitation) -> Invitation:
    """A fresh link (older ones stop working) valid for another full lifetime, e-mailed again."""
    locked = _pending(actor.workspace_id, invitation.id)  # the actor's workspace: never another's
    check_role_grant(actor, locked.role)
    now = timezone.now()
    link = _new_link(locked)
    locked.sent_at = now
    locked.expires_at = now + INVITATION_LIFETIME
    locked.save(update_fields=["link_digest", "sent_at", "expires_at"])
    emit(
        "invitation.resent",
        workspace_id=locked.workspace_id,
        resource_type="invitation",
        resource_id=locked.id,
        changes=["expires_at"],
    )
    workspace = Workspace.objects.only("name").get(pk=locked.workspace_id)
    _send(locked, link, workspace.name, actor.user.email)
    return locked


@transaction.atomic
def invitation_cancel(*, actor: Member, invitation: Invitation) -> Invitation:
    locked = _pending(actor.workspace_id, invitation.id)  # the actor's workspace: never another's
    check_role_grant(actor, locked.role)
    locked.status = Invitation.Status.CANCELED
    locked.save(update_fields=["status"])
    emit(
        "invitation.canceled",
        workspace_id=locked.workspace_id,
        resource_type="invitation",
        resource_id=locked.id,
        changes=["status"],
    )
    return locked


@dataclass(frozen=True)
class OpenInvitation:
    invitation: Invitation
    workspace: Workspace
    user: User | None  # the account the e-mail already has, if any

    @property
    def needs_password(self) -> bool:
        return self.user is None or not self.user.has_usable_password()


INVALID_LINK = "This invitation link is invalid or has expired. Ask for a new one."


def invitation_from_link(token: str) -> OpenInvitation:
    """The pending invitation a link names, or NotFound (tampered, expired, superseded, used, canceled:
    one answer for all, so a link reveals nothing)."""
    try:
        workspace_id, invitation_id, nonce = signing.loads(
            token, salt=_SALT, max_age=INVITATION_LIFETIME.total_seconds()
        )
    except (signing.BadSignature, ValueError, TypeError):
        raise NotFound("invitation_not_found", INVALID_LINK) from None
    invitation = Invitation.objects.for_workspace(str(workspace_id)).filter(pk=str(invitation_id)).first()
    if (
        invitation is None
        or invitation.status != Invitation.Status.PENDING
        or invitation.expires_at <= timezone.now()
        or not secrets.compare_digest(invitation.link_digest, _digest(str(nonce)))
    ):
        raise NotFound("invitation_not_found", INVALID_LINK)
    workspace = Workspace.objects.get(pk=invitation.workspace_id)
    user = User.objects.filter(email__iexact=invitation.email).first()
    return OpenInvitation(invitation=invitation, workspace=workspace, user=user)


@transaction.atomic
def invitation_accept(*, token: str, password: str | None = None, name: str = "") -> Member:
    """Accept: the person becomes a member with the invited role. A person with no password yet (a new
    account) chooses one here (Django's validators apply: InvalidInput names the problem)."""
    opened = invitation_from_link(token)
    invitation = _pending(opened.invitation.workspace_id, opened.invitation.id)
    if opened.needs_password:
        if not password:
            raise InvalidInput("validation_error", "Choose a password.", param="password")
        candidate = opened.user or User(username=invitation.email, email=invitation.email)
        try:
            validate_password(password, candidate)
        except ValidationError as exc:
            raise InvalidInput("validation_error", " ".join(exc.messages), param="password") from None
    member = member_ensure(workspace=opened.workspace, email=invitation.email, role=invitation.role)
    user = member.user
    if opened.needs_password:
        user.set_password(password)
        if name.strip():
            user.first_name = name.strip()[:150]
        user.save(update_fields=["password", "first_name"])
    invitation.status = Invitation.Status.ACCEPTED
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["status", "accepted_at"])
    emit(
        "invitation.accepted",
        workspace_id=invitation.workspace_id,
        resource_type="invitation",
        resource_id=invitation.id,
        changes=["status"],
        actor=Actor(type="user", id=user.pk, user_id=user.pk),
    )
    return member
