"""The hash chain: how an entry is appended, and how a chain is verified.

Each entry stores `content_hash` = SHA-256 of its canonical content (sorted-key ASCII JSON of every
recorded field) and the `content_version` that says which fields that is: version 1 (entries from
before migration 0007) covers the fields it had; version 2 adds `source` and `client_request_id` and the
version itself, so no entry can be passed off as the other kind. Its seal (`audit_seal`) stores its `seq` in the workspace's chain, `prev_hash` (the hash
of the seal before, GENESIS for the first) and `hash` = HMAC-SHA256(chain key, prev_hash + "\n" +
content_hash), with `key_id` naming the key (apps.audit.keys: the key is never in the database, so a
role that can write the tables still cannot forge a link). Seals from before migration 0006 are plain
SHA-256 (empty key_id), accepted only up to their chain's keyed switch point (`audit_chain_switch`).

Appending is one INSERT of the entry, taking no lock. A deferred constraint trigger (migrations 0004,
0005, 0006) seals it at COMMIT, as the tables' owner (SECURITY DEFINER): it moves the workspace's chain-head row (bumping `seq`, computing the new hash
from the head's current hash in SQL) and inserts the seal. Neither table is ever updated. The head row is
locked only for the duration of the commit, not from the emit to the end of the transaction: a
workspace's writers queue for a moment, and no transaction can wait for the head while holding a row
lock that another one needs after the head (no deadlock). `INSERT … ON CONFLICT DO UPDATE` always works
on the newest committed head, so concurrent commits chain one after the other; unique (workspace, seq)
turns any anomaly into an error instead of a fork. The chain is in commit order. Writers of different
workspaces never wait for each other.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connection

from leadiosa import context
from leadiosa.events import Statement
from leadiosa.ids import new_id

from .keys import keys_by_id, link_mac, switch_mac
from .models import ENTRY_FIELDS

GENESIS = "0" * 64

_FIELD_PATH = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}(\.[A-Za-z0-9_-]{1,64})*$")


def clean_changes(names: Iterable[str]) -> list[str]:
    """Field names only: `attributes.plan` → `attributes`; anything that is not a name is dropped whole.

    A caller that passed a value (or a user-chosen key such as an attribute named after an e-mail
    address) by mistake must not get it, or a piece of it, into the permanent log.
    """
    return sorted({str(name).split(".", 1)[0] for name in names if _FIELD_PATH.fullmatch(str(name))})


def clean_ip(value: str | None) -> str:
    if not value:
        return ""
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return ""


def format_created_at(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# What new entries are written as; verification knows every version up to it.
CONTENT_VERSION = 2

# The fields an entry's content hash can cover: its workspace and every recorded field.
CHAINED_FIELDS = ("workspace_id", *ENTRY_FIELDS)
# The version that first covered a field; every other chained field is covered since version 1. A
# version's set never changes once entries are written with it: a new recorded field joins the chain
# with a new version here (and CONTENT_VERSION), or entries already sealed would stop verifying.
ADDED_IN_VERSION = {"source": 2, "client_request_id": 2}
# What a version-1 entry left empty (it had no such column).
_LATER_DEFAULTS = {name: "" for name in ADDED_IN_VERSION}


def canonical_content(*, content_version: int = 1, **fields) -> str:
    """The text an entry's content hash is taken of: sorted-key ASCII JSON of the fields its
    `content_version` covers (from CHAINED_FIELDS), with `v` from version 2 on. `fields` are the
    entry's CHAINED_FIELDS; the ones later versions added may be left out of a version-1 entry."""
    unknown = sorted(set(fields) - set(CHAINED_FIELDS))
    if unknown:
        raise TypeError(f"not a chained audit field: {', '.join(unknown)}")
    values = {**_LATER_DEFAULTS, **fields}
    content = {
        name: values[name]
        for name in CHAINED_FIELDS
        if ADDED_IN_VERSION.get(name, 1) <= max(content_version, 1)
    }
    content["changes"] = list(content["changes"])
    content["created_at"] = format_created_at(content["created_at"])
    if content_version >= 2:
        content["v"] = content_version
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def content_digest(content: str) -> str:
    return hashlib.sha256(content.encode("ascii")).hexdigest()


def link_hash(prev_hash: str, content_hash: str) -> str:
    return hashlib.sha256(f"{prev_hash}\n{content_hash}".encode("ascii")).hexdigest()


# Every stored column of a new entry: the chained fields, their version and their hash. Built once from
# those constant names; every value is a bound parameter.
_STORED_COLUMNS = (*CHAINED_FIELDS, "content_version", "content_hash")
_INSERT_SQL = "INSERT INTO audit_entry ({}) VALUES ({})".format(  # noqa: S608
    ", ".join(_STORED_COLUMNS),
    ", ".join("%s::jsonb" if name == "changes" else "%s" for name in _STORED_COLUMNS),
)


def entry_insert(
    *,
    workspace_id: str,
    action: str,
    actor_type: str,
    actor_id: str | None,
    resource_type: str,
    resource_id: str,
    request_id: str | None,
    ip: str | None,
    changes: Iterable[str],
    created_at: datetime,
    source: str = "system",
    client_request_id: str | None = None,
) -> Statement:
    """The INSERT of one entry, for emit() to run in the current transaction (the entry is sealed
    into the workspace's chain at commit)."""
    fields = {
        "id": new_id("aud"),
        "workspace_id": workspace_id,
        "action": action[:100],
        "actor_type": actor_type,
        "actor_id": (actor_id or "")[:64],
        "resource_type": resource_type[:50],
        "resource_id": str(resource_id)[:64],
        "request_id": (request_id or "")[:40],
        "ip": clean_ip(ip),
        "changes": clean_changes(changes),
        "created_at": created_at,
        "source": source if source in context.SOURCES else "system",
        # Checked again here: a caller outside the request path must not get anything else in either.
        "client_request_id": context.client_request_id(client_request_id) or "",
        "content_version": CONTENT_VERSION,
    }
    stored = {
        **fields,
        "changes": json.dumps(fields["changes"]),
        "content_hash": content_digest(canonical_content(**fields)),
    }
    return _INSERT_SQL, [stored[name] for name in _STORED_COLUMNS]


def seal_pending() -> None:
    """Seal this transaction's entries now rather than at commit (tests, which never commit)."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS audit_entry_seal IMMEDIATE")
        cursor.execute("SET CONSTRAINTS audit_entry_seal DEFERRED")


# --- verification -----------------------------------------------------------------------------------

_ENTRY_FIELDS = (*CHAINED_FIELDS, "content_version")
_VERIFY_FIELDS = (
    "seq",
    "prev_hash",
    "hash",
    "key_id",
    "head_rebuilt",
    *(f"entry__{name}" for name in _ENTRY_FIELDS),
    "entry__content_hash",
)


@dataclass(frozen=True)
class BrokenLink:
    entry_id: str | None
    seq: int | None
    reason: str


@dataclass(frozen=True)
class ChainReport:
    workspace_id: str
    entries: int
    broken: BrokenLink | None
    head_hash: str = GENESIS

    @property
    def ok(self) -> bool:
        return self.broken is None

    def line(self) -> str:
        if self.broken is None:
            # The head hash, recorded somewhere else (a ticket, a log), anchors the chain: a later
            # verify whose chain no longer passes through it proves a rewrite even of the whole tail.
            return f"OK {self.workspace_id}: {self.entries} entries, head {self.head_hash}"
        where = self.broken.entry_id or "chain head"
        if self.broken.entry_id and self.broken.seq is not None:
            where += f" (seq {self.broken.seq})"
        return f"BROKEN {self.workspace_id}: first broken link at {where}: {self.broken.reason}"


def _rows(workspace_id: str) -> Iterator[tuple]:
    """The workspace's seals in chain order, each with its entry (a seal whose entry is gone is skipped
    by the join, which shows as a gap in seq)."""
    from .models import AuditSeal

    return (
        AuditSeal.objects.filter(workspace_id=workspace_id, entry__workspace_id=workspace_id)
        .order_by("seq")
        .values_list(*_VERIFY_FIELDS)
        .iterator(chunk_size=5000)
    )


def verify_chain(workspace_id: str, anchor: tuple[int, str] | None = None) -> ChainReport:
    """Walk one workspace's chain in order (constant memory) and stop at the first broken link.

    `anchor` (seq, hash), taken from an earlier verify's output and kept outside the database, must
    still be on the chain: this catches even a consistent rewrite of everything after it.
    """
    from .models import AuditChainHead, AuditChainSwitch, AuditEntry

    keys = keys_by_id()
    switch = AuditChainSwitch.objects.filter(workspace_id=workspace_id).first()
    if switch is not None:
        key = keys.get(switch.key_id)
        if key is None or switch.mac != switch_mac(key, workspace_id, switch.seq, switch.hash):
            reason = "the chain's switch point to keyed seals does not carry a valid MAC (forged or altered)"
            return ChainReport(workspace_id, 0, BrokenLink(None, switch.seq, reason))
    expected_seq, expected_prev, count, last = 1, GENESIS, 0, None
    for row in _rows(workspace_id):
        seq, prev_hash, stored_hash, key_id, head_rebuilt, *entry_values, content_hash = row
        values = dict(zip(_ENTRY_FIELDS, entry_values, strict=True))
        entry_id = values["id"]
        count += 1

        def broken(reason: str, entry_id=entry_id, seq=seq, count=count) -> ChainReport:
            return ChainReport(workspace_id, count, BrokenLink(entry_id, seq, reason))

        if seq != expected_seq:
            return broken(f"expected seq {expected_seq}: entries before it were removed or renumbered")
        if prev_hash != expected_prev:
            return broken("prev_hash does not match the hash of the entry before it")
        if not isinstance(values["changes"], list):
            return broken("changes is not a list of field names")
        if values["content_version"] not in range(1, CONTENT_VERSION + 1):
            return broken(f"the entry's content version {values['content_version']} is unknown (altered)")
        if values["content_version"] == 1 and (values["source"] or values["client_request_id"]):
            return broken("the entry holds fields its content version does not cover (altered)")
        if content_digest(canonical_content(**values)) != content_hash:
            return broken("the entry's content does not match its content hash (altered)")
        if not key_id:
            if switch is None or seq > switch.seq:
                return broken(
                    "the entry's seal is not keyed, and the chain had switched to keyed seals (forged)"
                )
            expected = link_hash(prev_hash, content_hash)
        elif key_id not in keys:
            return broken(f"the entry was sealed with a key this server does not know (key {key_id})")
        else:
            expected = link_mac(keys[key_id], prev_hash, content_hash)
        if expected != stored_hash:
            return broken("the entry's hash does not match its content and prev_hash (altered or forged)")
        if switch is not None and seq == switch.seq and stored_hash != switch.hash:
            return broken("the entry's hash is not the chain's recorded switch point (rewritten)")
        if head_rebuilt:
            return broken(
                "the chain head was missing when this entry was sealed (deleted): entries sealed before it "
                "may have been removed from the end of the chain"
            )
        if anchor is not None and seq == anchor[0] and stored_hash != anchor[1]:
            return broken("the entry's hash is not the recorded anchor (the chain was rewritten)")
        expected_seq, expected_prev, last = seq + 1, stored_hash, (entry_id, seq)

    head = AuditChainHead.objects.filter(workspace_id=workspace_id).first()
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    if head_seq != expected_seq - 1 or head_hash != expected_prev:
        entry_id, seq = last if last else (None, None)
        reason = (
            f"the chain head is at seq {head_seq} but the chain ends at seq {expected_seq - 1}: "
            "entries after this one were removed, or the head was altered"
        )
        return ChainReport(workspace_id, count, BrokenLink(entry_id, seq, reason))
    if switch is not None and switch.seq > head_seq:
        reason = (
            f"the chain's switch point at seq {switch.seq} is past the end of the chain (entries removed)"
        )
        return ChainReport(workspace_id, count, BrokenLink(None, None, reason))
    if anchor is not None and anchor[0] > head_seq:
        reason = f"the recorded anchor at seq {anchor[0]} is past the end of the chain (entries removed)"
        return ChainReport(workspace_id, count, BrokenLink(None, None, reason))
    unsealed = (
        AuditEntry.objects.for_workspace(workspace_id)
        .filter(seal__isnull=True)
        .order_by("created_at", "id")
        .values_list("id", flat=True)
        .first()
    )
    if unsealed is not None:
        reason = "the entry has no seal: it was written with triggers off, or its seal was removed"
        return ChainReport(workspace_id, count, BrokenLink(unsealed, None, reason))
    return ChainReport(workspace_id, count, None, head_hash)


def chained_workspace_ids() -> list[str]:
    """Every workspace that has a chain (a head row or any entry)."""
    from .models import AuditChainHead, AuditEntry

    ids = set(AuditChainHead.objects.values_list("workspace_id", flat=True))
    ids.update(AuditEntry.all_workspaces.values_list("workspace_id", flat=True).distinct())
    return sorted(ids)
