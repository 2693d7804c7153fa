"""Every write to workspaces, members and tokens."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from apps.billing.models import Plan
from leadiosa.api.auth import forget_token, forget_tokens_now_and_after_commit
from leadiosa.errors import Forbidden
from leadiosa.events import emit
from leadiosa.tokens import TOKEN_PREFIX, generate_token, hash_token

from .models import ROLE_RANK, ApiToken, Member, Role, User, Workspace


class RoleTooHigh(Forbidden):
    """A token's role above its creator's."""

    def __init__(self, message: str):
        super().__init__("role_too_high", message)


def default_plan() -> Plan:
    return (
        Plan.objects.filter(is_default=True).first() or Plan.objects.order_by("monthly_price_cents").first()
    )


@transaction.atomic
def workspace_create(*, name: str, owner_email: str, plan_id: str | None = None) -> Workspace:
    """A new workspace with its owner (the user is created if the e-mail is new), and its subscription."""
    plan = Plan.objects.get(id=plan_id) if plan_id else default_plan()
    workspace = Workspace.objects.create(name=name, plan=plan)
    member_ensure(workspace=workspace, email=owner_email, role=Role.OWNER)
    # Billing starts the subscription in this transaction, from its `workspace.created` sink (billing
    # depends on workspaces, never the reverse: see docs/decisions.md).
    emit(
        "workspace.created",
        workspace_id=workspace.id,
        resource_type="workspace",
        resource_id=workspace.id,
        changes=["name", "plan"],
    )
    return workspace


def _user_for_email(email: str) -> User:
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(username=email, email=email)
    return user


@transaction.atomic
def member_ensure(*, workspace: Workspace, email: str, role: str) -> Member:
    """The member with this e-mail, created with `role` when the e-mail is new to the workspace."""
    user = _user_for_email(email)
    member = Member.objects.for_workspace(workspace.id).filter(user=user).first()
    if member is None:
        member = Member.objects.create(workspace=workspace, user=user, role=role)
        emit(
            "member.created",
            workspace_id=workspace.id,
            resource_type="member",
            resource_id=member.id,
            changes=["user", "role"],
        )
    return member


@transaction.atomic
def token_create(
    *,
    member: Member,
    role: str | None = None,
    scope: str = ApiToken.Scope.READ_WRITE,
    name: str = "",
    expires_in_days: int | None = None,
) -> tuple[ApiToken, str]:
    """Mint a token for a member. Returns the row and the plaintext, which is never stored or shown again."""
    role = role or member.role
    if ROLE_RANK[role] > ROLE_RANK[member.role]:
        raise RoleTooHigh(f"A token's role cannot exceed its creator's ({member.role}).")
    plaintext = generate_token()
    token = ApiToken.objects.create(
        workspace_id=member.workspace_id,
        member=member,
        name=name,
        role=role,
        scope=scope,
        token_hash=hash_token(plaintext),
        hint=plaintext[len(TOKEN_PREFIX) : len(TOKEN_PREFIX) + 6],
        expires_at=timezone.now() + timedelta(days=expires_in_days) if expires_in_days else None,
    )
    emit(
        "token.created",
        workspace_id=member.workspace_id,
        resource_type="token",
        resource_id=token.id,
        changes=["name", "role", "scope", "expires_at"],
    )
    return token, plaintext


@transaction.atomic
def token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoke now: the cached copy is dropped after commit, so the very next request fails everywhere."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        emit(
            "token.revoked",
            workspace_id=token.workspace_id,
            resource_type="token",
            resource_id=token.id,
            changes=["revoked_at"],
        )
    forget_tokens_now_and_after_commit([token.token_hash])
    return token


def workspace_forget_tokens(*, workspace_id: str) -> None:
    """Drop every cached token of a workspace (its status or plan changed, or it was purged)."""
    for token_hash in workspace_token_hashes(workspace_id=workspace_id):
        forget_token(token_hash)


def workspace_token_hashes(*, workspace_id: str) -> list[str]:
    return list(ApiToken.objects.for_workspace(workspace_id).values_list("token_hash", flat=True))


@transaction.atomic
def workspace_set_assistant(*, workspace: Workspace, enabled: bool) -> Workspace:
    """Turn the workspace's AI assistant on or off (new conversations default to it when on)."""
    workspace = Workspace.objects.select_for_update().get(pk=workspace.pk)
    if workspace.assistant_enabled == enabled:
        return workspace
    workspace.assistant_enabled = enabled
    workspace.save(update_fields=["assistant_enabled", "updated_at"])
    emit(
        "workspace.updated",
        workspace_id=workspace.id,
        resource_type="workspace",
        resource_id=workspace.id,
        changes=["assistant_enabled"],
    )
    return workspace


@transaction.atomic
def user_set_password(*, email: str, password: str) -> User:
    """Set a person's password (Django's validators apply; raises django ValidationError). The user must
    exist; DoesNotExist otherwise."""
    from django.contrib.auth.password_validation import validate_password

    user = User.objects.select_for_update().get(email__iexact=email.strip())
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    return user
