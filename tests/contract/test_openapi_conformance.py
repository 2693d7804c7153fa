"""Schemathesis drives every operation of the published spec with generated requests and checks that
each response conforms to it: documented status, content type, body schema and headers, and never a 5xx.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from apps.billing.models import Plan
from tests.conftest import make_persona
from tests.factories import WorkspaceFactory

MAX_EXAMPLES = 12


CONFIG = SchemathesisConfig.from_dict(
    {
        # The test sends a real token on every case: a generated (or mutated) Authorization header is
        # replaced, so a "negative" case built by mutating it would be a valid request (401s: test_live_contract).
        "generation": {"with-security-parameters": False},
        "checks": {
            # Cursors, ids and download signatures are opaque strings the server alone can judge: a
            # string that fits the schema's shape is still refused (400 invalid_cursor, 404), as it must be.
            "positive_data_acceptance": {"enabled": False},
            # A body over 1 MiB is refused with 413 before it is even parsed: that is a rejection too.
            "negative_data_rejection": {
                "expected-statuses": ["400", "401", "403", "404", "405", "409", "413", "415", "422", "429"]
            },
        },
    }
)
# Loaded at collection time through the app itself (the spec endpoint reads no data).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application(), config=CONFIG)


@pytest.fixture(autouse=True)
def keep_test_connection(db):
    """Like Django's test client: keep the test's connection (and its transaction) across requests."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_owner(db, settings):
    # Schemathesis also sends bad credentials on purpose; the per-address failure budget must not
    # turn those 401s into 429s mid-run.
    settings.RATE_LIMIT_FAILED_AUTH_PER_MINUTE = 10**6
    # Generated traffic must not hit the rate limit: the plan's limit is just out of reach.
    plan = Plan.objects.create(id="fuzz", name="Fuzz", rate_limit_per_minute=10**6)
    return make_persona(WorkspaceFactory(plan=plan), "owner")


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_every_operation_conforms_to_the_spec(case, fuzz_owner):
    case.call_and_validate(headers={"Authorization": f"Bearer {fuzz_owner.plaintext}"})
