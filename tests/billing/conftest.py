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


@pytest.fixture
def seeded_plans(transactional_db):
    """Transactional tests flush every table afterwards, the seeded plans too: put them back first.

    (serialized_rollback cannot help: serializing goes through the tenant managers, which refuse to
    read outside a workspace.)"""
    import importlib

    from django.apps import apps as django_apps

    importlib.import_module("apps.billing.migrations.0001_initial").seed_plans(django_apps, None)
