"""The one embedded DuckDB database: written atomically by a build, opened read-only by the app."""

from __future__ import annotations

from pathlib import Path

from dashboard import settings


def store_path() -> Path:
    """The store file: setting `store` (OCSE_STORE)."""
    return settings.get("store")


def data_dir() -> Path:
    """The data/ folder: setting `data` (OCSE_DATA)."""
    return settings.get("data")
