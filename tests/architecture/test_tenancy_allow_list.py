"""The cross-workspace doors stay greppable: `all_workspaces` is used only in the modules below, at most
as often as listed. A new use elsewhere (or one more here) fails this test; code that holds a workspace id
uses `Model.objects.for_workspace(workspace_id)` instead. There is no scope that lifts the filter (the
admin reads through `all_workspaces` too), so this list is every place that crosses workspaces."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("apps", "leadiosa")

# module → (uses, why it must cross workspaces)
ALLOWED: dict[str, tuple[int, str]] = {
    "leadiosa/tenancy.py": (1, "defines the manager (the TenantModel field)"),
    "leadiosa/admin.py": (1, "the support admin lists every workspace's rows"),
    "apps/audit/admin.py": (2, "admin: every workspace's entries, and the acting token's e-mail"),
    "apps/billing/admin.py": (1, "admin: a plan change drops the cached tokens of every workspace on it"),
    "apps/workspaces/admin.py": (4, "admin: a user's memberships, a member or token by id"),
    "apps/support/find.py": (5, "support's find box: any id, e-mail or token, in any workspace"),
    "apps/support/webhooks.py": (2, "support's webhook actions: an endpoint or delivery by id"),
    "apps/workspaces/management/commands/demo.py": (1, "operator command"),
    "apps/workspaces/management/commands/token.py": (2, "operator command: tokens by id"),
    "apps/workspaces/auth.py": (2, "authentication: the token (looked up by hash) decides the workspace"),
    "apps/workspaces/archiving.py": (1, "beat sweeper: stale archive builds"),
    "apps/workspaces/purge.py": (1, "the purge: users left without a workspace"),
    "apps/conversations/tasks.py": (1, "beat sweeper: snoozed conversations due"),
    "apps/billing/services.py": (1, "beat sweeper: subscriptions whose period ended"),
    "leadiosa/api/deprecation_notices.py": (1, "beat sweeper: workspaces with deprecation notices due"),
    "apps/audit/chain.py": (1, "beat sweeper: the workspaces whose chains to seal"),
    "leadiosa/api/idempotency.py": (1, "beat sweeper: expired idempotency keys"),
    "apps/webhooks/sweepers.py": (2, "beat sweeper: webhook deliveries due"),
    "apps/webhooks/retention.py": (3, "beat sweeper: webhook events past their retention"),
    "apps/dashboard/access.py": (1, "sign-in: a user's memberships across workspaces"),
    "apps/channels_email/delivery.py": (2, "beat sweeper: e-mail replies whose send task was lost"),
    "apps/knowledge/sweepers.py": (2, "beat sweeper: article ingestions whose task was lost"),
}


def cross_workspace_uses(path: Path) -> int:
    tree = ast.parse(path.read_text(), filename=str(path))
    uses = 0
    for node in ast.walk(tree):
        attribute = isinstance(node, ast.Attribute) and node.attr == "all_workspaces"
        definition = isinstance(node, ast.Assign) and any(
            getattr(t, "id", None) == "all_workspaces" for t in node.targets
        )
        uses += attribute or definition
    return uses


def scan() -> Counter:
    found: Counter = Counter()
    for top in SCANNED:
        for path in (ROOT / top).rglob("*.py"):
            if "migrations" in path.parts:
                continue  # migrations cross workspaces by nature
            uses = cross_workspace_uses(path)
            if uses:
                found[str(path.relative_to(ROOT))] = uses
    return found


def test_cross_workspace_access_only_in_the_allow_list():
    found = scan()
    outside = {path: n for path, n in found.items() if path not in ALLOWED}
    assert outside == {}, "use Model.objects.for_workspace(workspace_id), or justify an allow-list entry"
    grown = {path: n for path, n in found.items() if n > ALLOWED[path][0]}
    assert grown == {}, "more cross-workspace uses than the allow-list says"


def test_the_allow_list_is_no_longer_than_needed():
    found = scan()
    stale = {path: limit for path, (limit, _why) in ALLOWED.items() if found.get(path, 0) < limit}
    assert stale == {}, "lower (or remove) these allow-list entries"


def test_the_scanner_sees_a_use():
    sample = ROOT / "leadiosa" / "tenancy.py"
    assert cross_workspace_uses(sample) >= 1
