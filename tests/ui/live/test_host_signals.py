"""`quiz host` ended by a signal (a logout, the terminal window closed, Ctrl+C from a script)
gives the terminal back and leaves a game `quiz host --resume` continues: on a pseudo-terminal."""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import socket
import struct
import sys
import termios
from pathlib import Path

import pytest

from quiz.engine.live_recording import resume_last
from tests.test_signals import Game

ROOT = Path(__file__).parents[3]
DATA = ROOT / "tests" / "data"


class Host(Game):
    """`quiz host` on a pseudo-terminal of 80x24, serving on a free loopback port."""

    def __init__(self, home: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        pid, fd = pty.fork()
        if pid == 0:  # pragma: no cover - the child becomes the host
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
            os.chdir(ROOT)
            os.environ.update(QUIZ_HOME=str(home), TERM="xterm-256color")
            args = ["--port", str(port), "--code", "123456", str(DATA / "demo.yaml")]
            os.execv(sys.executable, [sys.executable, "-m", "quiz", "host", *args])
        self.pid, self.fd = pid, fd
        self.output = b""


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_gives_the_terminal_back_and_the_game_can_be_resumed(
    signal_number: int, tmp_path: Path
) -> None:
    host = Host(tmp_path)
    host.read_until(b"Join the class game")
    assert "1049" in host.modes_left_on()  # the alternate screen, as the host runs
    os.kill(host.pid, signal_number)
    status = host.wait_for_exit()
    assert host.modes_left_on() == set(), host.output[-400:]
    assert status == 128 + signal_number
    found = resume_last(tmp_path / "quiz.db")
    assert found is not None
    game, recorder = found
    recorder.close()
    assert (game.code, game.phase) == ("123456", "lobby")
