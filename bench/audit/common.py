"""Shared set-up for the audit benchmarks: their own database in the embedded (or DATABASE_URL) server."""

from __future__ import annotations

import os

BENCH_DB = "leadiosa_bench_audit"


def use_bench_database(settings_module: str = "bench.settings") -> None:
    """Point this process (and the servers it starts, via the environment) at the benchmark database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    if not os.environ.get("DATABASE_URL"):
        from leadiosa.database import _ensure_database, start_embedded_postgres

        _ensure_database(start_embedded_postgres()["HOST"], BENCH_DB)
        os.environ["DATABASE_NAME"] = BENCH_DB
    import django

    django.setup()


def make_workspace(name: str):
    """A workspace on an unreachable rate limit, with its owner's token: (workspace, plaintext token)."""
    from apps.billing.models import Plan
    from apps.workspaces.models import Member
    from apps.workspaces.services import token_create, workspace_create
    from leadiosa.context import SYSTEM, acting_as

    Plan.objects.update_or_create(id="bench", defaults={"name": "Benchmark", "rate_limit_per_minute": 10**9})
    with acting_as(SYSTEM):
        workspace = workspace_create(
            name=name, owner_email=f"{name.lower().replace(' ', '-')}@example.com", plan_id="bench"
        )
        owner = Member.all_workspaces.get(workspace=workspace)
        _token, plaintext = token_create(member=owner, name="bench")
    return workspace, plaintext
