"""Managing who is in a workspace: token rotation, role changes, removal, renaming the workspace.

The rules (CONTRACT §3 and issue 14): a member manages only members whose role is below theirs, or any
member when they are an owner; nobody gives a role above their own; a workspace always keeps at least
one owner. A role change or a removal takes effect on the member's tokens at the very next request, in
every process (the cached token is dropped; the cache holds the member's role).
"""

from __future__ import annotations

from django.db import transaction

from leadiosa.api.auth import forget_tokens_now_and_after_commit
from leadiosa.errors import Conflict, Forbidden, InvalidInput, NotFound
from leadiosa.events import emit

from .models import ROLE_RANK, ApiToken, Member, Role, Workspace
from .services import token_create, token_revoke, workspace_token_hashes


def _forget_member_tokens(member: Member) -> None:
    hashes = list(
        ApiToken.objects.for_workspace(member.workspace_id)
        .filter(member_id=member.id)
        .values_list("token_hash", flat=True)
    )
    forget_tokens_now_and_after_commit(hashes)


def check_token_manage(actor: Member, token: ApiToken) -> None:
    """A member manages their own tokens, and those of the members they manage (an owner: everyone's;
    an admin: agents'). Rotating someone else's token hands the new plaintext to the actor, so it is
    never allowed above the actor's own reach."""
    if token.workspace_id != actor.workspace_id:
        raise NotFound("token_not_found", "No such token.")
    if token.member_id == actor.id:
        return
    owner_of_token = Member.objects.for_workspace(token.workspace_id).filter(pk=token.member_id).first()
    if owner_of_token is None or not may_manage(actor, owner_of_token):
        raise Forbidden("permission_denied", "You cannot manage this token.")


@transaction.atomic
def member_token_revoke(*, actor: Member, token: ApiToken) -> ApiToken:
    """Revoke on behalf of a member (see `check_token_manage`); effective at the very next request."""
    check_token_manage(actor, token)
    return token_revoke(token=token)


@transaction.atomic
def token_rotate(*, token: ApiToken, actor: Member | None = None) -> tuple[ApiToken, str]:
    """Replace a token: a new one for the same member with the same name, role, scope and expiry, and the
    old one revoked at once (its very next request answers 401, in every process). Returns the new row
    and its plaintext, shown once. With `actor`, only a token the actor may manage."""
    if actor is not None:
        check_token_manage(actor, token)
    locked = ApiToken.objects.for_workspace(token.workspace_id).select_for_update().get(pk=token.pk)
    if locked.state != "active":
        raise Conflict("token_inactive", "Only an active token can be rotated.")
    member = Member.objects.for_workspace(locked.workspace_id).get(pk=locked.member_id)
    token_revoke(token=locked)
    replacement, plaintext = token_create(
        member=member, role=locked.role, scope=locked.scope, name=locked.name
    )
    if locked.expires_at is not None:
        replacement.expires_at = locked.expires_at
        replacement.save(update_fields=["expires_at"])
    emit(
        "token.rotated",
        workspace_id=locked.workspace_id,
        resource_type="token",
        resource_id=locked.id,
        changes=["revoked_at"],
        replaced_by=replacement.id,
    )
    return replacement, plaintext


def may_manage(actor: Member, target: Member) -> bool:
    """An owner manages everyone; an admin manages agents; an agent manages nobody."""
    if actor.role == Role.OWNER:
        return True
    return ROLE_RANK[actor.role] > ROLE_RANK[target.role] and actor.role == Role.ADMIN


def assignable_roles(actor: Member) -> list[str]:
    """The roles `actor` may give (invitations, role changes): never above their own; admins give agent
    or admin, owners any."""
    if actor.role == Role.AGENT:
        return []
    return [role for role in (Role.AGENT, Role.ADMIN, Role.OWNER) if ROLE_RANK[role] <= ROLE_RANK[actor.role]]


def token_roles(member: Member) -> list[str]:
    """The roles a member's own tokens may carry: theirs or below (an agent mints agent tokens)."""
    return [
        role for role in (Role.AGENT, Role.ADMIN, Role.OWNER) if ROLE_RANK[role] <= ROLE_RANK[member.role]
    ]


def check_role_grant(actor: Member, role: str) -> None:
    if role not in Role.values:
        raise InvalidInput("validation_error", "Choose owner, admin or agent.", param="role")
    if role not in assignable_roles(actor):
        raise Forbidden("role_too_high", f"You cannot give a role above your own ({actor.role}).")


def _member_of(actor: Member, member: Member) -> Member:
    """`member` locked, looked up in the actor's workspace: another workspace's member is not found."""
    locked = Member.objects.for_workspace(actor.workspace_id).select_for_update().filter(pk=member.pk).first()
    if locked is None:
        raise NotFound("member_not_found", "No such member.")
    return locked


def _owners_besides(member: Member) -> int:
    return (
        Member.objects.for_workspace(member.workspace_id)
        .select_for_update()
        .filter(role=Role.OWNER)
        .exclude(pk=member.pk)
        .count()
    )


@transaction.atomic
def member_change_role(*, actor: Member, member: Member, role: str) -> Member:
    """Give `member` a new role (see the module's rules)."""
    locked = _member_of(actor, member)
    if not may_manage(actor, locked):
        raise Forbidden("permission_denied", "You cannot change the role of this member.")
    check_role_grant(actor, role)
    if locked.role == role:
        return locked
    if locked.role == Role.OWNER and _owners_besides(locked) == 0:
        raise Conflict("last_owner", "A workspace needs at least one owner: make someone else owner first.")
    locked.role = role
    locked.save(update_fields=["role"])
    _forget_member_tokens(locked)
    emit(
        "member.updated",
        workspace_id=locked.workspace_id,
        resource_type="member",
        resource_id=locked.id,
        changes=["role"],
    )
    return locked


@transaction.atomic
def member_remove(*, actor: Member, member: Member) -> None:
    """Remove a member from the workspace; each of their tokens is revoked (audited) and stops working
    at its very next request, and their open conversations are unassigned. The person's account stays
    (they may belong to other workspaces)."""
    locked = _member_of(actor, member)
    if not may_manage(actor, locked):
        raise Forbidden("permission_denied", "You cannot remove this member.")
    if locked.role == Role.OWNER and _owners_besides(locked) == 0:
        raise Conflict("last_owner", "A workspace needs at least one owner: make someone else owner first.")
    for token in ApiToken.objects.for_workspace(locked.workspace_id).filter(member_id=locked.id):
        token_revoke(token=token)
    _unassign_open_conversations(locked)
    _forget_member_tokens(locked)
    emit("member.removed", workspace_id=locked.workspace_id, resource_type="member", resource_id=locked.id)
    locked.delete()  # its tokens go with it (their cached copies are dropped by the pre_delete receiver)


def _unassign_open_conversations(member: Member) -> None:
    """A removed member's conversations still open go back to the team (each announced as an
    assignment change); closed ones keep their history."""
    from apps.conversations.models import Conversation, Status
    from apps.conversations.services import conversation_assign

    still_open = (
        Conversation.objects.for_workspace(member.workspace_id)
        .filter(assignee_id=member.user_id)
        .exclude(status=Status.CLOSED)
    )
    for conversation in still_open:
        conversation_assign(conversation=conversation, assignee_id=None)


@transaction.atomic
def workspace_rename(*, workspace: Workspace, name: str) -> Workspace:
    """Rename the workspace (1–200 characters, surrounding spaces dropped)."""
    name = (name or "").strip()
    if not name or len(name) > 200:
        raise InvalidInput("validation_error", "A name of 1 to 200 characters.", param="name")
    locked = Workspace.objects.select_for_update().get(pk=workspace.pk)
    if locked.name == name:
        return locked
    locked.name = name
    locked.save(update_fields=["name", "updated_at"])
    # Tokens carry the workspace as GET /workspace shows it (TokenContext.workspace).
    forget_tokens_now_and_after_commit(workspace_token_hashes(workspace_id=locked.id))
    emit(
        "workspace.updated",
        workspace_id=locked.id,
        resource_type="workspace",
        resource_id=locked.id,
        changes=["name"],
    )
    return locked
