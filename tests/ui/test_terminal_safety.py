"""Names typed by players and bank names from file names reach the screen without their escape
codes: the results, the high scores and the teacher's board show them visibly (`\\x1b`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.widgets import DataTable

from quiz.engine.recording import GameRecorder
from quiz.engine.session import GameSettings
from quiz.engine.store import Store
from quiz.ui.app import QuizApp
from quiz.ui.board import BoardApp
from quiz.ui.screens.results import ResultsScreen
from quiz.ui.screens.scores import ScoresScreen
from tests.ui.helpers import FakeClock, answer_current, demo_bank, screen_text, unsafe_on_screen

T0 = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
TITLE = "\x1b]0;owned\x07Ann"
"""Sets the terminal's title, if printed raw."""
FLIPPED = "Bo\u202e\x9b2J"
"""Reads backwards and clears the screen (a C1 CSI), if printed raw."""


def app(tmp_path: Path, settings: GameSettings, *, ask: bool = False) -> QuizApp:
    recorder = GameRecorder.open(tmp_path / "quiz.db", now=lambda: T0)
    return QuizApp(
        [demo_bank()], settings, ask=ask, clock=FakeClock(), recorder=recorder, now=lambda: T0
    )


async def test_results_and_high_scores_show_names_visibly(tmp_path: Path) -> None:
    game = app(tmp_path, GameSettings(players=(TITLE, FLIPPED), seed=1, count=2))
    async with game.run_test(size=(80, 24)) as pilot:
        for _ in range(2):
            await answer_current(pilot, right=False)
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(game.screen, ResultsScreen)
        assert unsafe_on_screen(game) == []
        assert "\\x1b]0;owned\\x07Ann" in screen_text(game)
    scores = app(tmp_path, GameSettings(seed=1), ask=True)
    async with scores.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(scores.screen, ScoresScreen)
        assert scores.screen.query_one(DataTable).row_count == 2
        assert unsafe_on_screen(scores) == []
        assert "Bo\\u202e\\u009b2J" in screen_text(scores)


async def test_the_board_shows_names_and_bank_names_visibly(tmp_path: Path) -> None:
    path = tmp_path / "quiz.db"
    writer = Store.open(path, now=lambda: T0 + timedelta(minutes=5)).store
    writer.start_game(TITLE, "\x1b[2Jdemo", "practice", 1, 3)
    writer.start_game(FLIPPED, "demo", "practice", 1, 3)
    board = BoardApp(Store.open(path).store, since=T0, refresh_seconds=60)
    async with board.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert unsafe_on_screen(board) == []
        text = screen_text(board)
        assert "\\x1b]0;owned\\x07Ann" in text and "\\x1b[2Jdemo" in text
