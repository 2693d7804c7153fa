"""Bearer-token authentication.

A token is checked for shape and checksum first (no lookup for a look-alike), then found by its SHA-256
in the shared cache or, on a miss, in the database through settings.API_TOKEN_LOADER. Revocation deletes
the cache entry, so the next request in any process sees it.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from rest_framework.authentication import BaseAuthentication

from leadiosa.api import ratelimit
from leadiosa.api.errors import ApiError
from leadiosa.tokens import hash_token, is_well_formed

TOKEN_CACHE_SECONDS = 300
STALE_SECONDS = 10
_STALE = "stale"


@dataclass(frozen=True)
class TokenContext:
    token_id: str
    workspace_id: str
    user_id: str
    role: str
    scope: str
    expires_at: float | None
    revoked: bool
    workspace_status: str
    rate_limit_per_minute: int
    # The workspace as `GET /workspace` shows it, read with the token: that read needs no query of its
    # own. Every change to what it shows (rename, status, plan, closure dates) forgets the workspace's
    # tokens, as status and plan changes always have.
    workspace: dict


class ApiPrincipal:
    """request.user for API requests: the member behind the token."""

    is_authenticated = True
    is_anonymous = False

    def __init__(self, ctx: TokenContext):
        self.id = ctx.user_id
        self.role = ctx.role

    def __str__(self) -> str:
        return self.id


# Part of the cache key: a deploy that changes what TokenContext holds starts from fresh entries instead
# of reading ones written by the previous release (shared Redis, five-minute entries). While both
# releases serve, a revocation here also marks the previous release's key (see forget_token).
TOKEN_CACHE_VERSION = 2


def _cache_key(token_hash: str) -> str:
    return f"token:v{TOKEN_CACHE_VERSION}:{token_hash}"


def _previous_release_key(token_hash: str) -> str:
    """The key the release before TOKEN_CACHE_VERSION 2 cached a token under."""
    return f"token:{token_hash}"


def forget_token(token_hash: str) -> None:
    """Drop the cached copy: the next request, in any process, reads the token from the database.

    The entry is replaced by a short-lived marker rather than deleted, and the cache is only ever filled
    with `add`: a request that read the row just before a revocation committed cannot put the old state
    back for the next five minutes.
    """
    cache.set_many({_cache_key(token_hash): _STALE, _previous_release_key(token_hash): _STALE}, STALE_SECONDS)


def forget_tokens_now_and_after_commit(token_hashes) -> None:
    """Forget now, so nothing re-caches the old state before the change commits, and again after commit,
    for a request that read the row in between (the one idiom for revocations, deletions, plan and
    status changes)."""
    hashes = list(token_hashes)
    for token_hash in hashes:
        forget_token(token_hash)
    transaction.on_commit(lambda: [forget_token(token_hash) for token_hash in hashes])


def _load(token_hash: str, request) -> TokenContext | None:
    # The token's rate-limit bucket is keyed by its hash, so the cached token and the request count come
    # back in one round trip. A request with an unknown token counts against a bucket nobody owns.
    ip = request.META.get("LEADIOSA_CLIENT_IP", "")
    cached, count, reset_at = ratelimit.read_and_hit(_cache_key(token_hash), f"token:{token_hash}", ip)
    if count == ratelimit.OVER_FAILURE_BUDGET:
        # An address over its failure budget gets no database lookup and writes nothing: 429 at once.
        # A token it used recently is cached, and still works (nobody can lock out a client in use).
        ratelimit.raise_over_failure_budget(reset_at)
    request.rate_count = (count, reset_at)
    if cached is not None and cached != _STALE:
        try:
            return TokenContext(**cached)
        except TypeError:  # an entry of another shape (a release that forgot to bump the version): a miss
            cached = None
    ctx = import_string(settings.API_TOKEN_LOADER)(token_hash)
    if ctx is not None and cached is None:
        cache.add(_cache_key(token_hash), asdict(ctx), TOKEN_CACHE_SECONDS)
    return ctx


def record_use(token_id: str) -> None:
    """Write `last_used_at`. Called on a token's first request of each rate-limit minute, so the write
    costs nothing extra on the hot path and happens at most once a minute per token."""
    import_string(settings.API_TOKEN_USE_RECORDER)(token_id, timezone.now())


def _usable(ctx: TokenContext | None) -> bool:
    return ctx is not None and not ctx.revoked and (ctx.expires_at is None or ctx.expires_at > time.time())


def count_unrouted(request) -> ratelimit.Window | None:
    """A request answered before any view ran (unknown route, wrong method, body too large or of unknown
    length) still counts against its token's per-minute budget, like every authenticated request, and
    gets the X-RateLimit-* headers: returns its window, or None when it carries no usable token. It
    never answers 401 or 429 itself: the request's own answer stands."""
    scheme, _, raw = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    raw = raw.strip()
    if scheme.lower() != "bearer" or not is_well_formed(raw):
        return None
    try:
        ctx = _load(hash_token(raw), request)
    except ApiError:  # its address is over the failure budget: the request's own answer stands
        return None
    if not _usable(ctx):
        return None
    count, reset_at = request.rate_count
    return ratelimit.Window(limit=ctx.rate_limit_per_minute, count=count, reset_at=reset_at)


class BearerTokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header:
            raise ApiError(401, "missing_token", "Send your API token as 'Authorization: Bearer <token>'.")
        ip = request.META.get("LEADIOSA_CLIENT_IP", "")
        scheme, _, raw = header.partition(" ")
        raw = raw.strip()
        ctx = None
        if scheme.lower() == "bearer" and is_well_formed(raw):
            ctx = _load(hash_token(raw), request)
        if ctx is None or ctx.revoked or (ctx.expires_at is not None and ctx.expires_at <= time.time()):
            # An address that keeps failing is refused outright (429) once over its budget; a valid
            # token is never refused for its address, so nobody can lock another client out.
            ratelimit.check_failed_auth_budget(ip)
            ratelimit.record_failed_auth(ip)
            if not raw and is_well_formed(scheme):
                # `Authorization: lds_…`: the token itself is fine, the scheme in front of it is missing.
                raise ApiError(
                    401,
                    "invalid_token",
                    "The authorization scheme is missing: send 'Authorization: Bearer <token>'.",
                )
            raise ApiError(401, "invalid_token", "The API token is invalid, expired or revoked.")
        return ApiPrincipal(ctx), ctx

    def authenticate_header(self, request):
        return 'Bearer realm="api"'
