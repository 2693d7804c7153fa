"""Settings for benchmark servers: development settings plus the reference views' routes."""

from config.settings.dev import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
LOGGING = {"version": 1, "disable_existing_loggers": False}  # no per-request log line in the hot loop
