#!/usr/bin/env bash
# Serve the API on localhost:8000. With REDIS_URL set, a Celery worker and beat run beside it
# (the production shape); without it, tasks run in-process and no worker is needed.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PORT="${PORT:-8000}"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM
if [ -n "${REDIS_URL:-}" ]; then
  "$BIN/celery" -A config worker --loglevel=INFO --concurrency=2 &
  pids+=($!)
  "$BIN/celery" -A config beat --loglevel=INFO --schedule=.data/celerybeat-schedule &
  pids+=($!)
fi
echo "Serving the API on http://localhost:${PORT}/api/v1 (docs: http://localhost:${PORT}/docs/api/)"
"$BIN/gunicorn" config.wsgi:application --bind "127.0.0.1:${PORT}" --workers 2 --access-logfile - &
pids+=($!)
wait -n
