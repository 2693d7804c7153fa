"""Tests written for the mutants of leadiosa/context.py that survived the area's tests
(tests/mutation/run.sh context; the list and the equivalent ones: tests/mutation/RESULTS.md).
"""

from __future__ import annotations

import pytest

from leadiosa.context import source_for_path


@pytest.mark.parametrize(
    ("path", "source"),
    [("/Xapi/v1/contacts", "dashboard"), ("/XXadmin/", "dashboard"), ("//api/v1/contacts", "api")],
)
def test_only_leading_slashes_are_dropped_before_the_first_segment(path, source):
    # "/Xapi/…" is not the API's door: the first segment is "Xapi", a page the dashboard would answer.
    assert source_for_path(path) == source
