"""The store the app serves: held in memory (read-only, no SQL per request), and followed as it
changes. A worker looks at the store folder's pointer at most once a second and loads the new
version when it has moved, so every worker serves a publication within seconds, with no
restart; a request keeps the version it started with until it ends."""

from __future__ import annotations

import functools
import gc
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

from flask import g, has_request_context

from dashboard.app.memory import give_back
from dashboard.language import current
from dashboard.store import store_path
from dashboard.store.localised import in_language
from dashboard.store.read import StoreData, load_store
from dashboard.store.versions import is_folder_store, pointer_stamp

CHECK_EVERY = 1.0  # seconds between two looks at the pointer

_lock = threading.Lock()
_fixed: StoreData | None = None  # a store given by the caller (tests): never followed
_served: StoreData | None = None
_stamp: object = None
_checked = 0.0
_caches: list[Callable] = []  # every per_store function's cache


def use_store(store: StoreData) -> None:
    global _fixed
    _fixed = store


def follows_store_folder() -> bool:
    """Whether the store served is read from the store setting (not given in memory)."""
    return _fixed is None


def store() -> StoreData:
    """The version this request started with; outside a request, the one served now; its texts
    in the reader's language (store/localised.py)."""
    if has_request_context():
        if "ocse_store" not in g:
            g.ocse_store = _follow()
        return in_language(g.ocse_store, current())
    return in_language(_follow(), current())


def look_again() -> None:
    """Look at the pointer on the next request rather than within the second: after a change
    made by this worker, whoever made it reads the new version at once."""
    global _checked
    _checked = float("-inf")


def _follow() -> StoreData:
    global _served, _stamp, _checked
    if _fixed is not None:
        return _fixed
    if _served is not None and time.monotonic() - _checked < CHECK_EVERY:
        return _served
    with _lock:
        path = store_path()
        stamp = _stamp_of(path)
        if _served is None or stamp != _stamp:
            loaded = load_store(path)  # StoreError when there is none: the page says so
            if _served is None or loaded.content_hash != _served.content_hash:
                _switch(loaded)
            _stamp = stamp
        _checked = time.monotonic()
        return _served


def _stamp_of(path: Path) -> object:
    if is_folder_store(path):
        return pointer_stamp(path)
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_mtime_ns


def _switch(loaded: StoreData) -> None:
    """Serve `loaded` from now on: what was derived from the last version is let go (requests
    still running keep theirs), and the collector leaves the long-lived frames alone."""
    global _served
    gc.unfreeze()
    for clear in _caches:
        clear()
    _served = loaded
    gc.collect()
    gc.freeze()
    give_back()  # the last version's frames and tables


P = ParamSpec("P")
R = TypeVar("R")


def per_store(function: Callable[P, R]) -> Callable[P, R]:
    """Remember what `function` computes from the served store, per store version and
    arguments: a version never changes, so neither does the result; a new version starts
    afresh. Each language has its own entries: what is derived carries names and words.

    For tables derived from the whole store (scores, gaps, ranks) and for arguments drawn from
    the catalogue (an indicator, a country), never for free-form control values. Callers must
    not modify what it returns."""

    @functools.lru_cache(maxsize=512)
    def cached(content_hash: str, language: str, *args, **kwargs):
        return function(*args, **kwargs)

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        return cached(store().content_hash, current(), *args, **kwargs)

    wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    _caches.append(cached.cache_clear)
    return wrapper
