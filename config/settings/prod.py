"""Production: refuses to degrade. No embedded server, no development secret, no fallback: a missing
DATABASE_URL, REDIS_URL, PUBLIC_BASE_URL or a weak SECRET_KEY stops the process at start."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    CONN_MAX_AGE,
    DATA_DIR,
    DATABASE_NAME,
    DATABASE_URL,
    DEV_SECRET_KEY,
    REDIS_KEY_PREFIX,
    REDIS_URL,
    SECRET_KEY,
    env,
)
from .services import broker_url, cache_settings, database_settings, redis_url

DEBUG = False
if env.str("DEBUG", default=""):
    raise ImproperlyConfigured("DEBUG must not be set in production.")
if not SECRET_KEY or SECRET_KEY == DEV_SECRET_KEY or SECRET_KEY.startswith("dev-") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set SECRET_KEY to a long random value in production.")
if not env.str("PUBLIC_BASE_URL", default=""):
    raise ImproperlyConfigured("Set PUBLIC_BASE_URL: the links the product sends out start with it.")

# embedded=False: these raise ImproperlyConfigured without a URL, and start nothing.
DATABASES = {
    "default": database_settings(
        DATABASE_URL, embedded=False, data_root=DATA_DIR, conn_max_age=CONN_MAX_AGE, name=DATABASE_NAME
    )
}
REDIS_URL = redis_url(REDIS_URL, embedded=False, data_root=DATA_DIR)
CACHES = cache_settings(REDIS_URL, REDIS_KEY_PREFIX)
CELERY_BROKER_URL = broker_url(REDIS_URL)

WEBHOOKS_ALLOW_PRIVATE_NETWORKS = False
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
