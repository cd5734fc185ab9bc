"""Loading the library for a game, with a cold start's bank checking on the other core.

`load_in_background` takes every bank it can from the cache at once and, when some banks have
no fresh cache entry, forks a child process that checks them and writes their cache entries
while the parent goes on importing Textual; the function it returns waits for the child and
finishes the library from the cache. Where there is no `fork` (Windows), or nothing to check,
no child is made and the remaining banks are read in the parent: the result is the same either
way, only sooner.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from quiz.engine import cache
from quiz.engine.discovery import Library, find_bank_files, load_files
from quiz.engine.model import Bank


def load_in_background(paths: Sequence[Path] = ()) -> Callable[[], Library]:
    """Start loading the banks at `paths` (or in the search folders); return a function that
    finishes and returns the library. Call it before importing anything heavy, and the
    function after."""
    files, problems = find_bank_files(list(paths))
    known: dict[Path, Bank] = {}
    for path in files:
        bank = cache.load(path)
        if bank is not None:
            known[path] = bank
    stale = [path for path in files if path not in known]
    child = _check_in_child(stale) if stale else None

    def finish() -> Library:
        if child is not None:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(child, 0)
        return load_files(files, problems, known=known)

    return finish


def _check_in_child(stale: list[Path]) -> int | None:
    """Fork a child that checks (and caches) these banks; its pid, or None without fork."""
    if not hasattr(os, "fork"):
        return None
    try:
        child = os.fork()
    except OSError:
        return None
    if child == 0:  # pragma: no cover - runs in the child, which never returns
        try:
            load_files(stale)
        finally:
            os._exit(0)
    return child
