#!/usr/bin/env bash
# `make stop`: stop what a crashed `make run` left behind: gunicorn, the Celery worker and beat (pid files
# under .data/run/), then the embedded servers that run had started.
set -uo pipefail
cd "$(dirname "$0")/.."
RUN_DIR="${LEADIOSA_DATA_DIR:-.data}/run"
for name in gunicorn worker beat; do
  file="$RUN_DIR/$name.pid"
  [ -f "$file" ] || continue
  pid="$(cat "$file")"
  if kill -TERM "$pid" 2>/dev/null; then
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null && echo "$name ($pid) killed" || echo "$name ($pid) stopped"
  fi
  rm -f "$file"
done
if [ -f "$RUN_DIR/embedded-started" ]; then
  started="$(cat "$RUN_DIR/embedded-started")"
  # shellcheck disable=SC2086 - a list of names
  if [ -n "${started// /}" ]; then .venv/bin/python scripts/embedded.py stop $started; fi
  rm -f "$RUN_DIR/embedded-started"
fi
