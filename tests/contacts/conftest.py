import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from leadiosa import events


@pytest.fixture
def captured_events():
    """Every event emitted during the test, in order."""
    seen = []
    events.register_sink(seen.append)
    yield seen
    events._sinks.remove(seen.append)


@pytest.fixture
def count_queries():
    """Run a request and return (response, number of SQL queries it ran)."""

    def run(call):
        with CaptureQueriesContext(connection) as ctx:
            response = call()
        return response, len(ctx.captured_queries)

    return run
