import re
from datetime import UTC, datetime

import pytest

from leadiosa.ids import is_public_id, new_id
from leadiosa.timestamps import format_timestamp

pytestmark = pytest.mark.urls("tests.platform.urls")

TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z")


def walk(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)
    else:
        yield value


def test_timestamps_are_utc_with_milliseconds_and_z(owner):
    body = owner.api.get("workspace").json()
    assert TIMESTAMP.fullmatch(body["created_at"])


def test_timestamp_formatting_truncates_to_milliseconds_in_utc():
    from zoneinfo import ZoneInfo

    value = datetime(2026, 5, 12, 9, 28, 25, 901999, tzinfo=ZoneInfo("Europe/Oslo"))
    assert format_timestamp(value) == "2026-05-12T07:28:25.901Z"


def test_no_null_anywhere_and_empty_optional_fields_are_omitted(owner, admin, agent):
    body = owner.api.get("workspace").json()
    assert None not in list(walk(body))
    assert "closed_at" not in body and "purge_after" not in body
    listing = owner.api.get("_test/members").json()
    assert None not in list(walk(listing))
    assert all("nickname" not in item for item in listing["data"])


def test_timestamp_inputs_need_an_offset(admin):
    ok = admin.api.post("_test/members", {"email": "t1@example.com", "since": "2026-05-12T09:28:25+02:00"})
    assert ok.status_code == 201
    assert ok.json()["since"] == "2026-05-12T07:28:25+00:00"
    naive = admin.api.post("_test/members", {"email": "t2@example.com", "since": "2026-05-12T09:28:25"})
    assert naive.status_code == 400
    assert naive.json()["error"]["param"] == "since"


def test_ids_are_prefixed_opaque_and_not_sequential():
    ids = [new_id("conv") for _ in range(50)]
    assert len(set(ids)) == 50
    assert all(is_public_id(value, "conv") for value in ids)
    assert all(not value.split("_", 1)[1].isdigit() for value in ids)
    # Random tails: two ids minted in the same millisecond still differ in many characters.
    assert len({value[-14:] for value in ids}) == 50


def test_resources_carry_their_type_prefix(owner):
    assert owner.api.get("workspace").json()["id"].startswith("ws_")
    assert all(item["id"].startswith("mem_") for item in owner.api.get("_test/members").json()["data"])


def test_timestamp_formatter_handles_utc():
    assert format_timestamp(datetime(2026, 1, 1, tzinfo=UTC)) == "2026-01-01T00:00:00.000Z"


def test_years_below_1000_are_zero_padded():
    assert format_timestamp(datetime(999, 1, 2, 3, 4, 5, 6000, tzinfo=UTC)) == "0999-01-02T03:04:05.006Z"


def test_a_timestamp_past_the_representable_range_is_a_validation_error(admin):
    response = admin.api.post(
        "_test/members", {"email": "t3@example.com", "since": "9999-12-31T23:59:59-05:00"}
    )
    assert response.status_code == 400
    assert response.json()["error"]["param"] == "since"
