"""Where a request's CPU goes: cProfile over the compare cases, in-process, production settings.

    .venv/bin/python bench/compare/profiling.py [--only workspace] [--requests 500] [--top 30]

Same environment as run.py (DATABASE_URL/REDIS_URL given or the embedded servers, the seeded
workspace, `config.settings.prod` via bench.compare.settings, the request log written to /dev/null),
no HTTP server and no load generator: each case is called through Django's WSGI handler `--requests`
times under cProfile with a CPU timer, and the top functions by cumulative and own time are printed.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import itertools
import json
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.compare.run import PORT, production_environment, service_urls, setup  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--only",
        default="workspace,conversations,messages,contacts,static",
        help="cases by name; the writes (post-message, post-conversation, post-contact, "
        "post-note, patch-conversation) only when named",
    )
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--settings", default="", help="another settings module (an experiment)")
    parser.add_argument("--no-profile", action="store_true", help="CPU per request only")
    parser.add_argument("--sql", action="store_true", help="print each case's queries with EXPLAIN ANALYZE")
    args = parser.parse_args()
    env = production_environment(*service_urls())
    if args.settings:
        env["DJANGO_SETTINGS_MODULE"] = args.settings
    os.environ.update({k: env[k] for k in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "SECRET_KEY",
                                           "PUBLIC_BASE_URL", "ALLOWED_HOSTS", "REDIS_KEY_PREFIX")})  # fmt: skip
    marks = setup(args)
    import logging

    from django.core.handlers.wsgi import WSGIHandler

    from apps.contacts.models import Contact
    from apps.conversations.models import Conversation

    handler = WSGIHandler()
    sink = open(os.devnull, "w")  # noqa: SIM115 - for the process's life
    for h in logging.getLogger("leadiosa.request").handlers:
        if hasattr(h, "stream"):
            h.stream = sink
    auth = {"Authorization": f"Bearer {marks['token']}"}
    ws, thread = marks["workspace_id"], marks["thread_id"]
    sequence = itertools.count()

    def call(method: str, path: str, query: str, headers: dict, body: dict | None) -> bytes:
        payload = b""
        if body is not None:
            payload = json.dumps(body).replace("{unique}", f"p{os.getpid()}-{next(sequence)}").encode()
        environ = {
            "REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": str(PORT), "HTTP_HOST": "127.0.0.1", "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(payload), "wsgi.errors": sys.stderr, "REMOTE_ADDR": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_X_FORWARDED_PROTO": "https",
            "CONTENT_TYPE": "application/json", "CONTENT_LENGTH": str(len(payload)),
        }  # fmt: skip
        for name, value in headers.items():
            environ["HTTP_" + name.upper().replace("-", "_")] = value
        status = []
        content = b"".join(handler(environ, lambda s, h: status.append(s)))
        assert status[0][:3] in ("200", "201"), (path, status)
        return content

    contact = Contact.objects.for_workspace(ws).values_list("id", flat=True).first()
    # The writes go to a conversation of their own: the compare thread must keep its 40 messages (run.py's
    # messages cases read it), and each profiling run starts from a fresh one.
    target = (
        Conversation.objects.for_workspace(ws).filter(subject="Profiled writes").values_list("id", flat=True)
    )
    Conversation.objects.for_workspace(ws).filter(pk__in=list(target)).delete()
    # Each case: method, path, query, headers, body (the writes are the soak's).
    reads = {
        "static": ("GET", "/api/bench/static", "", {}, None),
        "workspace": ("GET", "/api/v1/workspace", "", auth, None),
        "conversations-floor": ("GET", f"/api/bench/floor/conversations/{ws}", "", {}, None),
        "conversations": ("GET", "/api/v1/conversations", "limit=25", auth, None),
        "messages": ("GET", f"/api/v1/conversations/{thread}/messages", "limit=25", auth, None),
        "contacts": ("GET", "/api/v1/contacts", "limit=25", auth, None),
    }
    wanted = [w.strip() for w in args.only.split(",") if w.strip()]
    written = (
        ""
        if not {"post-message", "post-note", "patch-conversation"} & set(wanted)
        else json.loads(
            call(
                "POST",
                "/api/v1/conversations",
                "",
                auth,
                {"contact_id": contact, "subject": "Profiled writes"},
            )
        )["id"]
    )
    writes = {
        "post-message": ("POST", f"/api/v1/conversations/{written}/messages", "", auth,
                         {"body": "Thanks, we are on it."}),
        "post-note": ("POST", f"/api/v1/conversations/{written}/notes", "", auth, {"body": "FYI"}),
        "post-contact": ("POST", "/api/v1/contacts", "", auth, {"email": "{unique}@profile.test", "name": "P"}),
        "post-conversation": ("POST", "/api/v1/conversations", "", auth, {
            "contact_id": contact, "handled_by": "human", "message": {"body": "Hello, where is my order?"}}),
        "patch-conversation": ("PATCH", f"/api/v1/conversations/{written}", "", auth, {"priority": "high"}),
    }  # fmt: skip
    cases = {k: v for k, v in reads.items() if any(w == k or w in k for w in wanted)}
    cases.update({k: v for k, v in writes.items() if k in wanted})
    for label, case in cases.items():
        for _ in range(50):
            call(*case)
        if args.sql:
            explain(label, lambda case=case: call(*case))
        started = time.process_time()
        for _ in range(args.requests):
            call(*case)
        plain_ms = (time.process_time() - started) / args.requests * 1000
        if args.no_profile:
            print(f"{label}: {plain_ms:.3f} ms CPU per request", flush=True)
            continue
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
        for _ in range(args.requests):
            call(*case)
        profiler.disable()
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("cumulative").print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)
        print(f"===== {label}: {plain_ms:.3f} ms CPU per request (without the profiler) =====")
        print(out.getvalue())


def explain(label: str, request) -> None:
    """The queries one request of a case runs, each with PostgreSQL's plan and timing (the database's
    share of a case's cost, which CPU per request in this process does not show)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        request()
    print(f"===== {label}: {len(queries)} queries =====")
    for query in queries.captured_queries:
        print(query["sql"])
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
            print("\n".join("    " + line for (line,) in cursor.fetchall()))


if __name__ == "__main__":
    main()
