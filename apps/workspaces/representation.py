"""The workspace as the API shows it: a plain function over a row (see `leadiosa.representation`);
`WorkspaceSerializer` describes the same shape for the OpenAPI spec and delegates here."""

from __future__ import annotations

from collections.abc import Mapping

from leadiosa.representation import Shape

WORKSPACE = Shape(
    plain=("id", "name", "status", "plan_id"), timestamps=("created_at", "closed_at", "purge_after")
)


def workspace_data(w: Mapping) -> dict:
    data = {"id": w["id"], "name": w["name"], "status": w["status"], "plan": w["plan_id"]}
    data["created_at"] = w["created_at_text"]
    if w["closed_at_text"] is not None:
        data["closed_at"] = w["closed_at_text"]
    if w["purge_after_text"] is not None:
        data["purge_after"] = w["purge_after_text"]
    return data


def workspace_representation(workspace) -> dict:
    return workspace_data(WORKSPACE.row_of(workspace))
