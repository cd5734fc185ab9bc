"""Start-up without the cycle collector: it runs again, with start-up's objects set aside, once
the first screen is drawn.

Starting a game makes a few hundred thousand objects (Textual's modules, the screens, the
banks) and next to no garbage, yet Python's cycle collector walks them over and over while they
are made: about a thirtieth of start-up. `quiz play` runs the game inside `collector_paused()`,
the one place the pause begins and the place it is sure to end: the app's
`resume_collector()`, once the first screen is drawn, is the normal end (it moves every object
made so far to the permanent generation, `gc.freeze`, so that the collections that run during
play only walk what play makes, and starts the collector again); leaving the block resumes it
at the latest, whatever ends the start-up early (an error, nothing to play, a game closed
before its first frame). Memory is freed by reference counting all the while.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_paused = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector stopped for the block, unless `resume_collector` restarts it sooner
    (the game does, at its first frame); running again when the block is left, however."""
    pause_collector()
    try:
        yield
    finally:
        resume_collector()


def pause_collector() -> None:
    """Stop the cycle collector until `resume_collector` (no-op if it is already stopped: a
    collector someone else stopped is theirs to restart). Use `collector_paused()`."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collector() -> None:
    """Set start-up's objects aside and restart the collector, if `pause_collector` stopped it."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


AFTER_FIRST_FRAME_SECONDS = 0.1
"""How long after the first question is mounted the work that can wait for it starts: the
collector's return and the recorder's imports (`QuizApp`), the answer widgets, feedback panel
and checking readied for the first answer (`GameScreen`). Textual's `call_after_refresh` ran
them before the first frame was written (when the screen is idle and not yet dirty, its
callbacks run at once), which delayed question 1 by about 118 M instructions; a tenth of a
second is after the frame and long before a player can answer (an answer that comes sooner
loads what it needs itself)."""
