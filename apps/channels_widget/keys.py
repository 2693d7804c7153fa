"""The widget's public key: `wk_` + the workspace id's body. Public by design (it sits in the host page's
snippet); it names the workspace, and the public widget API finds the workspace from it without a
cross-workspace lookup."""

from __future__ import annotations

from leadiosa.ids import is_public_id

PREFIX = "wk_"


def public_key(workspace_id: str) -> str:
    return PREFIX + workspace_id.removeprefix("ws_")


def workspace_of_key(key: str) -> str | None:
    if not isinstance(key, str) or not key.startswith(PREFIX):
        return None
    workspace_id = "ws_" + key.removeprefix(PREFIX)
    return workspace_id if is_public_id(workspace_id, "ws") else None
