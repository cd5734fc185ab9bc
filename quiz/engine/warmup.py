"""A cold start's bank checking, done on the other core while the interface loads.

When some banks have no fresh cache entry, `warm_in_background` forks a child process that
checks them and writes their cache entries, while the parent goes on importing Textual; the
parent then waits for the child and loads every bank from the cache. Where there is no `fork`
(Windows), or nothing to check, it does nothing and loading happens in the parent as usual:
the result is the same either way, only sooner.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from quiz.engine import cache
from quiz.engine.discovery import find_bank_files, load_library


def _nothing() -> None:
    return None


def warm_in_background(paths: Sequence[Path] = ()) -> Callable[[], None]:
    """Start checking the banks not yet cached in a child process; return a function that waits
    for it. Call it before importing anything heavy, and the wait after."""
    if not hasattr(os, "fork"):
        return _nothing
    files, _ = find_bank_files(list(paths))
    stale = [path for path in files if not cache.is_fresh(path)]
    if not stale:
        return _nothing
    try:
        child = os.fork()
    except OSError:
        return _nothing
    if child == 0:  # pragma: no cover - runs in the child, which never returns
        try:
            load_library(stale)
        finally:
            os._exit(0)

    def wait() -> None:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(child, 0)

    return wait
