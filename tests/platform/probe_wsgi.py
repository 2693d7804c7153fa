"""The product's WSGI application, answering with the serving process's pid in `X-Served-By`.

Only the shape tests serve through it: they must know which of gunicorn's workers answered.
"""

import os

from config.wsgi import application as product

_PID = str(os.getpid())


def application(environ, start_response):
    def start(status, headers, exc_info=None):
        return start_response(status, [*headers, ("X-Served-By", str(os.getpid()))], exc_info)

    return product(environ, start)
