"""Tests written for the mutants of leadiosa/timestamps.py that survived the area's tests
(tests/mutation/run.sh timestamps; the list and the equivalent ones: tests/mutation/RESULTS.md).

What a client sees: timestamps are UTC whatever the server's TIME_ZONE (in a detail, formatted by
Python, and in a filtered list, formatted by PostgreSQL), and an offset written `z` is taken like `Z`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from apps.contacts.models import Contact
from leadiosa.timestamps import parse_timestamp

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_york(settings):
    settings.TIME_ZONE = "America/New_York"  # the process's local time (os.environ TZ) follows it
    assert datetime.now(UTC).astimezone().utcoffset() != timedelta(0)
    return settings


def test_timestamps_are_utc_whatever_the_servers_time_zone(new_york, agent):
    created = agent.api.post("contacts", {"email": "ny@example.com"}).json()
    stored = Contact.all_workspaces.get(id=created["id"]).created_at.astimezone(UTC)
    expected = stored.strftime("%Y-%m-%dT%H:%M:%S.") + f"{stored.microsecond // 1000:03d}Z"
    assert created["created_at"] == expected
    assert agent.api.get(f"contacts/{created['id']}").json()["created_at"] == expected
    # A filtered list: the row's timestamps come formatted from PostgreSQL, under the same name.
    listed = agent.api.get("contacts", {"updated_before": "2999-01-01T00:00:00Z"}).json()["data"]
    assert [(item["id"], item["created_at"]) for item in listed] == [(created["id"], expected)]


def test_a_parsed_timestamp_is_utc_whatever_the_servers_time_zone(new_york):
    parsed = parse_timestamp("2026-05-12T09:28:25.901+02:00")
    assert parsed.utcoffset() == timedelta(0)
    assert parsed.isoformat() == "2026-05-12T07:28:25.901000+00:00"


def test_a_lower_case_z_is_utc_too(agent):
    created = agent.api.post("contacts", {"email": "z@example.com"}).json()
    response = agent.api.get("contacts", {"updated_before": "2999-01-01T00:00:00.000z"})
    assert response.status_code == 200, response.content
    assert [item["id"] for item in response.json()["data"]] == [created["id"]]
    assert parse_timestamp("2026-05-12T07:28:25.901z") == parse_timestamp("2026-05-12T07:28:25.901Z")
