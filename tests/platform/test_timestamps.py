"""The one timestamp format, produced three ways (Python, PostgreSQL text, cursor text), agrees."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from django.db.models import Value
from django.db.models.fields import DateTimeField

from apps.workspaces.models import Workspace
from leadiosa.timestamps import CursorText, UtcText, format_timestamp, parse_timestamp

INSTANTS = [
    datetime(2026, 5, 12, 7, 28, 25, 901000, tzinfo=UTC),
    datetime(2026, 5, 12, 7, 28, 25, 999999, tzinfo=UTC),  # truncated, never rounded to the next second
    datetime(2026, 12, 31, 23, 59, 59, 999500, tzinfo=UTC),
    datetime(2026, 1, 1, 0, 0, 0, 0, tzinfo=UTC),
    datetime(2026, 3, 29, 1, 30, 0, 1000, tzinfo=timezone(timedelta(hours=2))),  # an offset
    datetime(999, 1, 2, 3, 4, 5, 6000, tzinfo=UTC),  # a year below 1000, zero-padded
]


@pytest.mark.parametrize("instant", INSTANTS, ids=str)
def test_postgresql_formats_exactly_like_python(workspace, instant):
    value = Value(instant, output_field=DateTimeField())
    rows = Workspace.objects.filter(pk=workspace.pk).annotate(text=UtcText(value), cursor=CursorText(value))
    row = rows.values("text", "cursor").get()
    assert row["text"] == format_timestamp(instant)
    assert datetime.fromisoformat(row["cursor"]) == instant  # the cursor keeps every microsecond


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-05-12T07:28:25.901Z", datetime(2026, 5, 12, 7, 28, 25, 901000, tzinfo=UTC)),
        ("2026-05-12T09:28:25+02:00", datetime(2026, 5, 12, 7, 28, 25, tzinfo=UTC)),
    ],
)
def test_parse_accepts_iso_8601_with_an_offset(raw, expected):
    assert parse_timestamp(raw) == expected


@pytest.mark.parametrize("raw", ["2026-05-12T07:28:25", "yesterday", "9999-12-31T23:59:59-05:00", 5])
def test_parse_refuses_what_is_not_an_instant_with_an_offset(raw):
    with pytest.raises(ValueError):
        parse_timestamp(raw)
