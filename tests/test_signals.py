"""A signal that ends a game (SIGTERM, SIGHUP, SIGINT, the terminal closing) restores the
terminal and keeps the answers given: tested for real, on a pseudo-terminal."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import sqlite3
import struct
import sys
import termios
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"
MODES = re.compile(rb"\x1b\[\?([0-9;]+)([hl])")
"""Private modes set (h) and reset (l): 1049 the alternate screen, 1000-1006 and 1015 mouse
reporting, 2004 bracketed paste; 25 (the cursor shown) and 7 (lines wrap) are on by default."""
ON_BY_DEFAULT = {"7", "25"}


class Game:
    """`quiz play` on a pseudo-terminal of 80x24, and everything it wrote to it."""

    def __init__(self, home: Path) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # pragma: no cover - the child becomes the game
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
            os.chdir(ROOT)
            os.environ.update(QUIZ_HOME=str(home), TERM="xterm-256color")
            args = ["--player", "Ann", "--seed", "1", str(DATA / "demo.yaml")]
            os.execv(sys.executable, [sys.executable, "-m", "quiz", "play", *args])
        self.pid, self.fd = pid, fd
        self.output = b""

    def read_until(self, text: bytes, seconds: float = 60) -> None:
        """Read what the game draws until `text` appears (a minute at most)."""
        deadline = time.monotonic() + seconds
        while text not in self.output:
            assert time.monotonic() < deadline, f"never saw {text!r}"
            if not self._read(0.2):
                raise AssertionError(f"the game ended before {text!r}")

    def _read(self, wait: float) -> bool:
        """Read what is there; False once the game has closed the terminal."""
        ready, _, _ = select.select([self.fd], [], [], wait)
        if ready:
            try:
                data = os.read(self.fd, 65536)
            except OSError:  # EIO: no process has the terminal open any more
                return False
            if not data:
                return False
            self.output += data
        return True

    def wait_for_exit(self, seconds: float = 60) -> int:
        """Read to the end and return the exit status (a minute at most)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                while self._read(0.1):
                    pass
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
            self._read(0.1)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        raise AssertionError("the game did not end")

    def modes_left_on(self) -> set[str]:
        """The private modes the game set and did not reset at the end."""
        state: dict[str, bool] = {}
        for numbers, action in MODES.findall(self.output):
            for number in numbers.decode().split(";"):
                state[number] = action == b"h"
        return {mode for mode, on in state.items() if on and mode not in ON_BY_DEFAULT}


def answers_kept(home: Path) -> int:
    connection = sqlite3.connect(home / "quiz.db")
    try:
        return int(connection.execute("SELECT COUNT(*) FROM answers").fetchone()[0])
    finally:
        connection.close()


def start_and_answer_one(home: Path) -> Game:
    game = Game(home)
    game.read_until(b"Question 1 of 5")
    game.read_until(b"then Enter")  # the answer widget is on screen
    time.sleep(0.5)  # and listening
    os.write(game.fd, b"1\r")
    game.read_until(b"Next")  # the feedback shows: the answer was given
    return game


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_mid_game_restores_the_terminal_and_keeps_the_answer(
    signal_number: int, tmp_path: Path
) -> None:
    game = start_and_answer_one(tmp_path)
    assert {"1049", "1000", "1003", "1006"} <= game.modes_left_on()  # as a game runs
    os.kill(game.pid, signal_number)
    status = game.wait_for_exit()
    assert game.modes_left_on() == set(), game.output[-400:]
    assert status == 128 + signal_number
    assert answers_kept(tmp_path) == 1


def test_closing_the_terminal_mid_game_ends_it_and_keeps_the_answer(tmp_path: Path) -> None:
    game = start_and_answer_one(tmp_path)
    os.close(game.fd)  # the terminal window is closed: the game gets SIGHUP, and no terminal
    deadline = time.monotonic() + 60
    while not os.waitpid(game.pid, os.WNOHANG)[0]:
        assert time.monotonic() < deadline, "the game did not end"
        time.sleep(0.1)
    assert answers_kept(tmp_path) == 1


STUCK_APP = """
import sys, threading, time
from pathlib import Path
from textual.app import App
from textual.widgets import Label
import quiz.ui.signals as signals

signals.GRACE_SECONDS = 1.0

class Stuck(App[None]):
    def compose(self):
        yield Label("ready")

    def on_load(self) -> None:
        signals.exit_on_signals(self, on_stuck=lambda: Path(sys.argv[1]).write_text("saved"))

    async def on_unmount(self) -> None:
        threading.Event().wait()  # as Textual's shutdown did on a closed terminal: for ever

Stuck().run()
"""


def test_an_app_whose_exit_hangs_is_ended_after_saving(tmp_path: Path) -> None:
    """The watchdog: should the app not end after a signal, what waits is saved and the process
    ends anyway, with the signal's status (a closed terminal once left games running)."""
    script, saved = tmp_path / "stuck.py", tmp_path / "saved"
    script.write_text(STUCK_APP)
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child becomes the app
        os.chdir(ROOT)
        os.execv(sys.executable, [sys.executable, str(script), str(saved)])
    game = Game.__new__(Game)
    game.pid, game.fd, game.output = pid, fd, b""
    game.read_until(b"ready")
    os.kill(pid, signal.SIGTERM)
    assert game.wait_for_exit(seconds=30) == 128 + signal.SIGTERM
    assert saved.read_text() == "saved"
