#!/usr/bin/env bash
# Mutation testing (issue 19) with mutmut, configured in pyproject.toml [tool.mutmut].
#
#   tests/mutation/run.sh security                # one area of tests/mutation/areas.toml: its modules,
#                                                 # each mutant against the tests of that area
#   tests/mutation/run.sh all                     # every module of [tool.mutmut] against every listed test
#   tests/mutation/run.sh security 'leadiosa.tenancy.x_for*'   # some mutants again (mutmut patterns)
#   tests/mutation/run.sh security --report       # score per module, each survivor with its diff
#
# It runs in a snapshot of HEAD (committed code only: what others are editing cannot break a run that
# takes an hour), under .data/mutation/tree, where mutmut makes its copy (mutants/) and keeps its
# results between runs; unchanged functions are not run again. The tests there start (via the test
# settings, as any test run does) an embedded PostgreSQL and Redis of their own under
# .data/mutation/servers (LEADIOSA_DATA_DIR): an hour of mutants neither fills nor depends on the
# servers every other run shares. Database and Redis key prefix are named by TEST_DB_SUFFIX (default
# mut); each pytest session starts from a pristine copy of the test database (fresh_db.py). One mutant
# at a time, at low priority: the machine is shared. Stop the servers afterwards with
#   LEADIOSA_DATA_DIR=.data/mutation/servers .venv/bin/python scripts/embedded.py stop
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
AREA=${1:?"usage: $0 AREA|all [mutant patterns | --report | --results] (areas: tests/mutation/areas.toml)"}
shift
TREE=${MUTATION_TREE:-$ROOT/.data/mutation/$AREA}
export LEADIOSA_DATA_DIR=${LEADIOSA_DATA_DIR:-$ROOT/.data/mutation/servers}
mkdir -p "$LEADIOSA_DATA_DIR"
export TEST_DB_SUFFIX=${TEST_DB_SUFFIX:-mut}
MUTMUT=("$ROOT/.venv/bin/python" -m mutmut)

mkdir -p "$TREE"
cd "$TREE"
case "${1:-}" in
  --results) exec "${MUTMUT[@]}" results ;;
  --report) exec "$ROOT/.venv/bin/python" "$ROOT/tests/mutation/survivors.py" --diffs ;;
esac
# -m: every file gets the extraction time, newer than mutmut's copy, so a changed function is mutated
# again (mutmut keeps the results of functions whose code did not change).
git -C "$ROOT" archive HEAD | tar -x -m -f -
# The area's modules and tests replace [tool.mutmut]'s lists in the snapshot's pyproject.toml.
if [ "$AREA" != all ]; then
  "$ROOT/.venv/bin/python" - "$ROOT/tests/mutation/areas.toml" "$AREA" <<'PY'
import json, re, sys, tomllib
area = tomllib.load(open(sys.argv[1], "rb"))[sys.argv[2]]
text = open("pyproject.toml").read()
for key, value in (("only_mutate", area["modules"]), ("pytest_add_cli_args_test_selection", area["tests"])):
    text, count = re.subn(rf"^{key} = \[.*?^\]", f"{key} = {json.dumps(value)}", text, flags=re.S | re.M)
    assert count == 1, key
open("pyproject.toml", "w").write(text)
PY
fi
# mutmut skips decorated functions; unwrap @transaction.atomic and @contextmanager (same meaning).
"$ROOT/.venv/bin/python" "$ROOT/tests/mutation/unwrap_decorators.py" \
  $("$ROOT/.venv/bin/python" -c 'import tomllib; print(" ".join(tomllib.load(open("pyproject.toml", "rb"))["tool"]["mutmut"]["only_mutate"]))')
exec nice -n 15 "${MUTMUT[@]}" run --max-children 1 "$@"
