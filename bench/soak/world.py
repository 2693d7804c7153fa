"""The soak's tenants, made with the product's own services (run with the soak's settings):

    python bench/soak/world.py WORKSPACES RATE_LIMIT_PER_MINUTE

Creates a `soak` plan with the given per-token rate limit and WORKSPACES workspaces on it, each with an
owner, an admin and two agents, and one read-write API token per member. Prints JSON:
`[{"id": "ws_…", "tokens": {"owner": "lds_…", "admin": …, "agent1": …, "agent2": …}}, …]`.
"""

from __future__ import annotations

import json
import os
import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.soak.settings")

import django  # noqa: E402

django.setup()

from apps.billing.models import Plan  # noqa: E402
from apps.workspaces.models import Member  # noqa: E402
from apps.workspaces.services import member_ensure, token_create, workspace_create  # noqa: E402
from leadiosa.context import SYSTEM, acting_as  # noqa: E402


def main() -> None:
    count, limit = int(sys.argv[1]), int(sys.argv[2])
    Plan.objects.update_or_create(
        id="soak", defaults={"name": "Soak", "rate_limit_per_minute": limit, "seats": 10}
    )
    run = uuid.uuid4().hex[:8]
    world = []
    with acting_as(SYSTEM):
        for n in range(count):
            workspace = workspace_create(
                name=f"Soak {run} {n}", owner_email=f"owner-{run}-{n}@soak.test", plan_id="soak"
            )
            members = {"owner": Member.all_workspaces.get(workspace=workspace, role="owner")}
            for name, role in (("admin", "admin"), ("agent1", "agent"), ("agent2", "agent")):
                members[name] = member_ensure(
                    workspace=workspace, email=f"{name}-{run}-{n}@soak.test", role=role
                )
            tokens = {name: token_create(member=m, name=f"soak {name}")[1] for name, m in members.items()}
            world.append({"id": workspace.id, "tokens": tokens})
    print(json.dumps(world))


if __name__ == "__main__":
    main()
