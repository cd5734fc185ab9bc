"""The choice list: the keys and the mouse an `OptionList` offers, drawn a line at a time."""

from __future__ import annotations

from quiz.ui.widgets.choices import ChoiceList
from tests.ui.helpers import advance_to, make_app


async def test_arrows_home_end_pages_and_numbers_move_the_highlight_and_enter_answers() -> None:
    app = make_app(seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await advance_to(pilot, kind="choice")
        choices = screen.query_one(ChoiceList)
        last = len(choices.choices) - 1
        assert app.focused is choices and choices.highlighted == 0
        moves = [
            ("down", 1), ("down", 2), ("up", 1), ("end", last), ("down", last),
            ("home", 0), ("up", 0), ("pagedown", last), ("pageup", 0), ("3", 2),
        ]  # fmt: skip
        for key, highlighted in moves:
            await pilot.press(key)
            assert choices.highlighted == highlighted, key
        await pilot.press("enter")
        await pilot.pause()
        assert screen.session.outcomes[-1].verdict.given == choices.choices[2]


async def test_the_choice_under_the_mouse_is_drawn_as_hovered() -> None:
    app = make_app(seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await advance_to(pilot, kind="choice")
        choices = screen.query_one(ChoiceList)
        plain = choices.render_line(2)  # the third choice: neither highlighted nor hovered
        await pilot.hover(ChoiceList, offset=(10, 2))  # under the border: the second choice
        await pilot.pause()
        assert choices.hovered == 1
        hovered = choices.render_line(1)
        assert hovered.text.startswith("2. ")
        assert list(hovered)[-1].style.bgcolor != list(plain)[-1].style.bgcolor  # type: ignore[union-attr]
        await pilot.hover(screen.query_one("#prompt"))
        await pilot.pause()
        assert choices.hovered is None


async def test_a_multiple_answer_list_ticks_by_number_space_and_click_and_submits_them() -> None:
    from quiz.ui.widgets.multichoice import BUTTON_INNER, MultiChoiceList

    def box_colour(row: int) -> object:
        box = next(s for s in choices.render_line(row) if s.text == BUTTON_INNER)
        return box.style.color  # type: ignore[union-attr]

    app = make_app(seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await advance_to(pilot, kind="multi")
        choices = screen.query_one(MultiChoiceList)
        unticked = box_colour(0)
        await pilot.press("1")
        assert choices.picked == {0} and box_colour(0) != unticked  # drawn ticked, not stale
        await pilot.press("down", "space")
        assert choices.picked == {0, 1}
        await pilot.click(MultiChoiceList, offset=(10, 1))  # under the border: the first
        await pilot.pause()
        assert choices.picked == {1} and box_colour(0) == unticked
        await pilot.press("enter")
        await pilot.pause()
        assert screen.session.outcomes[-1].verdict.given == choices.choices[1]
