"""The key bar: the keys that work now, updated in place, and pressed by a click."""

from __future__ import annotations

from quiz.ui.screens.confirm import ConfirmScreen
from quiz.ui.screens.game import GameScreen
from quiz.ui.widgets.keybar import KeyBar
from tests.ui.helpers import advance_to, answer_current, make_app


def bar_text(app: object) -> str:
    from textual.app import App

    assert isinstance(app, App)
    return str(app.screen.query_one(KeyBar).render())


async def test_the_bar_lists_the_keys_that_work_now() -> None:
    app = make_app(seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await advance_to(pilot, kind="choice")
        bar = screen.query_one(KeyBar)
        assert "⏎ Confirm" in bar_text(app) and "q Quit" in bar_text(app)
        await answer_current(pilot, right=True)
        await pilot.pause()
        assert "⏎ Next" in bar_text(app) and "Confirm" not in bar_text(app)
        assert screen.query_one(KeyBar) is bar  # redrawn in place, never rebuilt


async def test_while_typing_the_bar_offers_escape_to_quit() -> None:
    app = make_app(seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await advance_to(pilot, kind="text")
        assert "esc Quit" in bar_text(app) and "q Quit" not in bar_text(app)


async def test_clicking_a_key_presses_it() -> None:
    app = make_app(seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await advance_to(pilot, kind="choice")
        bar = screen.query_one(KeyBar)
        text = bar_text(app)
        quit_at = text.index("q Quit")
        assert bar.key_at(quit_at) == ("q", True)
        assert bar.key_at(len(text) + 5) is None  # past the last key: nothing
        await pilot.click(KeyBar, offset=(quit_at + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
