"""The product's WSGI application, answering with the serving process's pid in `X-Served-By` (and in
`X-Frozen-Objects` how many objects the process froze out of the garbage collector's walks).

Only the shape tests serve through it: they must know which of gunicorn's workers answered. A request
with `X-Probe-Hold: <ms>` keeps its worker that long first, so requests sent alongside it reach the
other worker (on a quiet machine one sync worker can otherwise take every request of a burst).
"""

import gc
import os
import time

from config.wsgi import application as product

_PID = str(os.getpid())


def application(environ, start_response):
    def start(status, headers, exc_info=None):
        served_by = [("X-Served-By", _PID), ("X-Frozen-Objects", str(gc.get_freeze_count()))]
        return start_response(status, [*headers, *served_by], exc_info)

    hold = environ.get("HTTP_X_PROBE_HOLD", "")
    if hold.isdigit():
        time.sleep(min(int(hold), 1000) / 1000)
    return product(environ, start)
