"""The two support groups and their permissions (docs/support.md). Idempotent: running it again resets
each group's permissions to exactly this list."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

READ_ONLY = "Support (read-only)"
ADMIN = "Support (admin)"

APPS = ("workspaces", "contacts", "conversations", "knowledge", "webhooks", "audit", "billing")

# Writes a support admin makes, each through a service (the support workflows check these too).
ADMIN_WRITES = (
    "workspaces.add_workspace",
    "workspaces.change_workspace",  # overview actions: close, restore, archive, reset link, transfer
    "workspaces.change_member",
    "workspaces.delete_member",
    "workspaces.add_apitoken",
    "workspaces.change_apitoken",  # revoke
    "workspaces.add_user",
    "workspaces.change_user",
    "contacts.add_contact",
    "contacts.change_contact",
    "contacts.delete_contact",  # the GDPR erasure
    "conversations.change_conversation",
    "knowledge.change_article",
    "webhooks.change_webhookendpoint",  # edit, send a test, re-enable, retry a delivery
    "webhooks.delete_webhookendpoint",
    "billing.change_subscription",  # the plan, through the billing service
)


def _perms(codes) -> list[Permission]:
    found = []
    for code in codes:
        app_label, codename = code.split(".")
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def ensure_support_groups() -> tuple[Group, Group]:
    views = list(Permission.objects.filter(content_type__app_label__in=APPS, codename__startswith="view_"))
    read_only, _ = Group.objects.get_or_create(name=READ_ONLY)
    read_only.permissions.set(views)
    admin, _ = Group.objects.get_or_create(name=ADMIN)
    admin.permissions.set(views + _perms(ADMIN_WRITES))
    return read_only, admin
