"""Django's PostgreSQL backend with a health check that needs no round trip while the connection is quiet.

Subclassed the way Django's documentation describes ("Subclassing the built-in database backends"); the
settings name it as ENGINE (`leadiosa.database.database_settings`). Everything else is Django's.
"""

from __future__ import annotations

import select

from django.db.backends.postgresql import base
from psycopg.pq import TransactionStatus


def has_something_to_read(fd: int) -> bool:
    """Whether the socket has data (or its end of stream) waiting, without waiting. poll(), not select():
    select() refuses descriptors from 1024 up, which a worker holding many client sockets reaches."""
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLPRI)
    return bool(poller.poll(0))


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self) -> bool:
        """CONN_HEALTH_CHECKS: Django checks a persistent connection with `SELECT 1` before its first
        query in each request, one round trip per request. A connection whose server went away has
        something to read by then: the server's FATAL on a shutdown or restart, or the end of the stream
        when the connection was cut. So an idle connection with nothing to read is answered usable
        without asking; anything else (something to read, a transaction left open) gets Django's check.
        """
        connection = self.connection
        if connection is None or connection.closed or connection.broken:
            return False
        if connection.info.transaction_status != TransactionStatus.IDLE:
            return super().is_usable()
        try:
            readable = has_something_to_read(connection.fileno())
        except (OSError, ValueError):  # the socket is gone
            return False
        return super().is_usable() if readable else True
