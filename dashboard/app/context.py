"""The store the app serves, loaded once per process into memory (read-only, no SQL per request)."""

from __future__ import annotations

from dashboard.store import store_path
from dashboard.store.read import StoreData, load_store

_store: StoreData | None = None


def use_store(store: StoreData) -> None:
    global _store
    _store = store


def store() -> StoreData:
    global _store
    if _store is None:
        _store = load_store(store_path())
    return _store
