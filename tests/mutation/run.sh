#!/usr/bin/env bash
# Mutation testing (issue 19) with mutmut, configured in pyproject.toml [tool.mutmut].
#
#   tests/mutation/run.sh                         # every mutant of every module in only_mutate
#   tests/mutation/run.sh 'leadiosa.tenancy.*'    # one module (mutmut's own name patterns)
#   tests/mutation/run.sh --results               # survivors so far (mutmut results)
#   tests/mutation/run.sh --report                # score per module, each survivor with its diff
#
# It runs in a snapshot of HEAD (committed code only: what others are editing cannot break a run that
# takes an hour), under .data/mutation/tree, where mutmut makes its copy (mutants/) and keeps its
# results between runs; unchanged functions are not run again. The tests there use the same embedded
# PostgreSQL and Redis as every other run (LEADIOSA_DATA_DIR), with a database and Redis key prefix of
# their own (TEST_DB_SUFFIX, default mut; --reuse-db keeps the database between mutants), and run one
# mutant at a time at low priority: the machine is shared.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TREE=${MUTATION_TREE:-$ROOT/.data/mutation/tree}
export LEADIOSA_DATA_DIR=${LEADIOSA_DATA_DIR:-$ROOT/.data}
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
# mutmut skips decorated functions; unwrap @transaction.atomic and @contextmanager (same meaning).
"$ROOT/.venv/bin/python" "$ROOT/tests/mutation/unwrap_decorators.py" \
  $("$ROOT/.venv/bin/python" -c 'import tomllib; print(" ".join(tomllib.load(open("pyproject.toml", "rb"))["tool"]["mutmut"]["only_mutate"]))')
exec nice -n 15 "${MUTMUT[@]}" run --max-children 1 "$@"
