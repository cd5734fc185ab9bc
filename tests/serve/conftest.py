"""A real `quiz serve` on a free loopback port, with its own QUIZ_HOME, for the classroom tests."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

DATA = Path(__file__).parent.parent / "data"
ANSI = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[=>()][0-9A-Za-z]?"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def screen_text(packets: list[bytes]) -> str:
    """What the server sent a browser, as text: the terminal output with its escapes removed."""
    return ANSI.sub("", b"".join(packets).decode("utf-8", errors="ignore"))


@dataclass
class Served:
    """A running server: its address and the folder its store lives in."""

    url: str
    home: Path
    process: subprocess.Popen[bytes]

    def query(self, sql: str) -> list[tuple[object, ...]]:
        import sqlite3

        connection = sqlite3.connect(self.home / "quiz.db")
        try:
            return list(connection.execute(sql))
        finally:
            connection.close()


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., Served]]:
    """Start `quiz serve` with extra arguments; every server started is stopped afterwards."""
    started: list[Served] = []

    def start(*args: str) -> Served:
        port = free_port()
        home = tmp_path / f"home-{port}"
        env = {**os.environ, "QUIZ_HOME": str(home)}
        process = subprocess.Popen(
            [sys.executable, "-m", "quiz", "serve", str(DATA), "--port", str(port), *args],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        served = Served(f"http://127.0.0.1:{port}", home, process)
        started.append(served)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise AssertionError(f"quiz serve stopped: {process.stderr.read().decode()}")  # type: ignore[union-attr]
            try:
                urllib.request.urlopen(served.url, timeout=2).close()
                return served
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        raise AssertionError("quiz serve did not answer within 60 seconds")

    yield start
    for served in started:
        served.process.send_signal(signal.SIGINT)
        try:
            served.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            served.process.kill()
