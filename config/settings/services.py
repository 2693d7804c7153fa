"""Where the shared services are, for the settings modules: one function per service.

Development and test settings may embed PostgreSQL and Redis when no URL names them; production
settings pass `embedded=False` and refuse to start instead. Nothing here runs at import.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ImproperlyConfigured

from leadiosa.database import database_settings

__all__ = ["broker_url", "cache_settings", "database_settings", "redis_url"]


def redis_url(url: str, *, embedded: bool, data_root: Path, db: int = 0) -> str:
    """`url` when set; otherwise the embedded server's socket URL (started if needed), or refuse."""
    if url:
        return url
    if not embedded:
        raise ImproperlyConfigured("Set REDIS_URL: production runs on a real Redis.")
    from leadiosa.embedded_redis import embedded_redis_url

    return embedded_redis_url(data_root, db)


def cache_settings(url: str, key_prefix: str) -> dict:
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": key_prefix,
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                # A Redis that stops answering must fail a request in about a second (503), not hang
                # a worker: every API request reads it (token, rate limit).
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 2,
            },
        }
    }


def broker_url(url: str) -> str:
    """Celery's (kombu's) spelling of a Redis URL: a Unix socket is `redis+socket://`, db as virtual host."""
    parsed = urlparse(url)
    if parsed.scheme != "unix":
        return url
    db = parse_qs(parsed.query).get("db", ["0"])[0]
    return f"redis+socket://{parsed.path}?virtual_host={db}"
