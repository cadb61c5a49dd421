"""Memory a server process has finished with, given back to the system.

Reading the store and opening every page at start-up leave freed memory behind in the
allocators (pandas' Arrow strings and NumPy's temporary copies of whole columns), which RSS
still counts and every forked worker would start with. Arrow then allocates from the C
library's heap rather than its own mimalloc pool, so that `malloc_trim` gives its freed pages
back too: measured on 2026-12-02 after start-up, 807 -> 689 MiB with the 1,000,000-observation
store (mimalloc and a trim: 720), 378 -> 355 MiB with the shipped one.
"""

from __future__ import annotations

import ctypes
import ctypes.util

import pyarrow as pa

_LIBC = ctypes.util.find_library("c")


def use_system_allocator() -> None:
    """Arrow allocates with malloc from now on (call before the store is read)."""
    pa.set_memory_pool(pa.system_memory_pool())


def give_back() -> None:
    """Return freed memory to the system: Arrow's pool, then the C library's heap (glibc)."""
    pa.default_memory_pool().release_unused()
    if _LIBC:
        trim = getattr(ctypes.CDLL(_LIBC), "malloc_trim", None)
        if trim is not None:
            trim(0)
