"""pytest: the development services (embedded unless named), with a database and a Redis key prefix of
this run's own, so suites run side by side on one machine without touching each other's data."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, DATA_DIR, DATABASE_NAME, DATABASE_URL, DATABASE_USER, LOGGING, REDIS_URL, env
from .services import broker_url, cache_settings, database_settings, redis_url

_suffix = env.str("TEST_DB_SUFFIX", default="")

# CONN_MAX_AGE 0 in the pytest process: tests that run requests in threads open a connection per
# thread, which must close at once, or the test database cannot be dropped at the end. The test
# client does not close connections between requests anyway. Server and worker processes a test
# starts take CONN_MAX_AGE from the environment, as production does.
DATABASES = {
    "default": database_settings(
        DATABASE_URL,
        embedded=True,
        data_root=DATA_DIR,
        conn_max_age=0,
        name=DATABASE_NAME,
        user=DATABASE_USER,
    )
}
DATABASES["default"]["TEST"] = {"NAME": f"test_leadiosa{'_' + _suffix if _suffix else ''}"}

# The embedded Redis's db 1 (development uses db 0), and a key prefix of this run's own: the cache,
# rate limits, token revocation and the Celery broker all write under it. Worker and server processes
# that a test starts inherit it through the environment.
REDIS_URL = redis_url(REDIS_URL, embedded=True, data_root=DATA_DIR, db=1)
# Under pytest-xdist each worker gets its own prefix (as it gets its own database); a process a worker
# starts inherits the worker's prefix, whatever TEST_DB_SUFFIX it is given.
_xdist_worker = env.str("PYTEST_XDIST_WORKER", default="")
os.environ.setdefault("TEST_REDIS_KEY_PREFIX", f"test-{_suffix or 'default'}")
if _xdist_worker and not os.environ["TEST_REDIS_KEY_PREFIX"].endswith(f"-{_xdist_worker}"):
    os.environ["TEST_REDIS_KEY_PREFIX"] += f"-{_xdist_worker}"
REDIS_KEY_PREFIX = os.environ["TEST_REDIS_KEY_PREFIX"]
CACHES = cache_settings(REDIS_URL, REDIS_KEY_PREFIX)
CELERY_BROKER_URL = broker_url(REDIS_URL)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,  # noqa: F405 - base's timeouts, this run's prefix
    "global_keyprefix": f"{REDIS_KEY_PREFIX}:",
}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WEBHOOKS_ALLOW_PRIVATE_NETWORKS = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The test client talks to "testserver"; links the product sends out start with it.
PUBLIC_BASE_URL = "http://testserver"
LOGGING["loggers"]["leadiosa.request"]["level"] = "WARNING"
MEDIA_ROOT = BASE_DIR / ".data" / f"test-media{_suffix}"
# The test client's requests run in the pytest process, on the connection test code uses as the owner
# (fixtures, flushes): each runs as the application's runtime role (SET ROLE), so the request path has
# exactly its privileges. Server and worker processes a test starts log in as the runtime role instead
# (DATABASE_USER), as production's do (leadiosa/db_roles.py).
DATABASE_REQUEST_ROLE = env.str("DATABASE_REQUEST_ROLE", default="leadiosa_app")
MIDDLEWARE = [
    *MIDDLEWARE[:2],  # noqa: F405 - the request's id and door first
    "leadiosa.db_roles.RuntimeRoleMiddleware",
    *MIDDLEWARE[2:],  # noqa: F405
]
# The test client builds its handler, and with it every middleware, once per Client — and the suite
# makes a Client per persona and request. WhiteNoise would index every static file (stat, headers,
# alternatives) each time: 90 ms a request. With autorefresh it finds a file when one is asked for,
# serving the same file with the same headers.
WHITENOISE_AUTOREFRESH = True
