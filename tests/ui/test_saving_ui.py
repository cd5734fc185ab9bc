"""The game screen never waits for the store: with the scores file locked by another program,
answers go on, the player is told saving is delayed, then that the answers were saved."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual.pilot import Pilot

from quiz.engine.recording import SAVED_NOW, GameRecorder
from quiz.engine.session import GameSettings
from quiz.ui.app import QuizApp
from quiz.ui.screens.game import GameScreen
from tests.ui.helpers import FakeClock, answer_current, demo_bank


async def wait_for_notice(pilot: Pilot[None], app: QuizApp, words: str) -> None:
    for _ in range(600):  # a minute at most
        if any(words in str(n.message) for n in app._notifications):
            return
        await pilot.pause(0.1)
    raise AssertionError(f"never told: {words}")


async def test_a_locked_store_delays_saving_and_the_game_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("quiz.engine.store.BUSY_TIMEOUT_SECONDS", 3600.0)  # no waiting for it
    path = tmp_path / "quiz.db"
    recorder = GameRecorder.open(path)
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    app = QuizApp(
        [demo_bank()],
        GameSettings(players=("Ann",), seed=1),
        ask=False,
        clock=FakeClock(),
        recorder=recorder,
    )
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GameScreen)
        await answer_current(pilot, right=True)
        assert screen.session.answered  # the feedback shows: the game did not wait
        await wait_for_notice(pilot, app, "Saving is delayed")
        await pilot.press("enter")
        await answer_current(pilot, right=False)
        blocker.execute("ROLLBACK")
        await wait_for_notice(pilot, app, SAVED_NOW)
    count = sqlite3.connect(path).execute("SELECT COUNT(*) FROM answers").fetchone()[0]
    assert count == 2


async def test_what_the_store_says_is_shown_safely(tmp_path: Path) -> None:
    folder = tmp_path / "class\x1b]0;pwned\x07"
    folder.write_text("a file where the store's folder should be")
    recorder = GameRecorder.open(folder / "quiz.db")
    app = QuizApp(
        [demo_bank()], GameSettings(players=("Ann",), seed=1), ask=False, recorder=recorder
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any(m.startswith("Results are not being saved") for m in messages)
        assert not any("\x1b" in m for m in messages)
