"""The key bar: the keys that work now, updated in place, and pressed by a click."""

from __future__ import annotations

from quiz.ui.screens.confirm import ConfirmScreen
from quiz.ui.screens.game import GameScreen
from quiz.ui.widgets.keybar import KeyBar
from tests.ui.helpers import advance_to, answer_current, make_app


def bar_text(app: object) -> str:
    """The bar's line as drawn on the screen (the last frame's)."""
    from textual.app import App

    assert isinstance(app, App)
    return app.screen.query_one(KeyBar).render_line(0).text.rstrip()


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


async def test_a_set_of_keys_drawn_before_is_drawn_again_from_memory_never_stale() -> None:
    app = make_app(seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await advance_to(pilot, kind="choice")
        bar = screen.query_one(KeyBar)
        assert "Confirm" in bar_text(app)
        await answer_current(pilot, right=True)
        await pilot.pause()
        feedback = bar_text(app)
        assert "Next" in feedback and "Confirm" not in feedback
        await pilot.press("enter")
        await pilot.pause()
        assert "Next" not in bar_text(app)  # the next question's keys, not the feedback's
        drawn = len(bar._drawn)
        await answer_current(pilot, right=True)
        await pilot.pause()
        assert bar_text(app) == feedback
        assert len(bar._drawn) == drawn  # the feedback's keys came from memory


async def test_a_narrow_bar_drops_the_words_in_parentheses_and_a_theme_change_redraws() -> None:
    app = make_app(seed=1)
    async with app.run_test(size=(40, 20)) as pilot:
        await advance_to(pilot, kind="choice")
        text = bar_text(app)
        assert "? Hint" in text and "(halves points)" not in text and "q Quit" in text
        before = app.screen.query_one(KeyBar).render_line(0)
        app.theme = "textual-light"
        await pilot.pause()
        after = app.screen.query_one(KeyBar).render_line(0)
        assert after.text == before.text
        assert [segment.style for segment in after] != [segment.style for segment in before]
