import threading

import pytest

from leadiosa import events


@pytest.fixture
def captured_events():
    """Every event emitted during the test (from any thread), in order."""
    seen: list[events.Event] = []
    lock = threading.Lock()

    def sink(event):
        with lock:
            seen.append(event)

    events.register_sink(sink)
    try:
        yield seen
    finally:
        events._sinks.remove(sink)
