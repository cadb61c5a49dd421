"""Write a store atomically: build a new file beside the old one, then rename it into place.

A reader never sees a half-written store, and a build killed midway leaves the previous file
as it was (the temporary file is simply left behind, and removed by the next build). A build
that fails (a full disk) removes its temporary file and log at once and says why.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.store.files import WriteFailed, why
from dashboard.store.tables import SCHEMA_VERSION, TABLE_ORDER, content_hash


def write_store(
    tables: dict[str, pd.DataFrame], path: Path, built_at: str = "", named: Path | None = None
) -> str:
    """Write the tables to `path` (whole or not at all) and return their content hash.
    `built_at` is recorded beside the hash; it is not part of it. `named`: the store an error
    names (`path` if not given)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    digest = content_hash(tables)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    for stale in path.parent.glob(f".{path.name}.*.tmp*"):  # a killed build's file and log
        stale.unlink(missing_ok=True)
    try:
        _write(tables, temporary, digest, built_at)
    except (duckdb.Error, OSError) as exc:
        for leftover in (temporary, temporary.with_name(temporary.name + ".wal")):
            leftover.unlink(missing_ok=True)
        raise WriteFailed(f"cannot write the store {named or path}: {why(exc)}") from exc
    os.replace(temporary, path)
    return digest


def _write(tables: dict[str, pd.DataFrame], temporary: Path, digest: str, built_at: str) -> None:
    connection = duckdb.connect(str(temporary))
    try:
        for name in TABLE_ORDER:
            frame = tables[name]
            connection.register("frame", frame)
            connection.execute(f"CREATE TABLE {name} AS SELECT * FROM frame")
            connection.unregister("frame")
        meta = pd.DataFrame(
            {
                "key": ["content_hash", "schema_version", "built_at"],
                "value": [digest, SCHEMA_VERSION, built_at],
            }
        )
        connection.register("frame", meta)
        connection.execute("CREATE TABLE meta AS SELECT * FROM frame")
        connection.execute("CHECKPOINT")
    finally:
        connection.close()
