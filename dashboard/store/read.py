"""Open a built store read-only and hand its tables back as frames."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.store.tables import TABLE_ORDER
from dashboard.store.versions import NoVersion, current_file, is_folder_store


class StoreError(Exception):
    """A store that is missing or unreadable: the message says what to do."""


@dataclass
class StoreData:
    sources: pd.DataFrame
    indicators: pd.DataFrame
    entities: pd.DataFrame
    observations: pd.DataFrame
    notices: pd.DataFrame
    units: pd.DataFrame
    measures: pd.DataFrame
    groups: pd.DataFrame
    corrections: pd.DataFrame
    translations: pd.DataFrame  # (language, English text, translation) of data/'s texts
    content_hash: str
    path: Path
    built_at: str = ""

    def tables(self) -> dict[str, pd.DataFrame]:
        return {name: getattr(self, name) for name in TABLE_ORDER}

    def counts(self, unit: str) -> bool:
        """Whether values of `unit` count things, so may be shown per 100,000 or as shares."""
        known = self.units.set_index("id")["count"]
        return bool(known.get(unit, False))

    def focus(self) -> list[str]:
        """The focus countries (data/focus.yaml), in display order."""
        group = self.groups[self.groups["group"] == "focus"].sort_values("position")
        return group["code"].tolist()

    def measures_statement(self, measures: str) -> str:
        """The one sentence that says what a kind of figure measures (data/measures.yaml)."""
        return str(self.measures.set_index("id")["statement"].get(measures, ""))


def served_file(path: Path) -> Path:
    """The file to open: `path` itself, or in a store folder the version its pointer names."""
    if not is_folder_store(path):
        return path
    try:
        return current_file(path)
    except NoVersion as exc:
        raise StoreError(f"{exc}: run `ocse build` (or `make run`) first") from None


def unreadable(path: Path) -> StoreError:
    """A store the server's user may not read: a rebuild would not help, access would."""
    return StoreError(
        f"cannot read the store at {path}: permission denied. Let the user the server runs as "
        "read it and open its folders (rebuilding will not help)"
    )


def _frame(connection: duckdb.DuckDBPyConnection, table: str) -> pd.DataFrame:
    """A table as a DataFrame. Observations go through Arrow: the same frame (same dtypes and
    values) for 23 MiB less of a worker's memory than DuckDB's own `.df()` (measured on the
    shipped store, 2026-12-02); the small tables keep `.df()`, whose dtypes for columns with
    nulls the app reads (Int64 rather than float). The text comes as Arrow's large strings,
    which pandas' text columns hold as they are: with ordinary strings each column was copied
    (1,000,000 observations: 490 -> 434 MiB once read)."""
    if table == "observations":
        connection.execute("SET arrow_large_buffer_size = true")
        return connection.sql(f"SELECT * FROM {table}").to_arrow_table().to_pandas()
    return connection.sql(f"SELECT * FROM {table}").df()


def load_store(path: Path) -> StoreData:
    try:
        path = served_file(path)
        if not path.exists():
            raise StoreError(f"no store at {path}: run `ocse build` (or `make run`) first")
    except PermissionError:
        raise unreadable(path) from None
    try:
        connection = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        if "Permission denied" in str(exc):
            raise unreadable(path) from exc
        message = (
            f"cannot open the store at {path}: it is damaged or not a store ({exc}). "
            "Rebuild it with `ocse build`"
        )
        raise StoreError(message) from exc
    try:
        frames = {name: _frame(connection, name) for name in TABLE_ORDER}
        meta = dict(connection.sql("SELECT key, value FROM meta").fetchall())
    except duckdb.Error as exc:
        message = f"the store at {path} is incomplete ({exc}). Rebuild it with `ocse build`"
        raise StoreError(message) from exc
    finally:
        connection.close()
    for frame, columns in [
        (frames["sources"], ["caveats"]),
        (frames["indicators"], ["caveats", "breaks"]),
    ]:
        for column in columns:
            frame[column] = frame[column].map(json.loads)
    built_at = meta.get("built_at", "")
    return StoreData(**frames, content_hash=meta["content_hash"], path=path, built_at=built_at)
