"""Pilot tests: a student putting items in order, by keyboard and by mouse, at 80×24 and 60×20."""

from __future__ import annotations

from textual.pilot import Pilot

from quiz.engine.loader import load_bank
from quiz.ui.screens.game import GameScreen
from quiz.ui.widgets.keybar import KeyBar
from quiz.ui.widgets.order import OrderList
from tests.ui.helpers import BANKS, advance_to, feedback_of, feedback_table, make_app


def order_app(seed: int = 3) -> object:
    return make_app(bank=load_bank(BANKS / "new-types.yaml"), seed=seed)


def shown(screen: GameScreen) -> list[str]:
    return list(screen.query_one(OrderList).items)


async def to_leaders(pilot: Pilot[None]) -> GameScreen:
    return await advance_to(pilot, question_id="summit-leaders-listed")


async def test_keys_move_items_and_enter_submits_the_order() -> None:
    app = order_app()
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        screen = await to_leaders(pilot)
        start = shown(screen)
        keybar = str(screen.query_one(KeyBar).render())
        assert "⏎ Submit" in keybar and "⇧↑↓ Move" in keybar and "space Pick up" in keybar
        await pilot.press("shift+down")  # the first item goes one down
        assert shown(screen) == [start[1], start[0], *start[2:]]
        await pilot.press("shift+up")
        assert shown(screen) == start
        await pilot.press("space")  # picked up: the arrows carry it
        assert "picked up" in str(screen.query_one(OrderList).entries[0])
        assert "space Put down" in str(screen.query_one(KeyBar).render())
        await pilot.press("down", "down", "space", "j")
        assert shown(screen) == [start[1], start[2], start[0], *start[3:]]
        assert screen.query_one(OrderList).highlighted == 3  # j moved the highlight only
        await pilot.press("enter")
        await pilot.pause()
        assert screen.session.answered
        assert screen.session.outcomes[-1].verdict.given == " → ".join(shown(screen))


async def test_typed_numbers_reorder_once_all_are_typed() -> None:
    app = order_app()
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        screen = await to_leaders(pilot)
        widget = screen.query_one(OrderList)
        start = shown(screen)
        await pilot.press("3", "1", "9", "1")  # 9 is not an item, and 1 is typed already
        assert shown(screen) == start and widget.typed == [3, 1]
        assert widget.border_subtitle == "typed 3 1 _ _ _ · Backspace erases"
        await pilot.press("enter")  # half typed: not an answer
        await pilot.pause()
        assert not screen.session.answered
        await pilot.press("backspace", "5", "4", "2", "1")
        assert shown(screen) == [start[i - 1] for i in (3, 5, 4, 2, 1)]
        assert widget.border_subtitle == ""
        right = screen.session.current.question.right_response()
        await pilot.press(*(str(shown(screen).index(item) + 1) for item in right), "enter")
        await pilot.pause()
        assert feedback_of(pilot).startswith("✔ Right!")


async def test_the_mouse_picks_an_item_up_and_puts_it_down_then_submits() -> None:
    app = order_app()
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        screen = await to_leaders(pilot)
        start = shown(screen)
        await pilot.click(OrderList, offset=(4, 1))  # the first item (inside the border)
        assert screen.query_one(OrderList).picked_up == 0
        await pilot.click(OrderList, offset=(4, 4))  # ...goes to the fourth place
        assert shown(screen) == [*start[1:4], start[0], start[4]]
        assert screen.query_one(OrderList).picked_up is None
        keybar = screen.query_one(KeyBar)
        submit = next(x for x in range(keybar.size.width) if keybar.key_at(x) == ("enter", True))
        await pilot.click(KeyBar, offset=(submit, 0))
        await pilot.pause()
        assert screen.session.answered


async def test_wrong_order_feedback_shows_both_orders_and_says_what_is_misplaced() -> None:
    app = order_app()
    async with app.run_test(size=(60, 20)) as pilot:  # type: ignore[attr-defined]
        screen = await advance_to(pilot, question_id="trade-partners-ranked")
        right = list(screen.session.current.question.right_response())  # type: ignore[arg-type]
        given = [right[1], right[0], right[2]]
        await pilot.press(*(str(shown(screen).index(item) + 1) for item in given), "enter")
        await pilot.pause()
        verdict = feedback_of(pilot)
        assert verdict.startswith("✘ Wrong.") and "Right answer" not in verdict
        table = "\n".join(feedback_table(pilot))
        assert "Your order" in table and "Right order" in table
        lines = [line.rstrip() for line in table.splitlines()]
        assert lines == [  # 60 columns: the one remark that does not fit goes under its item
            "Your order                       Right order",
            "✘ 1. European Union                1. China",
            "  (belongs 2nd)",
            "✘ 2. China (belongs 1st)           2. European Union",
            "✔ 3. Russia                        3. Russia",
        ]


async def test_time_out_on_an_order_names_the_right_order() -> None:
    from quiz.engine.session import GameSettings
    from quiz.ui.app import QuizApp
    from tests.ui.helpers import FakeClock, feedback_shown, until

    clock = FakeClock()
    bank = load_bank(BANKS / "new-types.yaml")
    app = QuizApp(
        [bank], GameSettings(players=("Ann",), seed=3, mode="timed"), ask=False, clock=clock
    )
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GameScreen)
        clock.now += 100
        await until(pilot, lambda: feedback_shown(pilot))
        verdict = feedback_of(pilot)
        assert verdict.startswith("⏱ Time is up.")
        assert "Right answer: " + screen.session.current.question.answer_text() in verdict


async def test_a_teachers_preview_plays_order_questions_in_file_order() -> None:
    from quiz.engine.session import GameSettings
    from quiz.engine.watch import FileWatcher
    from quiz.ui.app import QuizApp
    from tests.ui.helpers import FakeClock, answer_current

    watcher = FileWatcher([BANKS / "new-types.yaml"])
    app = QuizApp(
        [], GameSettings(players=("Teacher",)), ask=False, clock=FakeClock(), watcher=watcher
    )
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GameScreen)
        assert screen.session.current.question.id == "trade-partners-ranked"
        await answer_current(pilot, right=False)
        assert "belongs" in "\n".join(feedback_table(pilot))


async def test_without_colour_every_state_is_said_in_words(monkeypatch: object) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setenv("NO_COLOR", "1")
    app = order_app()
    async with app.run_test(size=(80, 24)) as pilot:  # type: ignore[attr-defined]
        assert pilot.app.no_color
        screen = await to_leaders(pilot)
        await pilot.press("space")
        carried = screen.query_one(OrderList).entries[0]
        assert str(carried).endswith("⇅ picked up")
        await pilot.press("down", "space", "enter")
        await pilot.pause()
        table = "\n".join(feedback_table(pilot))
        assert "✘ " in table and "(belongs " in table and "Right order" in table
