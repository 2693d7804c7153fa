"""The workspace archive: every resource as JSON lines, zipped, written to Django's default storage.

Each resource is serialized by the API's own output serializer, so a line of `conversations.jsonl` is
exactly what `GET /conversations/{id}` returns. Rows are read with a server-side cursor
(`.iterator(chunk_size=…)`) and written straight into the zip stream of a temporary file, which is
then streamed into storage: memory stays bounded whatever the size of the workspace.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from leadiosa.timestamps import format_timestamp

logger = logging.getLogger(__name__)

CHUNK_SIZE = 2000
WRITE_BUFFER_BYTES = 256 * 1024
ARCHIVE_FORMAT_VERSION = 1


@dataclass(frozen=True)
class Section:
    """One file of the archive: the rows of one model, serialized by one API serializer."""

    name: str  # the file is `<name>.jsonl`
    model: str  # dotted path
    serializer: str  # dotted path of the API's output serializer
    order_by: tuple[str, ...] = ("created_at", "id")
    select_related: tuple[str, ...] = ()
    # Further narrowing of the workspace's rows (e.g. audit entries up to the archive's cut-off).
    narrow: Callable | None = None


# The API's resources, oldest first. A section whose app is not installed is skipped (and named in the
# manifest), so the archive never fails for a resource the product does not have.
SECTIONS: tuple[Section, ...] = (
    Section("contacts", "apps.contacts.models.Contact", "apps.contacts.serializers.ContactSerializer"),
    Section(
        "conversations",
        "apps.conversations.models.Conversation",
        "apps.conversations.serializers.ConversationSerializer",
    ),
    Section(
        "messages", "apps.conversations.models.Message", "apps.conversations.serializers.MessageSerializer"
    ),
    Section("notes", "apps.conversations.models.Note", "apps.conversations.serializers.NoteSerializer"),
    Section(
        "knowledge_articles", "apps.knowledge.models.Article", "apps.knowledge.serializers.ArticleSerializer"
    ),
    # The webhook serializer never carries the signing secret (only the create/rotate responses do).
    Section(
        "webhooks", "apps.webhooks.models.WebhookEndpoint", "apps.webhooks.serializers.WebhookSerializer"
    ),
    Section("audit", "apps.audit.models.AuditEntry", "apps.audit.serializers.AuditEntrySerializer"),
)


def _resolve(section: Section):
    try:
        return import_string(section.model), import_string(section.serializer)
    except ImportError:
        return None, None


def _rows(section: Section, model, workspace_id: str) -> Iterator:
    queryset = model.objects.for_workspace(workspace_id)
    if section.select_related:
        queryset = queryset.select_related(*section.select_related)
    return queryset.order_by(*section.order_by).iterator(chunk_size=CHUNK_SIZE)


def _write_jsonl(zf: zipfile.ZipFile, name: str, lines: Iterator[dict]) -> int:
    count = 0
    buffer: list[bytes] = []
    size = 0
    with zf.open(name, "w", force_zip64=True) as out:
        for item in lines:
            line = json.dumps(item, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
            buffer.append(line)
            size += len(line)
            count += 1
            if size >= WRITE_BUFFER_BYTES:
                out.write(b"".join(buffer))
                buffer, size = [], 0
        if buffer:
            out.write(b"".join(buffer))
    return count


def _serialized(rows: Iterator, serializer_class) -> Iterator[dict]:
    serializer = serializer_class()
    for row in rows:
        yield serializer.to_representation(row)


@contextlib.contextmanager
def _snapshot():
    """One consistent view of every table for the whole build (REPEATABLE READ, read-only), so every
    message's conversation is in the archive even while the workspace keeps changing. Inside an
    existing transaction (tests run tasks in-process) that transaction's view is used as it is."""
    if connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def write_archive(workspace_id: str, target) -> dict[str, int]:
    """Write the archive of a workspace into `target` (a path or a binary file). Returns the counts."""
    from apps.billing.selectors import subscription_current
    from apps.billing.serializers import SubscriptionSerializer

    from .models import Workspace
    from .serializers import WorkspaceSerializer

    counts: dict[str, int] = {}
    skipped: list[str] = []
    # Read (and lazily create) the subscription before the snapshot, which then only reads.
    subscription = SubscriptionSerializer(subscription_current(workspace_id=workspace_id)).data
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf, _snapshot():
        workspace = Workspace.objects.get(id=workspace_id)
        zf.writestr("workspace.json", json.dumps(WorkspaceSerializer(workspace).data, indent=2))
        zf.writestr("billing_subscription.json", json.dumps(subscription, indent=2))
        for section in SECTIONS:
            model, serializer_class = _resolve(section)
            if model is None:
                skipped.append(section.name)
                continue
            rows = _rows(section, model, workspace_id)
            counts[section.name] = _write_jsonl(
                zf, f"{section.name}.jsonl", _serialized(rows, serializer_class)
            )
        manifest = {
            "format_version": ARCHIVE_FORMAT_VERSION,
            "workspace_id": workspace_id,
            "created_at": format_timestamp(timezone.now()),
            "files": {f"{name}.jsonl": count for name, count in counts.items()},
            "not_included": skipped,
        }
        zf.writestr("manifest.json", json.dumps(manifest, indent=2))
    return counts


def build_archive_file(workspace_id: str, archive_id: int) -> tuple[str, int, dict[str, int]]:
    """Build the archive into a temporary file and stream it into default storage.

    Returns (storage name, size in bytes, counts). The name has a random part: storage paths are never
    guessable, even though downloads go through a signed URL anyway.
    """
    fd, path = tempfile.mkstemp(prefix=f"archive-{workspace_id}-", suffix=".zip")
    os.close(fd)
    try:
        counts = write_archive(workspace_id, path)
        size = os.path.getsize(path)
        name = f"archives/{workspace_id}/{archive_id}-{secrets.token_hex(8)}.zip"
        with open(path, "rb") as fh:
            stored_name = default_storage.save(name, File(fh, name=os.path.basename(name)))
        return stored_name, size, counts
    finally:
        os.unlink(path)


def delete_stored(name: str) -> None:
    if not name:
        return
    try:
        default_storage.delete(name)
    except Exception:  # noqa: BLE001 - a missing file is as good as deleted; log anything else
        logger.warning("could not delete stored archive %s", name, exc_info=True)
