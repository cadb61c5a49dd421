"""The one embedded DuckDB database: written atomically by a build, opened read-only by the app."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_STORE = Path("build") / "ocse.duckdb"


def store_path() -> Path:
    """`OCSE_STORE` if set, else build/ocse.duckdb under the current directory."""
    return Path(os.environ.get("OCSE_STORE", DEFAULT_STORE))


def data_dir() -> Path:
    """`OCSE_DATA` if set, else the repository's data/ folder."""
    default = Path(__file__).resolve().parents[2] / "data"
    return Path(os.environ.get("OCSE_DATA", default))
