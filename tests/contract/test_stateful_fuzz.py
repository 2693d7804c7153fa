"""Schemathesis from the outside, as a client would run it: the CLI against the real server's served
spec, every check (schema-valid requests accepted, ST202, included), every phase (examples, coverage,
fuzzing, and stateful following the spec's own OpenAPI links, no inference), a fixed seed and a bounded
budget. Zero failures and no "missing test data" warning (issue 19).

What no schema can say is supplied for schema-valid cases by tests/contract/fuzz_hooks.py (a fresh
Idempotency-Key per request; `after` only as a cursor the server issued). `FUZZ_MAX_TIME` (seconds,
default 120) and `FUZZ_MAX_EXAMPLES` (default 10) bound the CI run; `FUZZ_SEED` (default 19, CI's) picks
another seed to explore other cases, `FUZZ_EXTRA_ARGS` adds CLI options (e.g. `--mode positive`). The
longer run before a release is documented in tests/README.md.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from apps.billing.models import Plan
from tests.conftest import make_persona
from tests.factories import WorkspaceFactory

SEED = int(os.environ.get("FUZZ_SEED", "19"))
CONFIG = """
[checks]
# A body over 1 MiB is refused with 413 before it is parsed: a rejection too.
negative_data_rejection.expected-statuses = ["400", "401", "403", "404", "405", "409", "413", "415", "422", "429"]

# Schema-valid data must be accepted (ST202, on). A 422 is not a refusal of the data's shape: the request is
# well formed and names something the workspace does not have (`assignee_not_member`, `contact_not_found`
# for a body's id), as a 404 does for an id in the path. Both are state, which no schema can describe.
positive_data_acceptance.expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "422", "429", "5xx"]

[phases.stateful]
# Only the spec's own links (leadiosa/api/spec/links.py): no inference from names or Location headers.
inference.algorithms = []

[warnings]
# Every operation must be reached with data it accepts: the spec's links and examples supply it.
fail-on = ["missing_test_data"]

[generation]
# The run authenticates with a real token (-H): a mutated Authorization would be replaced by it.
with-security-parameters = false
"""


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_schemathesis_finds_nothing_over_the_served_spec(server, tmp_path):
    plan = Plan.objects.create(id="fuzz-live", name="Fuzz", rate_limit_per_minute=10**6)
    owner = make_persona(WorkspaceFactory(plan=plan), "owner")
    # What the run needs from the workspace: a contact and an audit entry (made over HTTP, as a client
    # would), the member's user id. An audit entry's id cannot come through a link reliably (the list it
    # would come from is mostly filtered to nothing by generated filters): it is given to that operation.
    headers = {"Authorization": f"Bearer {owner.plaintext}"}
    contact = server.client.post("/api/v1/contacts", json={"email": "fuzz@contract.test"}, headers=headers)
    assert contact.status_code == 201, contact.text
    user_id = server.client.get("/api/v1/me", headers=headers).json()["member"]["user_id"]
    audit_entry_id = server.client.get("/api/v1/audit?limit=1", headers=headers).json()["data"][0]["id"]
    config = tmp_path / "schemathesis.toml"
    config.write_text(
        CONFIG
        + f"""
[[operations]]
include-operation-id = "getAuditEntry"
parameters = {{ audit_entry_id = "{audit_entry_id}" }}
"""
    )
    max_time = os.environ.get("FUZZ_MAX_TIME", "120")
    env = {
        **os.environ,
        "SCHEMATHESIS_HOOKS": "tests.contract.fuzz_hooks",
        "FUZZ_USER_ID": user_id,
        "FUZZ_CONTACT_ID": contact.json()["id"],
    }
    done = subprocess.run(
        [
            str(Path(sys.executable).with_name("schemathesis")),
            "--config-file",
            str(config),
            "run",
            f"{server.base}/api/v1/openapi.json",
            "--url",
            server.base,
            "--checks",
            "all",
            *os.environ.get("FUZZ_EXTRA_ARGS", "").split(),
            "--phases",
            "examples,coverage,fuzzing,stateful",
            "--seed",
            str(SEED),
            "--max-examples",
            os.environ.get("FUZZ_MAX_EXAMPLES", "10"),
            "--max-time",
            max_time,
            "--workers",
            "1",
            "--request-timeout",
            "30",
            "-H",
            f"Authorization: Bearer {owner.plaintext}",
            "-H",
            "X-Forwarded-Proto: https",
            "--no-color",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        timeout=int(max_time) + 240,
        check=False,
    )
    output = done.stdout + done.stderr
    (tmp_path / "schemathesis.log").write_text(output)
    assert done.returncode == 0, output[-8000:]
    assert "Stateful" in output or "stateful" in output, output[-3000:]
    assert "Missing test data" not in output, output[-5000:]
