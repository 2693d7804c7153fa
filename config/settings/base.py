"""Settings shared by every environment. Everything that differs comes from the environment.

Every value the environment may set is read here, through one `env` (django-environ), and nowhere
else. Where the services are (DATABASES, CACHES, the Celery broker) is decided by each environment's
module: dev and test may embed PostgreSQL and Redis, prod refuses to start without real ones. Importing
this module starts nothing.
"""

from pathlib import Path

import environ

from leadiosa.api.error_schema import ERROR_COMPONENT

env = environ.Env()

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Where the embedded PostgreSQL and Redis keep their data, pid files and logs (development and tests).
DATA_DIR = Path(env.str("LEADIOSA_DATA_DIR", default=str(BASE_DIR / ".data")))

DEV_SECRET_KEY = "dev-insecure-secret-key-change-me"
SECRET_KEY = env.str("SECRET_KEY", default=DEV_SECRET_KEY)
# While rotating SECRET_KEY: the previous key(s), comma-separated. Signed cursors and download links
# made with them stay valid until they expire, and encrypted webhook secrets stay readable
# (leadiosa.crypto), until they are re-encrypted under the new key.
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
DEBUG = False
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "testserver"])

# The port `make run` serves on, and the address every link the product sends out starts with (archive
# downloads, e-mails): never the request's Host header, which a client chooses.
PORT = env.int("PORT", default=8000)
PUBLIC_BASE_URL = env.str("PUBLIC_BASE_URL", default=f"http://localhost:{PORT}").rstrip("/")

# The services. Empty URLs mean "embedded" in dev and test, and "refuse to start" in prod.
DATABASE_URL = env.str("DATABASE_URL", default="")
# A test's worker and server processes connect to that test's database.
DATABASE_NAME = env.str("DATABASE_NAME", default="")
# Persistent connections in every configuration (seconds; 0 closes after each request).
CONN_MAX_AGE = env.int("CONN_MAX_AGE", default=60)
REDIS_URL = env.str("REDIS_URL", default="")
# Prefixes every key the cache and the Celery broker write, so several deployments (or test runs) can
# share one Redis.
REDIS_KEY_PREFIX = env.str("REDIS_KEY_PREFIX", default="leadiosa")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",  # OpClass in indexes (the trigram search indexes), lookups
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Redoc, pinned and served by us (/docs/api/)
    "leadiosa",
    "apps.billing",
    "apps.workspaces",
    "apps.contacts",
    "apps.conversations",
    "apps.knowledge",
    "apps.assistant",  # after knowledge: its event sink keeps its place, before the webhooks outbox
    "apps.webhooks",
    "apps.audit",
    "apps.channels_email",
    "apps.channels_widget",
    "django_htmx",
    "apps.dashboard",
    "apps.docs",
]

MIDDLEWARE = [
    "leadiosa.api.middleware.RequestContextMiddleware",
    "leadiosa.context.RequestSourceMiddleware",  # the request's door (api, dashboard, admin…) for audit
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "leadiosa.api.middleware.ApiGuardMiddleware",
    "leadiosa.api.middleware.QueryStringGuardMiddleware",  # a NUL in a page's query: 400, not a 500
    # The dashboard's middleware (leadiosa/api/page_middleware.py): Django's own, skipped for /api/ paths
    # (bearer tokens, JSON, no session, cookie, message or frame), which they would only slow down.
    "leadiosa.api.page_middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "leadiosa.api.page_middleware.CsrfViewMiddleware",
    "leadiosa.api.page_middleware.AuthenticationMiddleware",
    "leadiosa.api.page_middleware.HtmxMiddleware",
    "leadiosa.api.page_middleware.MessageMiddleware",
    "leadiosa.api.page_middleware.XFrameOptionsMiddleware",
]
# Django's W002/W003 look for its own middleware's dotted paths; ours are subclasses that API paths skip,
# so leadiosa/checks.py checks the same protections (and their settings) in their place.
SILENCED_SYSTEM_CHECKS = ["security.W002", "security.W003"]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
AUTH_USER_MODEL = "workspaces.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(DATA_DIR / "media")))
MEDIA_URL = "media/"

# The API refuses bodies above 1 MiB with 413 request_too_large (CONTRACT §1).
API_MAX_BODY_BYTES = 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = API_MAX_BODY_BYTES

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["leadiosa.api.auth.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["leadiosa.api.permissions.RoleScopePermission"],
    "DEFAULT_RENDERER_CLASSES": ["leadiosa.api.renderers.ApiJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["leadiosa.api.parsers.StrictJSONParser"],
    "DEFAULT_THROTTLE_CLASSES": [],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "leadiosa.api.schema.ApiAutoSchema",
    "EXCEPTION_HANDLER": "leadiosa.api.errors.api_exception_handler",
    "UNAUTHENTICATED_USER": None,
    # No DATETIME_FORMAT: strftime cannot write the contract's milliseconds, and no output uses DRF's
    # DateTimeField formatting; every timestamp goes through leadiosa.api.serializers.TimestampField.
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Leadiosa REST API",
    "DESCRIPTION": "Everything the dashboard does, programmable. Bearer-token authentication, "
    "predictable resource-oriented endpoints, JSON in, JSON out.",
    "VERSION": "v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # OpenAPI 3.1 (for `webhooks`); the words, examples, errors and webhooks come from leadiosa/api/spec.
    "OAS_VERSION": "3.1.0",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "leadiosa.api.spec.hook.postprocess",
    ],
    "DEFAULT_GENERATOR_CLASS": "leadiosa.api.schema.ApiSchemaGenerator",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
    "ENUM_NAME_OVERRIDES": {
        "ConversationStatusEnum": "apps.conversations.models.Status",
        "ArticleStatusEnum": "apps.knowledge.models.Article.Status",
        "WebhookStatusEnum": ["enabled", "disabled"],
        "AuditSourceEnum": "leadiosa.context.SOURCES",
    },
    "APPEND_COMPONENTS": {
        "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
        "schemas": {"Error": ERROR_COMPONENT},
    },
    "SECURITY": [{"bearerAuth": []}],
    "AUTHENTICATION_WHITELIST": [],
    # The spec and the docs are public.
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
}

# Rate limits (CONTRACT §1): per token per minute from the plan; failed authentications per client IP.
RATE_LIMIT_FAILED_AUTH_PER_MINUTE = env.int("RATE_LIMIT_FAILED_AUTH_PER_MINUTE", default=60)
# Only honour X-Forwarded-For / X-Forwarded-Proto when a trusted proxy sets them.
# How many reverse proxies of ours stand in front of the app. Each appends the address it saw to
# X-Forwarded-For, so the client is the entry this many places from the right; anything further left
# was written by the client and is never trusted. 0: use the socket's peer address.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

API_TOKEN_LOADER = "apps.workspaces.auth.load_token"
API_TOKEN_USE_RECORDER = "apps.workspaces.auth.record_token_use"
# Who gets the deprecation notices (leadiosa/api/deprecation_notices.py): a workspace's name and owners.
NOTICE_RECIPIENTS_LOADER = "apps.workspaces.selectors.workspace_owners_to_notify"

IDEMPOTENCY_TTL_HOURS = 24
# A reservation older than this belongs to a request that died; a retry may take it over.
IDEMPOTENCY_LOCK_SECONDS = 120

# Celery: Redis is the broker in every mode (CELERY_BROKER_URL is set with CACHES by each environment's
# module). Tasks never run in the request; a test that wants that asks for the `eager_tasks` fixture.
# Sending a task never waits long on a broker that is down or silent: the change it follows is already
# committed, and what could not be sent is queued again by a sweeper (webhook outbox, pending e-mails).
# Connect within 1 s, any read or write within 2 s (above the worker's 1 s BRPOP), one reconnection
# attempt and one publish retry: a few seconds at worst instead of forever (kombu retries a connection
# without limit unless max_retries is set, and redis-py waits on a silent socket without a timeout).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "global_keyprefix": f"{REDIS_KEY_PREFIX}:",
    "socket_connect_timeout": 1,
    "socket_timeout": 2,
    "socket_keepalive": True,
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_RESULT_BACKEND = None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
# Each app adds its periodic tasks here (one entry each; keys name the task's purpose).
CELERY_BEAT_SCHEDULE: dict = {
    "purge-closed-workspaces": {"task": "apps.workspaces.tasks.purge_closed_workspaces", "schedule": 3600.0},
    "fail-stale-archive-builds": {
        "task": "apps.workspaces.tasks.fail_stale_archive_builds",
        "schedule": 900.0,
    },
    "roll-over-billing-periods": {"task": "apps.billing.tasks.roll_over_billing_periods", "schedule": 300.0},
    "send-deprecation-notices": {"task": "leadiosa.tasks.send_deprecation_notices", "schedule": 21600.0},
    "purge-expired-idempotency-keys": {
        "task": "leadiosa.tasks.purge_expired_idempotency_keys",
        "schedule": 3600,
    },
    "sweep-webhook-deliveries": {"task": "apps.webhooks.tasks.sweep_webhook_deliveries", "schedule": 5.0},
    "wake-snoozed-conversations": {
        "task": "apps.conversations.tasks.wake_snoozed_conversations",
        "schedule": 60.0,
    },
    "sweep-pending-emails": {"task": "apps.channels_email.tasks.sweep_pending_emails", "schedule": 60.0},
    "requeue-stalled-ingestions": {
        "task": "apps.knowledge.tasks.requeue_stalled_ingestions",
        "schedule": 300.0,
    },
}

# The database role the application runs as (leadiosa/db_roles.py): granted after every migrate.
# Web, worker and beat LOG IN as it: production and docker compose through DATABASE_URL's user, the
# embedded server (make run, the tests' server and worker processes) through DATABASE_USER.
# DATABASE_REQUEST_ROLE: SET ROLE to it around each request, only for the test client's in-process
# requests, which share the owner's connection with test code (config/settings/test.py).
DATABASE_RUNTIME_ROLE = env.str("DATABASE_RUNTIME_ROLE", default="leadiosa_app")
DATABASE_USER = env.str("DATABASE_USER", default="")
DATABASE_REQUEST_ROLE = env.str("DATABASE_REQUEST_ROLE", default="")
# The audit chain's HMAC key (apps/audit/keys.py), never stored in the database; unset: derived from
# SECRET_KEY. Older keys stay verifiable through AUDIT_CHAIN_KEY_FALLBACKS and SECRET_KEY_FALLBACKS.
AUDIT_CHAIN_KEY = env.str("AUDIT_CHAIN_KEY", default="")
AUDIT_CHAIN_KEY_FALLBACKS = env.list("AUDIT_CHAIN_KEY_FALLBACKS", default=[])

# The knowledge base (apps/knowledge/conf.py reads these) and the assistant (apps/assistant reads
# ASSISTANT_*, OPENAI_MODEL, OPENAI_MAX_COMPLETION_TOKENS and KNOWLEDGE_MIN_TERM_COVERAGE). The defaults
# run offline: the deterministic `extractive` assistant and no embeddings (full-text search only).
ASSISTANT_PROVIDER = env.str("ASSISTANT_PROVIDER", default="extractive")  # or "openai"
KNOWLEDGE_EMBEDDING_PROVIDER = env.str("KNOWLEDGE_EMBEDDING_PROVIDER", default="")  # or "openai"
OPENAI_BASE_URL = env.str("OPENAI_BASE_URL", default="https://api.openai.com/v1")
OPENAI_API_KEY = env.str("OPENAI_API_KEY", default="")
OPENAI_MODEL = env.str("OPENAI_MODEL", default="gpt-4o-mini")
OPENAI_EMBEDDING_MODEL = env.str("OPENAI_EMBEDDING_MODEL", default="text-embedding-3-small")
OPENAI_TIMEOUT_SECONDS = env.float("OPENAI_TIMEOUT_SECONDS", default=30.0)
OPENAI_CONNECT_TIMEOUT_SECONDS = env.float("OPENAI_CONNECT_TIMEOUT_SECONDS", default=5.0)
OPENAI_MAX_RETRIES = env.int("OPENAI_MAX_RETRIES", default=2)
OPENAI_RETRY_BACKOFF_SECONDS = env.float("OPENAI_RETRY_BACKOFF_SECONDS", default=0.5)
OPENAI_MAX_COMPLETION_TOKENS = env.int("OPENAI_MAX_COMPLETION_TOKENS", default=400)
OPENAI_EMBEDDING_BATCH_SIZE = env.int("OPENAI_EMBEDDING_BATCH_SIZE", default=64)
KNOWLEDGE_QUERY_EMBEDDING_TIMEOUT_SECONDS = env.float(
    "KNOWLEDGE_QUERY_EMBEDDING_TIMEOUT_SECONDS", default=5.0
)
KNOWLEDGE_CHUNK_MAX_TOKENS = env.int("KNOWLEDGE_CHUNK_MAX_TOKENS", default=200)
KNOWLEDGE_CHUNK_OVERLAP_TOKENS = env.int("KNOWLEDGE_CHUNK_OVERLAP_TOKENS", default=30)
KNOWLEDGE_SEARCH_CANDIDATES = env.int("KNOWLEDGE_SEARCH_CANDIDATES", default=200)
ASSISTANT_CONTEXT_CHUNKS = env.int("ASSISTANT_CONTEXT_CHUNKS", default=4)
ASSISTANT_HISTORY_MESSAGES = env.int("ASSISTANT_HISTORY_MESSAGES", default=6)
KNOWLEDGE_MIN_VECTOR_SIMILARITY = env.float("KNOWLEDGE_MIN_VECTOR_SIMILARITY", default=0.35)
KNOWLEDGE_MIN_TERM_COVERAGE = env.float("KNOWLEDGE_MIN_TERM_COVERAGE", default=0.5)

# Webhook signing secrets are encrypted at rest under a key derived from this (falls back to SECRET_KEY).
WEBHOOK_SECRET_KEY = env.str("WEBHOOK_SECRET_KEY", default="")
WEBHOOKS_ALLOW_PRIVATE_NETWORKS = False
# A delivery queued but not attempted for this long is queued again by the sweeper.
WEBHOOKS_REDISPATCH_AFTER_SECONDS = env.int("WEBHOOKS_REDISPATCH_AFTER_SECONDS", default=60)
WEBHOOKS_RETENTION_DAYS = env.int("WEBHOOKS_RETENTION_DAYS", default=30)
# How long a workspace archive's signed download link works.
WORKSPACE_ARCHIVE_URL_TTL_SECONDS = env.int("WORKSPACE_ARCHIVE_URL_TTL_SECONDS", default=3600)

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = "Leadiosa <no-reply@leadiosa.com>"
# SMTP (the e-mail channel's replies, password resets) when EMAIL_BACKEND is the SMTP backend.
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
# The e-mail channel (apps/channels_email): the domain of every workspace's inbound address, whose MX
# (a mail provider's inbound route) POSTs each message to the workspace's inbound URL.
EMAIL_INBOUND_DOMAIN = env.str("EMAIL_INBOUND_DOMAIN", default="inbound.localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "leadiosa.logging.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "loggers": {
        "leadiosa.request": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "leadiosa": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "apps": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # httpx logs every request's full URL at INFO; a webhook URL can carry a credential. Our own
        # delivery log names the endpoint's host instead (apps.webhooks.sending).
        "httpx": {"level": "WARNING"},
        "httpcore": {"level": "WARNING"},
    },
}

# The dashboard (apps/dashboard): people sign in with e-mail and password; sessions in the database,
# read through the cache; cookies HttpOnly and SameSite=Lax (Secure in production, see prod.py).
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend", "apps.dashboard.auth.EmailBackend"]
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/app/"
LOGOUT_REDIRECT_URL = "/login/"
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# WhiteNoise serves the dashboard's assets (htmx, CSS, JS) from the apps' static/ folders: no CDN, no
# collectstatic needed to run.
WHITENOISE_USE_FINDERS = True
