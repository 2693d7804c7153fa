"""Streaming renderers for GET /audit/export: rows in, text chunks out, nothing accumulated."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

from leadiosa.api.serializers import format_timestamp

from .serializers import entry_representation

ROWS_PER_CHUNK = 500
CSV_HEADER = (
    "id",
    "created_at",
    "action",
    "actor_type",
    "actor_id",
    "resource_type",
    "resource_id",
    "request_id",
    "ip",
    "changes",
    "source",
    "client_request_id",
)


def _chunks(lines: Iterable[str]) -> Iterator[bytes]:
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= ROWS_PER_CHUNK:
            yield "".join(batch).encode()
            batch.clear()
    if batch:
        yield "".join(batch).encode()


def jsonl_stream(rows: Iterable[tuple]) -> Iterator[bytes]:
    """One JSON object per line, exactly as GET /audit shows an entry."""
    return _chunks(
        json.dumps(entry_representation(*row), separators=(",", ":"), ensure_ascii=False) + "\n"
        for row in rows
    )


def _csv_safe(value: str) -> str:
    # A cell starting with = + - @ is a formula to a spreadsheet; none of ours should, but never run one.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def csv_stream(rows: Iterable[tuple]) -> Iterator[bytes]:
    """A header line, then one line per entry; `changes` is a space-separated list of names."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")

    def line(values) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([_csv_safe(str(v)) for v in values])
        return buffer.getvalue()

    def lines() -> Iterator[str]:
        yield line(CSV_HEADER)
        for (
            id_,
            action,
            actor_type,
            actor_id,
            resource_type,
            resource_id,
            request_id,
            ip,
            changes,
            created_at,
            source,
            client_request_id,
        ) in rows:
            yield line(
                (
                    id_,
                    format_timestamp(created_at),
                    action,
                    actor_type,
                    actor_id,
                    resource_type,
                    resource_id,
                    request_id,
                    ip,
                    " ".join(changes or ()),
                    source,
                    client_request_id,
                )
            )

    return _chunks(lines())
