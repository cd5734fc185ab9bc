"""Pilot tests of what the store adds: hot seat, high scores, review mode, store problems."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.widgets import DataTable

from quiz.engine.recording import GameRecorder
from quiz.engine.session import GameSettings
from quiz.ui.app import QuizApp
from quiz.ui.screens.game import GameScreen
from quiz.ui.screens.results import ResultsScreen
from quiz.ui.screens.scores import ScoresScreen
from quiz.ui.screens.start import StartScreen
from tests.ui.helpers import FakeClock, answer_current, demo_bank, text_of

T0 = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


def app_with_store(
    tmp_path: Path, settings: GameSettings, *, ask: bool = False, now: datetime = T0
) -> QuizApp:
    recorder = GameRecorder.open(tmp_path / "quiz.db", now=lambda: now)
    return QuizApp(
        [demo_bank()], settings, ask=ask, clock=FakeClock(), recorder=recorder, now=lambda: now
    )


async def test_hot_seat_two_players_take_turns_to_a_ranking(tmp_path: Path) -> None:
    app = app_with_store(tmp_path, GameSettings(players=("Ann", "Bo"), seed=1, count=4))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GameScreen)
        turns = []
        for number in range(4):
            turns.append(screen.session.player.name)
            status = str(screen.query_one("StatusBar").render())
            assert status.startswith(screen.session.player.name)
            await answer_current(pilot, right=screen.session.player.name == "Bo" or number == 0)
            await pilot.press("enter")
            await pilot.pause()
        assert turns == ["Ann", "Bo", "Ann", "Bo"]
        assert isinstance(app.screen, ResultsScreen)
        ranking = text_of(pilot, "#ranking")
        assert ranking.splitlines()[0].startswith("1. Bo")
        assert ranking.splitlines()[1].startswith("2. Ann")
    store = app.recorder.store
    assert store is not None
    rows = store.query(
        "SELECT p.name, COUNT(*) AS n FROM answers a JOIN games g ON g.id = a.game_id"
        " JOIN players p ON p.id = g.player_id GROUP BY p.name ORDER BY p.name"
    )
    assert [(r["name"], r["n"]) for r in rows] == [("Ann", 2), ("Bo", 2)]


async def test_high_scores_from_the_start_screen(tmp_path: Path) -> None:
    first = app_with_store(tmp_path, GameSettings(players=("Ann",), seed=1, count=None))
    async with first.run_test(size=(80, 24)) as pilot:
        for _ in range(5):
            await answer_current(pilot, right=True)
            await pilot.press("enter")
        await pilot.pause()
        assert isinstance(first.screen, ResultsScreen)
    app = app_with_store(tmp_path, GameSettings(seed=1), ask=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, StartScreen)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, ScoresScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        assert [str(cell) for cell in table.get_row_at(0)][:2] == ["1", "Ann"]
        await pilot.press("escape")
        assert isinstance(app.screen, StartScreen)


async def test_review_mode_plays_what_is_due_or_says_when(tmp_path: Path) -> None:
    first = app_with_store(tmp_path, GameSettings(players=("Ann",), seed=1, count=None))
    async with first.run_test(size=(80, 24)) as pilot:
        for number in range(5):
            await answer_current(pilot, right=number != 0)
            await pilot.press("enter")
    soon = app_with_store(tmp_path, GameSettings(players=("Ann",), mode="review"), ask=False)
    async with soon.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(soon.screen, StartScreen)  # nothing due yet: back to the start
        assert any(
            "next question is due in 1 minute" in str(n.message) for n in soon._notifications
        )
    later = app_with_store(
        tmp_path, GameSettings(players=("Ann",), mode="review"), now=T0 + timedelta(minutes=2)
    )
    async with later.run_test(size=(80, 24)) as pilot:
        screen = later.screen
        assert isinstance(screen, GameScreen)
        assert screen.session.mode == "review" and screen.session.total == 1


async def test_unusable_store_still_plays_and_says_so(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    recorder = GameRecorder.open(blocker / "quiz.db")
    app = QuizApp(
        [demo_bank()],
        GameSettings(players=("Ann",), seed=1),
        ask=False,
        clock=FakeClock(),
        recorder=recorder,
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        messages = [str(n.message) for n in app._notifications]
        assert any(m.startswith("Results are not being saved") for m in messages)
        await answer_current(pilot, right=True)
        assert app.screen.session.answered
