""" "Changed since" for live pages, without touching the database.

Every state change goes through emit(); this sink stamps the workspace's last change in the shared cache
after the change commits. An idle poll then compares two numbers from the cache (and the session, also
read from the cache): no SQL at all. Cached page fragments are keyed by the stamp, so they are never
stale. The sink is best effort: a cache that does not answer never fails the change itself.
"""

from __future__ import annotations

import logging
import time

from django.core.cache import cache
from django.db import transaction

from leadiosa.events import Event

logger = logging.getLogger(__name__)

# Long enough to outlive any open tab's poll interval many times over; a missing key reads as "changed
# at 0", so a page never misses a change because the key expired.
STAMP_TTL_SECONDS = 24 * 3600


def change_key(workspace_id: str) -> str:
    """The cache key of the workspace's change stamp (for pages that read it with other keys at once)."""
    return f"dashboard:changed:{workspace_id}"


def members_change_key(workspace_id: str) -> str:
    return f"dashboard:members-changed:{workspace_id}"


_key, _members_key = change_key, members_change_key


def record_change(event: Event) -> None:
    """The emit() sink: after commit, the workspace's change stamp (and, for a member.* event, its
    membership stamp) moves forward."""
    workspace_id = event.workspace_id
    members_changed = event.resource_type == "member"

    def stamp() -> None:
        now = time.time_ns()
        cache.set(_key(workspace_id), now, STAMP_TTL_SECONDS)
        if members_changed:
            cache.set(_members_key(workspace_id), now, STAMP_TTL_SECONDS)

    def stamp_safely() -> None:
        try:
            stamp()
        except Exception:  # noqa: BLE001 - the change must not fail because the cache did
            logger.warning("could not stamp the dashboard's change marker", exc_info=True)

    transaction.on_commit(stamp_safely)


def touch(workspace_id: str) -> None:
    """Move the workspace's change stamp now (every cached page of it is rebuilt on its next view)."""
    cache.set(_key(workspace_id), time.time_ns(), STAMP_TTL_SECONDS)


def last_change(workspace_id: str) -> int:
    """Nanoseconds of the workspace's last committed change (0 when none is known)."""
    return int(cache.get(_key(workspace_id)) or 0)


def members_stamp(workspace_id: str) -> int:
    """Nanoseconds of the last committed change to the workspace's members (0 when none is known)."""
    return int(cache.get(_members_key(workspace_id)) or 0)


def stamps(workspace_id: str) -> tuple[int, int]:
    """(last change, last membership change) in one round trip."""
    found = cache.get_many([_key(workspace_id), _members_key(workspace_id)])
    return int(found.get(_key(workspace_id)) or 0), int(found.get(_members_key(workspace_id)) or 0)
