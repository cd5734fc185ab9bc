"""Signals that end a terminal app end it as quitting does, so that the terminal is given back.

A Textual app puts the terminal in the alternate screen with mouse reporting on; killed by a
signal's default action (SIGTERM from a teacher's script or a logout, SIGHUP when the terminal
window closes, SIGINT, SIGQUIT), it left the terminal so, and the shell unusable until `reset`.
`exit_on_signals`, called as an app loads (before the terminal changes), makes each of these
signals exit the app the normal way instead: the driver restores the terminal, and the caller
then writes what waits (the game's recorder) before the process ends, with the shell's status
for that signal (128 + its number). SIGKILL cannot be caught; nothing can restore after it.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from typing import Any

from textual.app import App

ENDING_SIGNALS = ("SIGTERM", "SIGHUP", "SIGINT", "SIGQUIT")
"""The signals whose default action ends the process, and that a player or system sends."""


def exit_on_signals(app: App[Any]) -> None:
    """Make every signal of ENDING_SIGNALS exit `app` normally, with status 128 + its number.

    Call from the app's `on_load`, in the running event loop. Not for headless apps (tests,
    whose process keeps its own handlers) nor on Windows (no such signals to catch)."""
    if app.is_headless or sys.platform == "win32":
        return
    loop = asyncio.get_running_loop()
    for name in ENDING_SIGNALS:
        number = getattr(signal, name)
        loop.add_signal_handler(number, app.exit, None, 128 + number)
