"""Reads about a workspace that other parts of the product need without knowing its models."""

from __future__ import annotations

from .models import Member, Role, Workspace


def workspace_owners_to_notify(workspace_id: str) -> tuple[str, list[str]] | None:
    """The workspace's name and its owners' e-mail addresses (sorted, no blanks), or None when the
    workspace is not active (a closed one gets no notices). settings.NOTICE_RECIPIENTS_LOADER."""
    workspace = Workspace.objects.filter(id=workspace_id, status=Workspace.Status.ACTIVE).only("name").first()
    if workspace is None:
        return None
    emails = (
        Member.objects.for_workspace(workspace_id)
        .filter(role=Role.OWNER)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    return workspace.name, sorted(set(emails))
