"""The teacher's and the student's apps over real sockets on loopback: the host app serves a
game to scripted students, and the student app plays against a real server. Bounded in time."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Static

from quiz.engine.live import LiveGame
from quiz.engine.live_recording import LiveRecorder
from quiz.engine.store import Store
from quiz.live.client import LiveClient
from quiz.live.server import LiveHost
from quiz.ui.live.end import EndScreen
from quiz.ui.live.host import HostApp
from quiz.ui.live.join import JoinApp
from quiz.ui.live.reveal import RevealScreen
from tests.ui.live.conftest import CODE, demo_asked

SIZE = (80, 24)
DEADLINE = 60.0
"""Seconds any one wait may take, however busy the machine."""


async def until(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    """Let the app and the network run until `condition` holds (or fail after DEADLINE)."""
    async with asyncio.timeout(DEADLINE):
        while not condition():
            await pilot.pause(0.05)


def text(app: App[None], selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def game_with_store(store: Path) -> tuple[LiveGame, LiveRecorder]:
    recorder = LiveRecorder.open(store)
    game = LiveGame(demo_asked(), code=CODE, seconds=120, title="Demo", observers=[recorder])
    return game, recorder


async def test_the_host_app_serves_a_class_and_keeps_every_answer(tmp_path: Path) -> None:
    game, recorder = game_with_store(tmp_path / "scores.db")
    host = LiveHost(game, host="127.0.0.1", port=0, recorder=recorder)
    app = HostApp(host)
    seen: dict[str, list[dict[str, Any]]] = {}
    clients: list[LiveClient] = []
    tasks: list[asyncio.Task[Any]] = []
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: bool(host.port))
        for name in ("Ann", "Bob", "Chen"):
            client = LiveClient(
                f"127.0.0.1:{host.port}",
                code=CODE,
                name=name,
                on_message=seen.setdefault(name, []).append,
            )
            clients.append(client)
            tasks.append(asyncio.create_task(client.run()))
        await until(pilot, lambda: text(app, "#joined") == "3 students joined")
        await pilot.press("enter")
        await until(pilot, lambda: all(m[-1]["type"] == "question" for m in seen.values()))
        await clients[0].answer(1, game.asked[0].choices.index("$95 billion"))
        await until(pilot, lambda: text(app, "#answered") == "1 of 3 answered")
        await clients[1].answer(1, 0)
        await clients[2].answer(1, 1)
        await until(pilot, lambda: isinstance(app.screen, RevealScreen))  # everyone answered
        assert text(app, "#reveal-class") == "1 of 3 right · 3 answered"
        await pilot.press("q", "y")
        await until(pilot, lambda: isinstance(app.screen, EndScreen))
        assert f"quiz report --game {host.game_id}" in text(app, "#end-report")
        await asyncio.wait_for(asyncio.gather(*tasks), DEADLINE)
        await pilot.press("q")
    assert all(m[-1]["type"] == "end" for m in seen.values())
    recorder.close()
    store = Store.open(tmp_path / "scores.db").store
    rows = store.query(
        "SELECT p.name, a.correct FROM answers a JOIN games g ON g.id = a.game_id"
        " JOIN players p ON p.id = g.player_id WHERE g.live_game_id = ? ORDER BY p.name",
        (host.game_id,),
    )
    assert [(row["name"], bool(row["correct"])) for row in rows] == [
        ("Ann", True),
        ("Bob", False),
        ("Chen", False),
    ]


async def test_the_student_app_plays_against_a_real_host() -> None:
    game = LiveGame(demo_asked(), code=CODE, seconds=120, title="Demo")
    host = LiveHost(game, host="127.0.0.1", port=0)
    await host.start()
    try:
        app = JoinApp(f"http://127.0.0.1:{host.port}", code=CODE, name="Ann")
        async with app.run_test(size=(60, 20)) as pilot:
            await until(pilot, lambda: "You're in, Ann!" in text(app, "#waiting-text"))
            host.start_game()
            await until(pilot, lambda: "Question 1 of 5" in text(app, "#status"))
            await pilot.press("c", "enter")  # C: $95 billion
            await until(pilot, lambda: text(app, "#verdict").startswith("✔ Right!"))
            assert text(app, "#place").startswith("You are 1st of 1")
            host.advance()
            await until(pilot, lambda: "Leaderboard" in text(app, "#standing-top"))
            host.end_game()
            await until(pilot, lambda: "The game is over." in text(app, "#final-you"))
            await pilot.press("q")
        assert app.return_code == 0
    finally:
        await host.stop()
