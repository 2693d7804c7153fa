"""Fixed one-minute windows counted atomically in the shared cache.

With Redis, one Lua call increments the window's counter and sets its expiry, so the count is exact
however many processes and threads race. Without Redis (a single development process), the cache's own
add/incr pair is atomic enough.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from redis.exceptions import NoScriptError

from leadiosa.api.errors import ApiError

WINDOW_SECONDS = 60

_INCR_WITH_EXPIRY = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return count
"""


@dataclass(frozen=True)
class Window:
    limit: int
    count: int
    reset_at: int  # epoch seconds when the window ends

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.count)

    @property
    def exceeded(self) -> bool:
        return self.count > self.limit

    @property
    def retry_after(self) -> int:
        return max(1, self.reset_at - int(time.time()))


def _redis():
    try:
        from django_redis import get_redis_connection
    except ImportError:  # pragma: no cover - django-redis is a base requirement
        return None
    if "django_redis" not in settings.CACHES["default"]["BACKEND"]:
        return None
    return get_redis_connection("default")


_READ_AND_INCR = """
local value = redis.call('GET', KEYS[1])
local count = redis.call('INCR', KEYS[2])
if count == 1 then redis.call('EXPIRE', KEYS[2], ARGV[1]) end
return {value, count}
"""

_script = None
_read_and_hit_sha: str | None = None


def _increment(key: str) -> int:
    global _script
    connection = _redis()
    if connection is not None:
        if _script is None:
            _script = connection.register_script(_INCR_WITH_EXPIRY)
        return int(_script(keys=[cache.make_key(key)], args=[WINDOW_SECONDS * 2], client=connection))
    cache.add(key, 0, WINDOW_SECONDS * 2)
    return cache.incr(key)


def read_and_hit(cache_key: str, bucket: str) -> tuple[object | None, int, int]:
    """Read one cache entry and count a request against `bucket`, in a single Redis round trip.

    The hot path of every authenticated request needs both the cached token and its rate-limit count;
    one script call returns both. Returns (cached value or None, count, window end).
    """
    window = int(time.time()) // WINDOW_SECONDS
    counter_key = f"ratelimit:{bucket}:{window}"
    connection = _redis()
    if connection is None:
        return cache.get(cache_key), _increment(counter_key), (window + 1) * WINDOW_SECONDS
    global _read_and_hit_sha
    keys = (cache.make_key(cache_key), cache.make_key(counter_key))
    try:
        if _read_and_hit_sha is None:
            _read_and_hit_sha = connection.script_load(_READ_AND_INCR)
        raw, count = connection.evalsha(_read_and_hit_sha, 2, *keys, WINDOW_SECONDS * 2)
    except NoScriptError:  # the server lost its script cache (restart, SCRIPT FLUSH): load it again
        _read_and_hit_sha = connection.script_load(_READ_AND_INCR)
        raw, count = connection.evalsha(_read_and_hit_sha, 2, *keys, WINDOW_SECONDS * 2)
    value = cache.client.decode(raw) if raw is not None else None
    return value, int(count), (window + 1) * WINDOW_SECONDS


def _peek(key: str) -> int:
    return int(cache.get(key) or 0)


def hit(bucket: str, limit: int) -> Window:
    """Count one request against `bucket` in the current minute."""
    window = int(time.time()) // WINDOW_SECONDS
    count = _increment(f"ratelimit:{bucket}:{window}")
    return Window(limit=limit, count=count, reset_at=(window + 1) * WINDOW_SECONDS)


def raise_if_exceeded(window: Window) -> None:
    if window.exceeded:
        raise ApiError(
            429,
            "rate_limited",
            "Too many requests. Retry after the number of seconds in the Retry-After header.",
            headers={"Retry-After": str(window.retry_after)},
        )


def check_failed_auth_budget(ip: str) -> None:
    window = int(time.time()) // WINDOW_SECONDS
    failures = _peek(f"ratelimit:authfail:{ip}:{window}")
    if failures >= settings.RATE_LIMIT_FAILED_AUTH_PER_MINUTE:
        raise_if_exceeded(
            Window(
                limit=settings.RATE_LIMIT_FAILED_AUTH_PER_MINUTE,
                count=failures + 1,
                reset_at=(window + 1) * WINDOW_SECONDS,
            )
        )


def record_failed_auth(ip: str) -> None:
    hit(f"authfail:{ip}", settings.RATE_LIMIT_FAILED_AUTH_PER_MINUTE)
