"""Signals that end a terminal app end it as quitting does, so that the terminal is given back.

A Textual app puts the terminal in the alternate screen with mouse reporting on; killed by a
signal's default action (SIGTERM from a teacher's script or a logout, SIGHUP when the terminal
window closes, SIGINT, SIGQUIT), it left the terminal so, and the shell unusable until `reset`.
`exit_on_signals`, called as an app loads (before the terminal changes), makes each of these
signals exit the app the normal way instead: the driver restores the terminal, and the caller
then writes what waits (the game's recorder) before the process ends, with the shell's status
for that signal (128 + its number). SIGKILL cannot be caught; nothing can restore after it.

When the terminal itself is gone (its window closed: SIGHUP), restoring it can block for ever:
Textual's output thread dies on the first write to the closed terminal, and its queue of frames,
once full, blocks the app's shutdown (seen about once in six closes on a busy machine: the game
stayed running, invisible, after its window was closed). So each signal also starts a watchdog:
if the app has not ended `GRACE_SECONDS` later, `on_stuck` runs (the game writes what waits
for the store) and the process ends there, with the same status.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any

from textual.app import App

ENDING_SIGNALS = ("SIGTERM", "SIGHUP", "SIGINT", "SIGQUIT")
"""The signals whose default action ends the process, and that a player or system sends."""


GRACE_SECONDS = 5.0
"""How long an app has to end after a signal before the watchdog ends the process."""


def exit_on_signals(app: App[Any], on_stuck: Callable[[], object] | None = None) -> None:
    """Make every signal of ENDING_SIGNALS exit `app` normally, with status 128 + its number;
    should the app not end within GRACE_SECONDS, run `on_stuck` (in another thread) and end the
    process (see the module's docstring).

    Call from the app's `on_load`, in the running event loop. Not for headless apps (tests,
    whose process keeps its own handlers) nor on Windows (no such signals to catch)."""
    if app.is_headless or sys.platform == "win32":
        return
    loop = asyncio.get_running_loop()
    for name in ENDING_SIGNALS:
        number = getattr(signal, name)
        loop.add_signal_handler(number, _end, app, 128 + number, on_stuck)


def _end(app: App[Any], status: int, on_stuck: Callable[[], object] | None) -> None:
    """Exit the app with `status`, and make sure the process ends even if the exit hangs."""
    app.exit(None, status)
    watchdog = threading.Timer(GRACE_SECONDS, _end_process, (status, on_stuck))
    watchdog.daemon = True  # a normal exit does not wait for it
    watchdog.start()


def _end_process(status: int, on_stuck: Callable[[], object] | None) -> None:
    if on_stuck is not None:
        with contextlib.suppress(Exception):  # whatever happens, the process ends
            on_stuck()
    os._exit(status)
