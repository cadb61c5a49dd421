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


def state_dir() -> Path:
    """The folder holding the store's state: beside the store file, or the store itself when it
    is a folder. Accounts, the session key and sign-in throttling live here, never in data/.
    The one place that decides, so that the store can become a folder of versions."""
    store = store_path()
    if store.is_dir() or store.suffix != ".duckdb":
        return store
    return store.parent
