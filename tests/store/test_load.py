"""The store as the server holds it: every table read back as DuckDB itself would give it,
though the observations take a leaner way (through Arrow)."""

from __future__ import annotations

import json

import duckdb
import pandas as pd

from dashboard.store.read import load_store, served_file
from dashboard.store.tables import TABLE_ORDER


def test_every_table_reads_as_duckdb_gives_it(shipped_store_path):
    loaded = load_store(shipped_store_path)
    with duckdb.connect(str(served_file(shipped_store_path)), read_only=True) as connection:
        for table in TABLE_ORDER:
            expected = connection.sql(f"SELECT * FROM {table}").df()
            for column in {"sources": ["caveats"], "indicators": ["caveats", "breaks"]}.get(
                table, []
            ):
                expected[column] = expected[column].map(json.loads)
            pd.testing.assert_frame_equal(getattr(loaded, table), expected, check_exact=True)
    assert len(loaded.observations) > 40_000
