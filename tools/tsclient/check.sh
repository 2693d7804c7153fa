#!/usr/bin/env bash
# A second, independent generator: orval builds a TypeScript client from the served spec, tsc (strict)
# type-checks it. Fails on a generator error or a type error.
set -euo pipefail
cd "$(dirname "$0")"
rm -rf ../../.data/tsclient
mkdir -p ../../.data
../../.venv/bin/python ../../manage.py spectacular --format openapi-json --file ../../.data/openapi.json
node_modules/.bin/orval --config orval.config.cjs
files=$(node_modules/.bin/tsc -p tsconfig.json --listFilesOnly | grep -c "/.data/tsclient/" || true)
node_modules/.bin/tsc -p tsconfig.json
echo "orval TypeScript client: ${files} files type-check (tsc --strict)"
