#!/usr/bin/env bash
# The three spec gates of CI (make speclint), against the spec the server serves (the same generator,
# settings and postprocessing hook as GET /api/v1/openapi.json): openapi-spec-validator valid, Redocly CLI
# (recommended ruleset) 0 errors and 0 warnings, Spectral (spectral:oas) 0 warnings.
set -euo pipefail
cd "$(dirname "$0")/../.."
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1
BIN=tools/speclint/node_modules/.bin
SPEC=.data/openapi.json
mkdir -p .data
.venv/bin/python manage.py spectacular --format openapi-json --validate --fail-on-warn --file "$SPEC"
.venv/bin/openapi-spec-validator "$SPEC"
"$BIN/redocly" lint "$SPEC" --config tools/speclint/redocly.yaml --format json >.data/redocly.json 2>/dev/null || true
.venv/bin/python - <<'PY'
import json, sys
report = json.load(open(".data/redocly.json"))
for problem in report["problems"]:
    print(f"redocly {problem['severity']}: {problem['ruleId']}: {problem['message']} at {problem['location'][0]['pointer']}")
totals = report["totals"]
print(f"Redocly CLI (recommended): {totals['errors']} errors, {totals['warnings']} warnings")
sys.exit(1 if totals["errors"] or totals["warnings"] else 0)
PY
"$BIN/spectral" lint "$SPEC" --ruleset tools/speclint/.spectral.yaml --fail-severity=warn
echo "Spectral (spectral:oas): 0 warnings"
