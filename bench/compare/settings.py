"""The comparison's server settings: the production settings, unchanged, plus the reference routes.

Everything production does per request happens here too (security middleware, the JSON request log
line, persistent connections, Redis cache and rate limits); `bench/compare/run.py` supplies the
environment production needs (DATABASE_URL, REDIS_URL, SECRET_KEY, PUBLIC_BASE_URL).
"""

from config.settings.prod import *  # noqa: F403

ROOT_URLCONF = "bench.compare.urls"
