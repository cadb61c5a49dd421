"""The store the app serves, loaded once per process into memory (read-only, no SQL per request)."""

from __future__ import annotations

import atexit
import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

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
        gc.freeze()  # the store lives as long as the process: keep the collector off its objects
        atexit.register(gc.unfreeze)  # so that the interpreter can still tidy up on exit
    return _store


P = ParamSpec("P")
R = TypeVar("R")


def per_store(function: Callable[P, R]) -> Callable[P, R]:
    """Remember what `function` computes from the served store, per store content and
    arguments: the store never changes while the process runs, so neither does the result.

    For tables derived from the whole store (scores, gaps, ranks) and for arguments drawn from
    the catalogue (an indicator, a country), never for free-form control values. Callers must
    not modify what it returns."""

    @functools.lru_cache(maxsize=512)
    def cached(content_hash: str, *args, **kwargs):
        return function(*args, **kwargs)

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        return cached(store().content_hash, *args, **kwargs)

    wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return wrapper
