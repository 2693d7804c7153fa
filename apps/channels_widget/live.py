"""Live updates for the chat frame: a bounded long poll woken through Redis pub/sub.

`GET /widget/v1/<key>/conversations/<id>/messages?after=<message id>&wait=<seconds ≤ 20>` answers at once
when the thread has something after `after`; otherwise it waits until something changes on that
conversation (a message, a hand-off, a status change), or `wait` seconds pass, and answers then.

How the wait is woken: every emit() about a widget conversation publishes its id, after commit, on one
Redis channel (`<prefix>:widget:live`). Each server process keeps ONE subscriber connection (a daemon
thread, started lazily after the fork) that sets the `threading.Event` of whichever requests in this
process wait on that conversation. So a waiting visitor costs a thread (or greenlet) and an Event: no
Redis connection, no database connection (the request closes its connection before it waits), no query
while it waits.

A waiting visitor holds a worker thread for up to `wait` seconds, so this needs a threaded (gthread) or
green (gevent) gunicorn worker; on a server that runs one request at a time per process (gunicorn's sync
worker, `wsgi.multithread` false) it never waits and the frame falls back to short polling. At most
`WIDGET_LONG_POLL_MAX_WAITERS` requests wait per process (default: half of WEB_THREADS; the rest answer
at once), so long polls can never take every thread from the API.
"""

from __future__ import annotations

import contextlib
import logging
import os
import random
import sys
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import JsonResponse

from apps.conversations.models import Channel
from leadiosa.events import Event

logger = logging.getLogger(__name__)

MAX_WAIT_SECONDS = 20
KEY_TTL_SECONDS = 24 * 3600
# How much longer than a remembered key the marks of a closure or an erasure live: longer than any
# request that read before them and remembers after them takes.
MARK_GRACE = 3600


def max_waiters() -> int:
    """Long polls one process holds at once: WIDGET_LONG_POLL_MAX_WAITERS (setting, else environment
    variable), else half of the process's threads (WEB_THREADS, which docker/entrypoint.sh gives gunicorn's
    --threads, default 16), so waiting visitors never take more than half the threads from the API."""
    value = getattr(settings, "WIDGET_LONG_POLL_MAX_WAITERS", None)
    if value is None:
        value = os.environ.get("WIDGET_LONG_POLL_MAX_WAITERS")
    if value is None:
        value = int(os.environ.get("WEB_THREADS") or 16) // 2
    return int(value)


def _version_key(conversation_id: str) -> str:
    """A stamp that moves on every committed change of the conversation (the sink sets it)."""
    return f"widget:conv:{conversation_id}:v"


def _state_key(conversation_id: str) -> str:
    """What the last full read saw: {v, contact, last, status, handled_by} (remember_state)."""
    return f"widget:conv:{conversation_id}:state"


def _visitor_key(visitor_pk: int) -> str:
    return f"widget:visitor:{visitor_pk}"


def _erased_key(visitor_pk: int) -> str:
    """Set when the visitor's contact is erased; outlives any `_visitor_key` a read in flight rewrites."""
    return f"widget:visitor:{visitor_pk}:erased"


def _workspace_version_key(workspace_id: str) -> str:
    """A stamp that moves when the workspace is closed or restored (the sink sets it)."""
    return f"widget:ws:{workspace_id}:v"


def _channel() -> str:
    return f"{settings.REDIS_KEY_PREFIX}:widget:live"


def _conversation_of(event: Event) -> str | None:
    """The widget conversation the event is about, if any. An emitter that names the conversation's
    channel (the conversations app does) spares the other channels' writes two Redis round trips: only
    widget conversations are ever read or waited on through the widget."""
    if (event.extra or {}).get("channel", Channel.WIDGET) != Channel.WIDGET:
        return None
    if event.resource_type == "conversation":
        return event.resource_id
    if event.resource_type == "message":
        return (event.extra or {}).get("conversation_id")
    return None


def publish(conversation_id: str) -> None:
    from django_redis import get_redis_connection

    get_redis_connection("default").publish(_channel(), conversation_id)


def record_change(event: Event) -> None:
    """The emit() sink: after commit, wake whoever waits on the conversation (best effort). A workspace
    closed or restored moves the workspace's stamp, so no remembered state of it answers an idle poll."""
    if event.resource_type == "workspace" and event.type in ("workspace.closed", "workspace.restored"):
        _now_and_after_commit(lambda: _move_workspace_version(event.workspace_id))
        return
    conversation_id = _conversation_of(event)
    if not conversation_id:
        return

    def wake() -> None:
        try:
            cache.set(_version_key(conversation_id), time.time_ns(), KEY_TTL_SECONDS)
            publish(conversation_id)
        except Exception:  # noqa: BLE001 - the change must not fail because Redis did; polls still end
            logger.warning("could not publish the widget's live update", exc_info=True)

    transaction.on_commit(wake, robust=True)


def _now_and_after_commit(change) -> None:
    """Now (a read during the transaction remembers the new stamp, which the second move makes stale
    again) and after commit (a read after the first move but before the commit saw the old rows)."""
    change()
    transaction.on_commit(change, robust=True)


def _move_workspace_version(workspace_id: str) -> None:
    try:
        cache.set(_workspace_version_key(workspace_id), time.time_ns(), KEY_TTL_SECONDS + MARK_GRACE)
    except Exception:  # noqa: BLE001 - the closure must not fail on the cache
        logger.warning("could not move the widget's workspace stamp", exc_info=True)


class _Hub:
    """This process's waiters, keyed by conversation id, and its one subscriber thread."""

    def __init__(self):
        self._lock = threading.Lock()
        self._waiters: dict[str, set[threading.Event]] = {}
        self._count = 0
        self._pid: int | None = None
        self._thread: threading.Thread | None = None
        self.ready = threading.Event()

    # The subscriber ----------------------------------------------------------------------------------

    def _ensure_listener(self, timeout: float = 2) -> None:
        """Start this process's subscriber if it is not running, and give it `timeout` seconds to
        subscribe (a running one is not waited for: while it reconnects, polls answer at once)."""
        if self._pid == os.getpid() and self._thread is not None and self._thread.is_alive():
            return
        with self._lock:
            if self._pid != os.getpid() or self._thread is None or not self._thread.is_alive():
                self._pid = os.getpid()
                self.ready = threading.Event()
                self._thread = threading.Thread(target=self._listen, name="widget-live", daemon=True)
                self._thread.start()
        self.ready.wait(timeout)

    def start(self, timeout: float) -> bool:
        """Subscribe now (tests, a warm-up) rather than on the first long poll, waiting at most `timeout`
        seconds; True when subscribed."""
        self._ensure_listener(timeout)
        return self.ready.wait(timeout)

    def _listen(self) -> None:
        import redis

        while True:
            pubsub = None
            try:
                client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2)
                pubsub = client.pubsub()
                pubsub.subscribe(_channel())
                while True:
                    message = pubsub.get_message(timeout=30)
                    if message is None:
                        pubsub.ping()  # a dead connection shows up here instead of never
                        continue
                    if message["type"] == "subscribe":
                        self.ready.set()
                    elif message["type"] == "message":
                        self._wake(message["data"].decode())
            except Exception:  # noqa: BLE001 - reconnect; meanwhile every waiter looks again
                logger.warning("widget live subscriber lost Redis; reconnecting", exc_info=True)
                self.ready.clear()
                self._wake_all()
                time.sleep(1)
            finally:
                if pubsub is not None:
                    with contextlib.suppress(Exception):
                        pubsub.close()

    def _wake(self, conversation_id: str) -> None:
        with self._lock:
            events = list(self._waiters.get(conversation_id, ()))
        for event in events:
            event.set()

    def _wake_all(self) -> None:
        with self._lock:
            events = [event for waiting in self._waiters.values() for event in waiting]
        for event in events:
            event.set()

    # The waiters -------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def watch(self, conversation_id: str):
        """An Event set when the conversation changes (None when this process already has its maximum
        of waiters, or cannot subscribe): register BEFORE reading the thread, so a change committed
        between the read and the wait still wakes it."""
        self._ensure_listener()
        event = threading.Event()
        with self._lock:
            if self._count >= max_waiters() or not self.ready.is_set():
                event = None
            else:
                self._waiters.setdefault(conversation_id, set()).add(event)
                self._count += 1
        try:
            yield event
        finally:
            if event is not None:
                with self._lock:
                    waiting = self._waiters.get(conversation_id)
                    if waiting is not None:
                        waiting.discard(event)
                        if not waiting:
                            del self._waiters[conversation_id]
                    self._count -= 1

    def waiting(self) -> int:
        return self._count


hub = _Hub()


def server_can_wait(request) -> bool:
    """True when holding this request does not hold the whole process: a threaded server (gunicorn's
    gthread, Django's runserver and test server) or a green one (gevent, eventlet)."""
    if request.META.get("wsgi.multithread"):
        return True
    gevent_monkey = sys.modules.get("gevent.monkey")
    if gevent_monkey is not None and gevent_monkey.is_module_patched("socket"):
        return True
    return "eventlet" in sys.modules


# The idle poll without the database --------------------------------------------------------------------
#
# Most polls find nothing new and wait. Such a poll needs no database at all: the visitor is proven by the
# credential's signature, their contact and the conversation's owner, last message and `handled_by` are
# remembered in Redis by the last full read (remember_*), and the version stamp that every committed
# change moves tells whether that memory is still current. Anything not remembered, not current, not the
# visitor's, or news: the full read (the database) decides, as before.


def current_version(conversation_id: str) -> int:
    return int(cache.get(_version_key(conversation_id)) or 0)


def workspace_version(workspace_id: str) -> int | None:
    """The workspace's stamp, read BEFORE the full read checks that the workspace is active (so a
    closure committed after that check leaves the state remembered stale); None: Redis did not answer."""
    try:
        return int(cache.get(_workspace_version_key(workspace_id)) or 0)
    except Exception:  # noqa: BLE001 - then nothing is remembered: the next poll reads the database
        logger.warning("could not read the widget's workspace stamp", exc_info=True)
        return None


def remember_visitor(visitor) -> None:
    cache.set(_visitor_key(visitor.pk), visitor.contact_id, KEY_TTL_SECONDS)


def forget_visitors(visitor_pks) -> None:
    """Erased visitors: their remembered contact goes, and a mark that the idle poll checks stays longer
    than any `remember_visitor` of a read that found the visitor before the erasure could write it back."""
    try:
        cache.set_many({_erased_key(pk): 1 for pk in visitor_pks}, KEY_TTL_SECONDS + MARK_GRACE)
        cache.delete_many([_visitor_key(pk) for pk in visitor_pks])
    except Exception:  # noqa: BLE001 - an erasure must not fail on the cache (the keys expire in a day)
        logger.warning("could not forget erased widget visitors", exc_info=True)


def forget_conversations(conversation_ids) -> None:
    """Erased conversations: their remembered states go and their stamps move (a state a read in flight
    writes back is stale), and whoever waits on them is woken to read the database (404)."""
    try:
        stamp = time.time_ns()
        cache.set_many({_version_key(c): stamp for c in conversation_ids}, KEY_TTL_SECONDS + MARK_GRACE)
        cache.delete_many([_state_key(c) for c in conversation_ids])
        for conversation_id in conversation_ids:
            publish(conversation_id)
    except Exception:  # noqa: BLE001 - as forget_visitors
        logger.warning("could not forget erased widget conversations", exc_info=True)


def remember_state(
    conversation_id: str, *, version: int, workspace_version: int, contact_id: str, last: str, state: dict
) -> None:
    """After a full read that began at `version` (and `workspace_version`): the conversation as it then
    was."""
    cache.set(
        _state_key(conversation_id),
        {
            "v": version,
            "wv": workspace_version,
            "contact": contact_id,
            "last": last,
            "status": state.get("status"),
            "handled_by": state.get("handled_by"),
        },
        KEY_TTL_SECONDS,
    )


def _idle_state(workspace_id: str, credential: str | None, conversation_id: str, after: str, shown: str):
    """The remembered state when this poll has provably nothing to learn now, else None."""
    from .visitors import credential_parts

    parts = credential_parts(credential)
    if parts is None or parts[0] != workspace_id:
        return None
    visitor_pk = parts[1]
    keys = [
        _visitor_key(visitor_pk),
        _state_key(conversation_id),
        _version_key(conversation_id),
        _workspace_version_key(workspace_id),
        _erased_key(visitor_pk),
    ]
    found = cache.get_many(keys)
    contact, state = found.get(keys[0]), found.get(keys[1])
    if not contact or not isinstance(state, dict) or state.get("contact") != contact:
        return None
    if found.get(keys[4]):
        return None  # erased (a read in flight may have remembered the visitor again)
    if state.get("v") != int(found.get(keys[2]) or 0):
        return None  # something changed since that read
    if state.get("wv") != int(found.get(keys[3]) or 0):
        return None  # the workspace was closed (or restored) since that read
    if state.get("last") != after or state.get("handled_by") != shown:
        return None  # the visitor has news to read
    return state


def idle_poll(request, *, workspace_id: str, conversation_id: str, after: str | None, wait: int):
    """A long poll answered without the database: wait for a change and answer "nothing new" when none
    comes (a JsonResponse), or None when the full read must answer (now, or after being woken)."""
    if not after or wait <= 0 or not server_can_wait(request):
        return None
    from .visitors import credential_of

    credential = credential_of(request)
    shown = request.GET.get("handled_by")
    try:
        state = _idle_state(workspace_id, credential, conversation_id, after, shown)
    except Exception:  # noqa: BLE001 - Redis trouble: the database answers
        return None
    if state is None:
        return None
    with hub.watch(conversation_id) as changed:
        if changed is None or current_version(conversation_id) != state["v"]:
            return None
        if changed.wait(wait * random.uniform(0.85, 1.0)):  # noqa: S311 - jitter, not a secret
            request.widget_waited = True  # the full read answers now, without waiting again
            return None
    data = {"id": conversation_id, "status": state["status"], "handled_by": state["handled_by"]}
    return JsonResponse({"data": [], "conversation": data})
