"""Settings for the soak: exactly what `make run` uses (config.settings.dev: DEBUG off, embedded PostgreSQL
and Redis under the soak's own LEADIOSA_DATA_DIR unless DATABASE_URL / REDIS_URL are set), which also lets
the webhook receiver listen on 127.0.0.1."""

from config.settings.dev import *  # noqa: F403
