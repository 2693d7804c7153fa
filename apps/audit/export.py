"""Streaming renderers for GET /audit/export: rows in, text chunks out, nothing accumulated."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

from leadiosa.api.serializers import format_timestamp

from .models import ENTRY_FIELDS
from .serializers import entry_representation

ROWS_PER_CHUNK = 500
# The entry's fields, created_at second (the order the CSV has always had).
CSV_HEADER = ("id", "created_at", *(name for name in ENTRY_FIELDS if name not in ("id", "created_at")))


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
        json.dumps(entry_representation(row), separators=(",", ":"), ensure_ascii=False) + "\n"
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
        for row in rows:
            entry = dict(zip(ENTRY_FIELDS, row, strict=True))
            entry["created_at"] = format_timestamp(entry["created_at"])
            entry["changes"] = " ".join(entry["changes"] or ())
            yield line(entry[name] for name in CSV_HEADER)

    return _chunks(lines())
