#!/usr/bin/env sh
# migrate: migrations as the tables' owner (MIGRATE_DATABASE_URL), then exit; web: serve with gunicorn;
# worker: Celery worker; beat: Celery beat. DJANGO_SETTINGS_MODULE is config.settings.prod (the image's
# default): DATABASE_URL, REDIS_URL, SECRET_KEY and PUBLIC_BASE_URL must be set, or every role refuses
# to start.
set -eu
role="${1:-web}"
# Migrations run as the tables' owner; every long-running process logs in as DATABASE_URL's runtime role
# and must not inherit the owner's credentials (the owner could switch the audit triggers off): each
# `exec` below comes after `unset MIGRATE_DATABASE_URL`.
case "$role" in
  migrate)
    DATABASE_URL="${MIGRATE_DATABASE_URL:-$DATABASE_URL}" python manage.py migrate --noinput
    ;;
  web)
    unset MIGRATE_DATABASE_URL
    python manage.py collectstatic --noinput >/dev/null
    # No gunicorn access log: it would record query strings (cursors, search terms, signed links). The
    # app's JSON request log, one line per request with the path only, takes its place.
    # gthread workers, one per core, 16 threads each, keep-alive 5 s: chosen by measurement (docker/README.md,
    # bench/compare/RESULTS-gunicorn.md): 2-4x the sync workers' req/s on database-backed requests (a
    # thread waiting on PostgreSQL or Redis leaves the core to another; kept-alive connections), and a
    # request held open (the widget's long poll) takes a thread, not a whole worker. Each thread keeps
    # its own database connection: WEB_CONCURRENCY x WEB_THREADS per container, under max_connections.
    export WEB_THREADS="${WEB_THREADS:-16}"  # the widget's cap on waiting long polls is half of it
    exec gunicorn config.wsgi:application --bind 0.0.0.0:8000 \
      --worker-class gthread --workers "${WEB_CONCURRENCY:-$(nproc)}" --threads "$WEB_THREADS" \
      --keep-alive "${WEB_KEEPALIVE:-5}" --forwarded-allow-ips="${FORWARDED_ALLOW_IPS:-127.0.0.1}"
    ;;
  worker)
    unset MIGRATE_DATABASE_URL
    exec celery -A config worker --loglevel=INFO --concurrency="${WORKER_CONCURRENCY:-4}"
    ;;
  beat)
    unset MIGRATE_DATABASE_URL
    exec celery -A config beat --loglevel=INFO --schedule=/tmp/celerybeat-schedule
    ;;
  *)
    unset MIGRATE_DATABASE_URL
    exec "$@"
    ;;
esac
