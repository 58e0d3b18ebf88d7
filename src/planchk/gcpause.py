"""Pausing Python's cyclic garbage collector while a large panel is read or evaluated.

Reading 240,000 rows creates hundreds of thousands of small objects that all stay alive; the
collector, triggered by every few hundred allocations, walks them again and again, which took a
third of the time to load a panel. None of these objects forms a reference cycle (reference
counting frees them), so pausing the collector loses nothing; it runs again afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic collector inside the block, restoring its previous state after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
