"""Every provider call's tokens go to the workspace's billing period (apps.billing owns the counter)."""

from __future__ import annotations

from .providers import Usage


def record_usage(*, workspace_id: str, usage: Usage) -> None:
    from apps.billing.services import record_ai_usage

    if usage.prompt_tokens or usage.completion_tokens:
        record_ai_usage(
            workspace_id=workspace_id,
            prompt_tokens=usage.prompt_tokens,
            completion_tokens=usage.completion_tokens,
            model=usage.model,
        )


def quota_exceeded(*, workspace_id: str) -> bool:
    from apps.billing.services import ai_quota_exceeded

    return ai_quota_exceeded(workspace_id=workspace_id)
