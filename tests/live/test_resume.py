"""The host's process is killed in the middle of a question; `--resume` (here: `resume_last`
in a new process) continues at that question with every score, answer and token intact, and
the students' clients come back by themselves."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

from quiz.engine.store import Store
from quiz.live import client as client_module
from quiz.live.client import Ending, LiveClient
from tests.live.conftest import CODE
from tests.serve.conftest import free_port

ROOT = Path(__file__).parent.parent.parent


class HostProcess:
    """`tests.live.host_process` in a process of its own, driven through its standard input."""

    def __init__(self, port: int, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.live.host_process", str(port), *args],
            cwd=ROOT,
            env=os.environ.copy(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    async def line(self) -> str:
        assert self.process.stdout is not None
        text = await asyncio.wait_for(asyncio.to_thread(self.process.stdout.readline), 60)
        assert text, "the host process stopped"
        return text.strip()

    async def command(self, name: str) -> str:
        assert self.process.stdin is not None
        self.process.stdin.write(name + "\n")
        self.process.stdin.flush()
        return await self.line()

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(30)


class Student:
    def __init__(self, port: int, name: str) -> None:
        self.messages: list[dict[str, Any]] = []
        self.client = LiveClient(
            f"127.0.0.1:{port}", code=CODE, name=name, on_message=self.messages.append
        )
        self.task: asyncio.Task[Ending] = asyncio.create_task(self.client.run())

    def count(self, kind: str) -> int:
        return sum(1 for m in self.messages if m["type"] == kind)

    async def wait_for(self, kind: str, count: int = 1) -> dict[str, Any]:
        async with asyncio.timeout(60):
            while self.count(kind) < count:
                await asyncio.sleep(0.05)
        return [m for m in self.messages if m["type"] == kind][count - 1]


@pytest.fixture
async def processes() -> AsyncIterator[Callable[..., HostProcess]]:
    started: list[HostProcess] = []

    def start(port: int, *args: str) -> HostProcess:
        started.append(HostProcess(port, *args))
        return started[-1]

    yield start
    for host in started:
        if host.process.poll() is None:
            host.kill()


async def test_a_killed_host_resumes_where_it_stopped(
    processes: Callable[..., HostProcess], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(client_module, "RETRY_SECONDS", (0.2,))
    port = free_port()
    first = processes(port)
    assert await first.line() == "ready"
    ann, bo, cy = (Student(port, name) for name in ("Ann", "Bo", "Cy"))
    for student in (ann, bo, cy):
        await student.wait_for("welcome")
    await first.command("start_game")
    for student in (ann, bo, cy):
        await student.wait_for("question")
        await student.client.answer(1, 0)
    results = [await student.wait_for("result") for student in (ann, bo, cy)]
    await first.command("advance")
    await first.command("advance")
    question = await ann.wait_for("question", count=2)
    assert question["number"] == 2
    await ann.client.answer(2, response := [0])
    await ann.wait_for("locked", count=2)  # question 1's, then question 2's
    first.kill()  # the teacher's laptop crashes mid-question

    second = processes(port, "--resume")
    assert await second.line() == "ready"
    for student, before in zip((ann, bo, cy), results, strict=True):
        welcome = await student.wait_for("welcome", count=2)  # back by themselves
        assert welcome["score"] == before["score"]
    again = await ann.wait_for("question", count=3)
    assert (again["number"], again["paused"]) == (2, True)
    await ann.wait_for("locked", count=3)  # Ann's answer survived the crash
    await ann.client.answer(2, response)
    assert (await ann.wait_for("error"))["code"] == "already_answered"
    await bo.wait_for("question", count=3)
    assert await second.command("resume") == "done question 2"
    await bo.client.answer(2, [1])
    await cy.client.answer(2, [0, 1])
    await ann.wait_for("reveal", count=2)
    await second.command("end_game")
    for student in (ann, bo, cy):
        assert (await asyncio.wait_for(student.task, 60)).reason == "ended"

    store = Store.open(Path(os.environ["QUIZ_HOME"]) / "quiz.db").store
    try:
        rows = store.query(
            "SELECT p.name, COUNT(a.id) FROM answers a JOIN games g ON g.id = a.game_id"
            " JOIN players p ON p.id = g.player_id GROUP BY p.name ORDER BY p.name"
        )
        assert [tuple(row) for row in rows] == [("Ann", 2), ("Bo", 2), ("Cy", 2)]
        assert store.query("SELECT COUNT(*) FROM live_games WHERE ended_at IS NULL")[0][0] == 0
    finally:
        store.close()
