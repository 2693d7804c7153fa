"""Loads what the API's authentication caches about a token (settings.API_TOKEN_LOADER)."""

from __future__ import annotations

from leadiosa.api.auth import TokenContext

from .models import ROLE_RANK, ApiToken
from .representation import workspace_representation


def load_token(token_hash: str) -> TokenContext | None:
    row = (
        ApiToken.all_workspaces.filter(token_hash=token_hash)
        .select_related("member", "workspace__plan")
        .only(
            "id",
            "role",
            "scope",
            "expires_at",
            "revoked_at",
            "workspace_id",
            "member__user_id",
            "member__role",
            "workspace__name",
            "workspace__status",
            "workspace__plan_id",
            "workspace__created_at",
            "workspace__closed_at",
            "workspace__purge_after",
            "workspace__plan__rate_limit_per_minute",
        )
        .first()
    )
    if row is None:
        return None
    return TokenContext(
        token_id=row.id,
        workspace_id=row.workspace_id,
        user_id=row.member.user_id,
        # A member demoted after minting keeps no more power than the member now has.
        role=min(row.role, row.member.role, key=ROLE_RANK.__getitem__),
        scope=row.scope,
        expires_at=row.expires_at.timestamp() if row.expires_at else None,
        revoked=row.revoked_at is not None,
        workspace_status=row.workspace.status,
        rate_limit_per_minute=row.workspace.plan.rate_limit_per_minute,
        workspace=workspace_representation(row.workspace),
    )


def record_token_use(token_id: str, when) -> None:
    ApiToken.all_workspaces.filter(id=token_id).update(last_used_at=when)
