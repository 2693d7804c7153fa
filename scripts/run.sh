#!/usr/bin/env bash
# `make run`: the production shape on this machine. Migrate, the demo workspace, then gunicorn (2 workers),
# a Celery worker and Celery beat, on the embedded PostgreSQL and Redis (or DATABASE_URL / REDIS_URL).
# Ctrl-C stops everything this run started, the embedded servers included; `make stop` does the same
# for a run that crashed (pid files under .data/run/).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-config.settings.dev}"
export PORT="${PORT:-8000}"
RUN_DIR="${LEADIOSA_DATA_DIR:-.data}/run"
mkdir -p "$RUN_DIR"

if [ -f "$RUN_DIR/gunicorn.pid" ] && kill -0 "$(cat "$RUN_DIR/gunicorn.pid")" 2>/dev/null; then
  echo "Another 'make run' is serving (pid $(cat "$RUN_DIR/gunicorn.pid")); stop it first (make stop)." >&2
  exit 1
fi

# gunicorn's workers listen with SO_REUSEPORT (gunicorn.conf.py): another server on the same port would
# silently share its connections instead of failing to bind, so the port must be free before we start.
if ! "$BIN/python" -c 'import socket, sys
probe = socket.socket()
probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
probe.bind(("127.0.0.1", int(sys.argv[1])))' "$PORT" 2>/dev/null; then
  echo "Port $PORT is in use: stop what listens there, or set PORT." >&2
  exit 1
fi

# The embedded servers that are not running yet are ours to stop at the end.
status="$("$BIN/python" scripts/embedded.py status)"
started=""
if [ -z "${DATABASE_URL:-}" ] && grep -q "postgres stopped" <<<"$status"; then started="postgres"; fi
if [ -z "${REDIS_URL:-}" ] && grep -q "redis stopped" <<<"$status"; then started="$started redis"; fi
echo "$started" >"$RUN_DIR/embedded-started"

pids=()
stop_all() {
  # Ignore further INT/TERM while stopping (a second Ctrl-C, or the same signal relayed by a parent such
  # as timeout(1), must not cut the clean-up short and leave the embedded servers running).
  trap '' INT TERM
  trap - EXIT
  echo "Stopping..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -f "$RUN_DIR/gunicorn.pid" "$RUN_DIR/worker.pid" "$RUN_DIR/beat.pid"
  # shellcheck disable=SC2086 - a list of names
  if [ -n "$started" ]; then "$BIN/python" scripts/embedded.py stop $started; fi
  rm -f "$RUN_DIR/embedded-started"
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all' EXIT

# Migrations (and the demo data) run as the tables' owner: the embedded server's superuser, or
# MIGRATE_DATABASE_URL when DATABASE_URL names a real server (as docker/entrypoint.sh does).
owner_url="${MIGRATE_DATABASE_URL:-${DATABASE_URL:-}}"
DATABASE_URL="$owner_url" DATABASE_USER="" "$BIN/python" manage.py migrate --noinput
demo="$(DATABASE_URL="$owner_url" DATABASE_USER="" "$BIN/python" manage.py demo)"

# gunicorn, the worker and beat log in as the runtime database role (neither superuser nor owner: it
# cannot rewrite the audit log): on the embedded server as DATABASE_USER (default leadiosa_app, which
# the server trusts on its socket); with DATABASE_URL set, as that URL's role. None of them inherits the
# owner's credentials: MIGRATE_DATABASE_URL is unset before they start.
unset MIGRATE_DATABASE_URL owner_url
export DATABASE_USER=""
if [ -z "${DATABASE_URL:-}" ]; then export DATABASE_USER="${DATABASE_RUNTIME_ROLE:-leadiosa_app}"; fi
# No access log: the app's JSON request log (path only, never the query string) is the one per request.
# gthread workers as in the image (docker/entrypoint.sh, chosen by measurement: docker/README.md): a request
# held open (the widget's long poll) takes a thread, not a whole worker. WEB_THREADS is exported so the
# widget's cap on waiting polls (half the threads) follows it.
export WEB_THREADS="${WEB_THREADS:-16}"
"$BIN/gunicorn" config.wsgi:application --bind "127.0.0.1:${PORT}" --workers "${WEB_CONCURRENCY:-2}" \
  --worker-class gthread --threads "$WEB_THREADS" --keep-alive "${WEB_KEEPALIVE:-5}" &
pids+=($!)
echo "$!" >"$RUN_DIR/gunicorn.pid"
"$BIN/celery" -A config worker --loglevel=INFO --concurrency=2 &
pids+=($!)
echo "$!" >"$RUN_DIR/worker.pid"
"$BIN/celery" -A config beat --loglevel=INFO --schedule="${LEADIOSA_DATA_DIR:-.data}/celerybeat-schedule" &
pids+=($!)
echo "$!" >"$RUN_DIR/beat.pid"

"$BIN/python" - "$PORT" <<'PY'
import sys, time, urllib.request
deadline = time.monotonic() + 60
while True:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/healthz", timeout=2)  # noqa: S310
        break
    except OSError:
        if time.monotonic() > deadline:
            sys.exit("gunicorn did not answer /healthz within 60 s")
        time.sleep(0.2)
PY

token_after() { awk -v label="$1" 'found { print; exit } $0 == label { found = 1 }' <<<"$demo"; }
cat <<MSG

Leadiosa is running (gunicorn 2 gthread workers, Celery worker and beat). Ctrl-C stops it all.
  API:   http://localhost:${PORT}/api/v1   (docs: http://localhost:${PORT}/docs/api/)
  $(grep '^Demo workspace:' <<<"$demo")
  $(grep '^Dashboard:' <<<"$demo" || true)
$(grep '^  sign in as' <<<"$demo" || true)
  owner token: $(token_after "Owner token (shown once):")
  admin token: $(token_after "Admin token (shown once):")
  agent token: $(token_after "Agent token (shown once):")
Try: curl -H "Authorization: Bearer \$TOKEN" http://localhost:${PORT}/api/v1/workspace

MSG

# Serve until Ctrl-C, or until one of the three exits (then stop the others and say so).
set +e
wait -n "${pids[@]}"
code=$?
echo "A process of this run exited ($code); stopping the rest." >&2
exit "$code"
