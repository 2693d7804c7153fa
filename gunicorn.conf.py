"""gunicorn's settings wherever the product is served from this folder (`make run`, the image, the
tests' servers): gunicorn reads ./gunicorn.conf.py by default. Flags on the command line still win."""

# Request lines up to gunicorn's bounded maximum (8 KiB) instead of its default 4 KiB: a long query string
# reaches the app, which answers it in the API's JSON envelope (400), where gunicorn would answer an HTML
# 414. Past 8 KiB gunicorn still refuses the line itself (and a proxy in front usually refuses earlier).
limit_request_line = 8190

# Each worker listens on a socket of its own (SO_REUSEPORT) and the kernel spreads new connections over
# them by their address hash. With one shared socket, whichever worker woke first took the connections:
# a client opening 16 keep-alive connections at once often got 14 or all 16 of them on one worker, which
# then served on one core (one GIL) while the other worker idled: bench/compare's rounds swung 2-3x
# (bench/compare/README.md, "Connections and workers"). The cost: connections still waiting in a worker's
# queue when that worker dies are reset instead of going to its sibling.
reuse_port = True


def post_worker_init(worker):
    """Before a worker takes requests: generate the table of the query parameters each operation takes
    (leadiosa/api/query_parameters.py, from the served spec, about half a second), so no client's request
    pays for it. If it fails here, the first request with a query string generates it instead.

    Then freeze what the worker holds (`gc.freeze()`): about 150 000 objects (Django, the apps, the
    spec) that live as long as the worker. Python's full collections would otherwise walk them all each
    time, about 30 ms with the GIL held, during which none of the worker's threads runs: a pause every
    request in flight would wait out. Frozen, they are never walked again; what requests create is
    collected as before."""
    try:
        from leadiosa.api.query_parameters import warm

        warm()
    except Exception:  # noqa: BLE001 - the worker still serves; the table is made on first use
        worker.log.exception("query-parameter table not generated at start")
    import gc

    gc.collect()  # what start-up left as garbage goes now, not frozen with the rest
    gc.freeze()
