"""Development: `make run` and every `manage.py` command. PostgreSQL and Redis are embedded (started
under .data/ and kept running) unless DATABASE_URL / REDIS_URL name real ones."""

from .base import *  # noqa: F403
from .base import (
    CONN_MAX_AGE,
    DATA_DIR,
    DATABASE_NAME,
    DATABASE_URL,
    DATABASE_USER,
    REDIS_KEY_PREFIX,
    REDIS_URL,
)
from .services import broker_url, cache_settings, database_settings, redis_url

DEBUG = False  # keep the API's JSON error pages; Django's debug page would leak internals
ALLOWED_HOSTS = ["*"]
# A receiver on localhost works in development only (CONTRACT §2 webhooks, SSRF).
WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True

DATABASES = {
    "default": database_settings(
        DATABASE_URL,
        embedded=True,
        data_root=DATA_DIR,
        conn_max_age=CONN_MAX_AGE,
        name=DATABASE_NAME,
        user=DATABASE_USER,
    )
}
REDIS_URL = redis_url(REDIS_URL, embedded=True, data_root=DATA_DIR)
CACHES = cache_settings(REDIS_URL, REDIS_KEY_PREFIX)
CELERY_BROKER_URL = broker_url(REDIS_URL)
