"""Write a store atomically: build a new file beside the old one, then rename it into place.

A reader never sees a half-written store, and a build killed midway leaves the previous file
as it was (the temporary file is simply left behind, and removed by the next build).
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.store.tables import SCHEMA_VERSION, TABLE_ORDER, content_hash


def write_store(tables: dict[str, pd.DataFrame], path: Path, built_at: str = "") -> str:
    """Write the tables to `path` (whole or not at all) and return their content hash.
    `built_at` is recorded beside the hash; it is not part of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    digest = content_hash(tables)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    for stale in path.parent.glob(f".{path.name}.*.tmp*"):  # a killed build's file and log
        stale.unlink(missing_ok=True)
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
    os.replace(temporary, path)
    return digest
