"""When Python's cyclic garbage collector runs: never while one file is analysed.

The analysis builds large trees without cycles (Python's, LibCST's, the results) and drops
them when the file is done; the collector would only scan them again and again while they
grow. The objects loaded once before the work starts (the lexicon, the rules, the model
weights) live as long as the process, so they are moved out of its sight.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def paused() -> Iterator[None]:
    """The collector rests inside the block, and runs again after it if it ran before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def freeze_loaded() -> None:
    """Move every object alive now out of the collector's sight, for good.

    Called once what every analysis needs is loaded, before a process forks its workers:
    the collector no longer scans those objects in each worker, and a worker no longer
    copies the memory pages the scan would have touched."""
    gc.collect()
    gc.freeze()
