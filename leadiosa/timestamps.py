"""The API's one timestamp format, `YYYY-MM-DDTHH:MM:SS.mmmZ` (UTC, milliseconds), in and out.

Three ways to produce it, one format:
- `format_timestamp(dt)` in Python, for an object in hand;
- `UtcText("created_at")` in SQL, for list rows: PostgreSQL formats what it already has, so the row
  arrives as text and Python neither parses nor re-formats a datetime (the list hot path);
- `CursorText("created_at")`: the full-precision UTC instant (microseconds) a keyset cursor needs.
Both SQL forms truncate like `format_timestamp` (milliseconds are never rounded up).
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.db.models import CharField, Func

_MS_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'
_US_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"'


def format_timestamp(value: datetime | None) -> str | None:
    """UTC, exactly YYYY-MM-DDTHH:MM:SS.mmmZ (years below 1000 zero-padded, like PostgreSQL's YYYY)."""
    if value is None:
        return None
    value = value.astimezone(UTC)
    return (
        f"{value.year:04d}-{value.month:02d}-{value.day:02d}T{value.hour:02d}:{value.minute:02d}:"
        f"{value.second:02d}.{value.microsecond // 1000:03d}Z"
    )


class NaiveTimestamp(ValueError):
    """A timestamp without an offset: ambiguous, so refused."""


def parse_timestamp(value: str) -> datetime:
    """Any ISO-8601 timestamp *with an offset* → an aware UTC datetime; ValueError otherwise."""
    if not isinstance(value, str):
        raise ValueError("not a string")
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    if parsed.tzinfo is None:
        raise NaiveTimestamp("no offset")
    try:
        return parsed.astimezone(UTC)
    except OverflowError:  # e.g. 9999-12-31T23:59:59-05:00 lies past the last representable instant
        raise ValueError("out of range") from None


# The same two formats as SQL text around a quoted column, for lists whose SQL is written out.
TEXT_SQL = "to_char({} AT TIME ZONE 'UTC', '" + _MS_FORMAT + "')"
CURSOR_SQL = "to_char({} AT TIME ZONE 'UTC', '" + _US_FORMAT + "')"


class UtcText(Func):
    """A timestamptz column as the API's text, formatted by PostgreSQL (NULL stays NULL)."""

    template = TEXT_SQL.format("%(expressions)s")
    output_field = CharField()


class CursorText(Func):
    """A timestamptz column at full precision in UTC (`datetime.fromisoformat` reads it back)."""

    template = CURSOR_SQL.format("%(expressions)s")
    output_field = CharField()


def text_columns(*names: str) -> dict[str, UtcText]:
    """`{"created_at_text": UtcText("created_at"), …}` for `.values(**text_columns(...))`."""
    return {f"{name}_text": UtcText(name) for name in names}
