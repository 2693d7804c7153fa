"""Fixed one-minute windows counted atomically in the shared cache.

With Redis, one Lua call increments the window's counter and sets its expiry, so the count is exact
however many processes and threads race. Without Redis (a single development process), the cache's own
add/incr pair is atomic enough.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache, caches
from django_redis import get_redis_connection
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
    """The raw Redis client behind the default cache (django-redis's documented raw access), or None
    when the cache is not django-redis (a single development process)."""
    if "django_redis" not in settings.CACHES["default"]["BACKEND"]:
        return None
    return get_redis_connection("default")


# KEYS: the cached token, its bucket, the client address's failed-authentication counter.
# ARGV: the bucket's expiry, the failure budget. A token that is not cached would need a database
# lookup; from an address over its failure budget it gets none, and nothing is written: {false, -1}.
_READ_AND_INCR = """
local value = redis.call('GET', KEYS[1])
if value == false and tonumber(redis.call('GET', KEYS[3]) or '0') >= tonumber(ARGV[2]) then
  return {false, -1}
end
local count = redis.call('INCR', KEYS[2])
if count == 1 then redis.call('EXPIRE', KEYS[2], ARGV[1]) end
return {value, count}
"""
# What read_and_hit returns as the count when the address is over its failure budget.
OVER_FAILURE_BUDGET = -1

_script = None
_read_and_hit_sha: str | None = None


def _increment(key: str, expiry: int = WINDOW_SECONDS * 2) -> int:
    """Add one to `key`; its expiry (seconds) is set when the count starts."""
    global _script
    connection = _redis()
    if connection is not None:
        if _script is None:
            _script = connection.register_script(_INCR_WITH_EXPIRY)
        return int(_script(keys=[cache.make_key(key)], args=[expiry], client=connection))
    cache.add(key, 0, expiry)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, expiry)
        return 1


def read_and_hit(cache_key: str, bucket: str, ip: str = "") -> tuple[object | None, int, int]:
    """Read one cache entry and count a request against `bucket`, in a single Redis round trip.

    The hot path of every authenticated request needs both the cached token and its rate-limit count;
    one script call returns both. Returns (cached value or None, count, window end). When the entry is
    not cached and `ip` is over its failed-authentication budget, nothing is counted and the count is
    OVER_FAILURE_BUDGET: the caller answers 429 without looking the token up.
    """
    window = int(time.time()) // WINDOW_SECONDS
    counter_key = f"ratelimit:{bucket}:{window}"
    failures_key = f"ratelimit:authfail:{ip}:{window}"
    budget = settings.RATE_LIMIT_FAILED_AUTH_PER_MINUTE
    connection = _redis()
    if connection is None:
        value = cache.get(cache_key)
        if value is None and _peek(failures_key) >= budget:
            return None, OVER_FAILURE_BUDGET, (window + 1) * WINDOW_SECONDS
        return value, _increment(counter_key), (window + 1) * WINDOW_SECONDS
    global _read_and_hit_sha
    backend = caches["default"]  # this thread's cache object, looked up once (not per `cache.` access)
    keys = (backend.make_key(cache_key), backend.make_key(counter_key), backend.make_key(failures_key))
    try:
        if _read_and_hit_sha is None:
            _read_and_hit_sha = connection.script_load(_READ_AND_INCR)
        raw, count = connection.evalsha(_read_and_hit_sha, 3, *keys, WINDOW_SECONDS * 2, budget)
    except NoScriptError:  # the server lost its script cache (restart, SCRIPT FLUSH): load it again
        _read_and_hit_sha = connection.script_load(_READ_AND_INCR)
        raw, count = connection.evalsha(_read_and_hit_sha, 3, *keys, WINDOW_SECONDS * 2, budget)
    value = backend.client.decode(raw) if raw is not None else None
    return value, int(count), (window + 1) * WINDOW_SECONDS


def _peek(key: str) -> int:
    return int(cache.get(key) or 0)


def hit(bucket: str, limit: int) -> Window:
    """Count one request against `bucket` in the current minute."""
    window = int(time.time()) // WINDOW_SECONDS
    count = _increment(f"ratelimit:{bucket}:{window}")
    return Window(limit=limit, count=count, reset_at=(window + 1) * WINDOW_SECONDS)


def hit_since_first(bucket: str, seconds: int) -> int:
    """Count one event against `bucket` in a window that opens at the bucket's first event and lasts
    `seconds` (not the clock's minute): a slow budget, such as a day of failed sign-ins to one account.
    The same atomic count as `hit`. Returns the count, this event included."""
    return _increment(f"ratelimit:{bucket}", seconds)


def forget(bucket: str) -> None:
    """Drop what `hit_since_first` counted against `bucket`: the next event starts a new window."""
    cache.delete(f"ratelimit:{bucket}")


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


def raise_over_failure_budget(reset_at: int) -> None:
    limit = settings.RATE_LIMIT_FAILED_AUTH_PER_MINUTE
    raise_if_exceeded(Window(limit=limit, count=limit + 1, reset_at=reset_at))


def record_failed_auth(ip: str) -> None:
    hit(f"authfail:{ip}", settings.RATE_LIMIT_FAILED_AUTH_PER_MINUTE)
