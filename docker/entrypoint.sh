#!/usr/bin/env sh
# web: migrate, then serve with gunicorn; worker: Celery worker; beat: Celery beat.
set -eu
role="${1:-web}"
case "$role" in
  web)
    python manage.py migrate --noinput
    python manage.py collectstatic --noinput >/dev/null
    exec gunicorn config.wsgi:application --bind 0.0.0.0:8000 --workers "${WEB_CONCURRENCY:-4}" \
      --access-logfile - --forwarded-allow-ips="${FORWARDED_ALLOW_IPS:-127.0.0.1}"
    ;;
  worker)
    exec celery -A config worker --loglevel=INFO --concurrency="${WORKER_CONCURRENCY:-4}"
    ;;
  beat)
    exec celery -A config beat --loglevel=INFO --schedule=/tmp/celerybeat-schedule
    ;;
  *)
    exec "$@"
    ;;
esac
