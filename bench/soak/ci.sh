#!/usr/bin/env bash
# The soak's CI version (.ci/run, after the test suite): a 20-second saturation measure, then 60 seconds
# at 70 % of it, on a PostgreSQL and Redis of its own. Fails on any answer but 2xx and intended 429s, on
# any event listed by GET /events that the receiver did not get and verify, on a refused signature, or
# on a product process that exited. Memory and p99 are reported, not judged (a minute on a shared
# runner says nothing about either); the 10-minute run is in bench/soak/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec nice -n 5 .venv/bin/python bench/soak/run.py --seconds 60 --saturation-seconds 20 --ci "$@"
