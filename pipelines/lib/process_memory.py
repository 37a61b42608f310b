"""Giving the memory an earlier step freed back to the system.

A run's steps execute one after another in one process. Python frees a step's objects when the
step ends, but the C allocator keeps the freed pages, so the process would hold the largest step's
memory (the parse step's records) for the rest of the run and add the next step's on top of it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc


def release_freed_memory() -> None:
    """Collect garbage, then ask glibc to return its free pages (a no-op without glibc)."""
    gc.collect()
    name = ctypes.util.find_library("c")
    if not name:
        return
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)
