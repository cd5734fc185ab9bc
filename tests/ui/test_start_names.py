"""The start screen refuses a hot seat with one name twice: the store keeps players by name,
capitals aside, and would merge the two players' games into one."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from quiz.ui.screens.game import GameScreen
from quiz.ui.screens.start import StartScreen
from tests.ui.helpers import make_app


@pytest.mark.parametrize("typed", ["Ann, Ann", "Ann, ann", " Ann ,  ANN , Bo"])
async def test_the_same_name_twice_is_refused_on_the_start_screen(typed: str) -> None:
    app = make_app(player=None)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, StartScreen)
        await pilot.press(*typed, "enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)  # no game started
        (notice,) = [str(n.message) for n in app._notifications]
        assert notice.startswith("Two players are called 'Ann'")
        assert app.screen.focused is app.screen.query_one("#player")  # to fix the names


async def test_two_different_names_start_a_hot_seat_game() -> None:
    app = make_app(player=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Ann, Bo", "enter")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        assert [p.name for p in app.screen.session.players] == ["Ann", "Bo"]


async def test_names_in_the_refusal_are_shown_safely() -> None:
    app = make_app(player=None)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, StartScreen)
        screen.query_one("#player", Input).value = "Ann\x1b]0;pwned\x07, ann\x1b]0;pwned\x07"
        screen.action_start()
        await pilot.pause()
        (notice,) = [str(n.message) for n in app._notifications]
        assert "\x1b" not in notice and "\\x1b]0;pwned\\x07" in notice
