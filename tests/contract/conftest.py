"""The contract suite's server: gunicorn in the production shape, once per test module."""

from __future__ import annotations

import pytest

from tests.platform.servers import Gunicorn


@pytest.fixture(scope="module")
def server(django_db_setup, tmp_path_factory):
    gunicorn = Gunicorn(tmp_path_factory.mktemp("contract"), RATE_LIMIT_FAILED_AUTH_PER_MINUTE="1000000")
    yield gunicorn
    gunicorn.stop()
