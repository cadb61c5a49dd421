"""Memory a server process has finished with, given back to the system.

Reading the store and opening every page at start-up leave freed memory behind in the
allocators (Arrow's mimalloc pool for pandas' strings, glibc's heap for NumPy's temporary
copies of whole columns), which RSS still counts and every forked worker would start with.
Measured on 2026-12-02 with the 1,000,000-observation store: the master 790 -> 725 MiB, the
workers 800 / 788 -> 749 / 731 MiB. Arrow stays on mimalloc: on glibc's allocator the master
gave back more, but the workers then reused freed chunks lying among the store's pages and
copied those pages (RSS 923 MiB; benchmarks/memory.py).
"""

from __future__ import annotations

import ctypes
import ctypes.util

import pyarrow as pa

_LIBC = ctypes.util.find_library("c")


def give_back() -> None:
    """Return freed memory to the system: Arrow's pool, then the C library's heap (glibc)."""
    pa.default_memory_pool().release_unused()
    if _LIBC:
        trim = getattr(ctypes.CDLL(_LIBC), "malloc_trim", None)
        if trim is not None:
            trim(0)
