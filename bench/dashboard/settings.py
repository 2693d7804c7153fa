"""Dashboard benchmark: development settings, the product's own routes, no per-request log line."""

from config.settings.dev import *  # noqa: F403

LOGGING = {"version": 1, "disable_existing_loggers": False}
