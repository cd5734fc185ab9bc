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


def command_line(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def descendants(pid: int) -> list[int]:
    """Every living process started by `pid`, however deep (read from Linux's /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, waiting = [], [pid]
    while waiting:
        for child in children.get(waiting.pop(), []):
            found.append(child)
            waiting.append(child)
    return found


@dataclass
class Served:
    """A running server: its address and the folder its store lives in."""

    url: str
    home: Path
    process: subprocess.Popen[bytes]
    log_path: Path

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def log(self) -> str:
        """What the server printed so far (its console and its logging), for the teacher."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def games(self) -> list[int]:
        """The process ids of the games this server is running now (one per browser)."""
        game = b"-m\0quiz\0play\0"
        return [pid for pid in descendants(self.process.pid) if game in command_line(pid)]

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
        env = {**os.environ, "QUIZ_HOME": str(home), "COLUMNS": "200"}
        log_path = tmp_path / f"serve-{port}.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "quiz", "serve", str(DATA), "--port", str(port), *args],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        served = Served(f"http://127.0.0.1:{port}", home, process, log_path)
        started.append(served)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise AssertionError(f"quiz serve stopped: {served.log()}")
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
