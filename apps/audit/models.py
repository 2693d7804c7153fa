"""The audit log: one append-only, hash-chained row per state change.

Rows are written only by the INSERT of `apps.audit.chain.entry_insert` (the emit() sink's), never through the ORM's
save(): the database itself refuses UPDATE and DELETE (triggers, migrations 0002 and 0005). At commit a
trigger seals each new entry into its workspace's hash chain by inserting its `AuditSeal` (see chain.py);
neither table is ever updated.

The workspace foreign key is deliberately *not* a database constraint and does nothing on delete:

- Django's delete collector would otherwise CASCADE into this table with a DELETE, which the trigger
  refuses, so no workspace could ever be deleted; and with PROTECT no workspace could be deleted either.
- The one sanctioned removal is `services.audit_purge_workspace()`, which the workspace purge calls
  explicitly, first, in its own transaction; it also removes the chain head. Entries written for a
  workspace *after* its purge (should a purge emit a final event) would outlive it: the purge must emit
  before it calls audit_purge_workspace, never after.
- Without the FK constraint an insert takes no KEY SHARE lock on the workspace row, so audit writes
  never queue behind a workspace-row lock.
"""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Now

from leadiosa.ids import PublicIdField
from leadiosa.tenancy import TenantModel

# An entry's recorded fields, in one order: what GET /audit shows (entry_representation() reads rows of
# these columns in this order), the list's and the export's columns (the CSV puts created_at second),
# and, with workspace_id, what the hash chain covers (apps.audit.chain: a field added here joins the
# chain only through a new content version there).
ENTRY_FIELDS = (
    "id",
    "action",
    "actor_type",
    "actor_id",
    "resource_type",
    "resource_id",
    "request_id",
    "ip",
    "changes",
    "created_at",
    "source",
    "client_request_id",
)


class AuditEntry(TenantModel):
    id = PublicIdField(prefix="aud")
    workspace = models.ForeignKey(
        "workspaces.Workspace",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    action = models.CharField(max_length=100)
    actor_type = models.CharField(max_length=10)
    actor_id = models.CharField(max_length=64, blank=True, default="")
    resource_type = models.CharField(max_length=50)
    resource_id = models.CharField(max_length=64)
    request_id = models.CharField(max_length=40, blank=True, default="")
    ip = models.CharField(max_length=45, blank=True, default="")
    changes = models.JSONField(default=list, blank=True)  # names of changed fields, never values
    created_at = models.DateTimeField()
    # The door the change came through (leadiosa.context.SOURCES: api, dashboard, admin, widget, email,
    # system); "" on entries from before it was recorded (content_version 1).
    source = models.CharField(max_length=16, blank=True, default="", db_default="")
    # The client's own X-Request-Id, when it sent a well-formed one (1-128 of [A-Za-z0-9._:-]).
    client_request_id = models.CharField(max_length=128, blank=True, default="", db_default="")
    # Which fields content_hash covers (apps.audit.chain.canonical_content): 1 before source and
    # client_request_id existed, 2 since.
    content_version = models.PositiveSmallIntegerField(default=1, db_default=1)
    content_hash = models.CharField(max_length=64, editable=False)  # SHA-256 of the canonical content

    class Meta:
        db_table = "audit_entry"
        verbose_name_plural = "audit entries"
        # The list's keyset order, and one index per selective filter of GET /audit, each ending in the
        # keyset columns so a filtered page is one index range too. (`resource_type` alone is not
        # selective enough to earn an index: it filters the created_at range.)
        indexes = [
            models.Index(fields=["workspace", "created_at", "id"], name="audit_entry_ws_created"),
            models.Index(
                fields=["workspace", "resource_id", "created_at", "id"], name="audit_entry_ws_resource"
            ),
            models.Index(fields=["workspace", "action", "created_at", "id"], name="audit_entry_ws_action"),
            models.Index(fields=["workspace", "actor_id", "created_at", "id"], name="audit_entry_ws_actor"),
        ]

    def __str__(self) -> str:
        return f"{self.id} {self.action} {self.resource_type}:{self.resource_id}"


class AuditSeal(models.Model):
    """An entry's place in its workspace's chain, written by the seal trigger at commit, never changed.

    `hash` = HMAC-SHA256(chain key, prev_hash + "\n" + entry.content_hash), the key named by `key_id`
    (apps.audit.keys; never stored in the database). Seals from before migration 0006 have an empty key_id:
    their hash is plain SHA-256, accepted only up to their chain's `AuditChainSwitch`. `prev_hash` is the
    hash of the seal before (GENESIS for seq 1). Unique (workspace, seq): two writers can never fork a
    chain. `sealed_at` is the database's clock at sealing (the purge's grace is counted from it).
    """

    entry = models.OneToOneField(
        AuditEntry,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="seal",
    )
    workspace_id = models.CharField(max_length=40)
    seq = models.BigIntegerField()
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)
    key_id = models.CharField(max_length=16, blank=True, default="")  # "": unkeyed, from before 0006
    # The workspace's head row was missing when this seal was made: rebuilt from the last seal (so
    # writes go on), and reported by audit_verify (someone deleted it, perhaps with entries at the end).
    head_rebuilt = models.BooleanField(default=False, db_default=False)
    # The database clock when the seal trigger sealed the entry (clock_timestamp() at COMMIT, migration
    # 0008), never the caller's: the purge counts the grace from the closing's sealed_at. Seals from
    # before 0008 carry that migration's time. The default is only for an owner's bulk load.
    sealed_at = models.DateTimeField(db_default=Now(), editable=False)

    class Meta:
        db_table = "audit_seal"
        constraints = [models.UniqueConstraint(fields=["workspace_id", "seq"], name="audit_seal_ws_seq")]

    def __str__(self) -> str:
        return f"{self.workspace_id} #{self.seq}"


class AuditChainHead(models.Model):
    """The newest link of one workspace's chain: its seq and hash.

    Sealing an entry at commit upserts this row (locking it for the rest of that commit, so a workspace's
    commits chain one after the other); audit_verify uses it to notice entries removed from the end.
    """

    workspace_id = models.CharField(max_length=40, primary_key=True)
    seq = models.BigIntegerField()
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        db_table = "audit_chain_head"

    def __str__(self) -> str:
        return f"{self.workspace_id} #{self.seq}"


class AuditChainSwitch(models.Model):
    """Where a chain that existed before keyed seals (migration 0006) switched to them.

    Its last unkeyed seal's (seq, hash), MACed with the chain key: `audit_verify` accepts unkeyed seals
    only up to here, so neither the old part can be rewritten nor new seals passed off as old ones.
    """

    workspace_id = models.CharField(max_length=40, primary_key=True)
    seq = models.BigIntegerField()
    hash = models.CharField(max_length=64)
    key_id = models.CharField(max_length=16)
    mac = models.CharField(max_length=64)

    class Meta:
        db_table = "audit_chain_switch"

    def __str__(self) -> str:
        return f"{self.workspace_id} switched at #{self.seq}"
