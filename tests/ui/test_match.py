"""Pilot tests: a student matching pairs, by keyboard and by mouse, at 80×24 and 60×20."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from quiz.engine.loader import load_bank
from quiz.ui.app import QuizApp
from quiz.ui.screens.game import GameScreen
from quiz.ui.widgets.feedback import FeedbackPanel
from quiz.ui.widgets.keybar import KeyBar
from quiz.ui.widgets.match import LETTERS, MatchGrid
from tests.ui.helpers import BANKS, advance_to, feedback_of, feedback_table, make_app


def match_app(seed: int = 5) -> QuizApp:
    return make_app(bank=load_bank(BANKS / "match.yaml"), seed=seed)


async def to_resources(pilot: Pilot[None]) -> tuple[GameScreen, MatchGrid]:
    screen = await advance_to(pilot, question_id="resources-by-country")
    return screen, screen.query_one(MatchGrid)


def letter_of(grid: MatchGrid, partner: str) -> str:
    return LETTERS[grid.partners.index(partner)]


def lines_of(grid: MatchGrid, which: str) -> list[str]:
    options = grid.query_one(f"#match-{which}", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_a_number_then_a_letter_matches_and_moves_on() -> None:
    app = match_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, grid = await to_resources(pilot)
        assert app.focused is grid
        keybar = str(screen.query_one(KeyBar).render())
        assert "⏎ Submit" in keybar and "1–8 Item" in keybar and "a–j Its partner" in keybar
        assert "⌫ Undo" in keybar
        gas, uranium = letter_of(grid, "gas"), letter_of(grid, "uranium")
        await pilot.press("2", uranium)
        assert grid.matched[1] == grid.partners.index("uranium")
        assert grid.picked == 2  # on to the next item without a partner
        assert lines_of(grid, "items")[1] == f"2. Kazakhstan → {uranium}"
        assert "← 2" in lines_of(grid, "partners")[grid.partners.index("uranium")]
        await pilot.press(gas)  # item 3 given gas: then back round to item 1
        assert grid.picked == 0
        await pilot.press("enter")  # item 1 has no partner yet
        await pilot.pause()
        assert not screen.session.answered
        await pilot.press("down", "down", "backspace")  # item 3's match undone
        assert grid.matched[2] is None and lines_of(grid, "items")[2].endswith("→ ?")
        await pilot.press("up", "up", gas, letter_of(grid, "rare earth elements"), "enter")
        await pilot.pause()
        assert screen.session.answered
        assert feedback_of(pilot).startswith("✔ Right!")


async def test_typed_pairs_answer_at_once() -> None:
    app = match_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, grid = await to_resources(pilot)
        right = screen.session.current.question.right_response()
        assert isinstance(right, tuple)
        typed = " ".join(f"{n}{letter_of(grid, partner)}" for n, partner in enumerate(right, 1))
        await pilot.press(*typed.replace(" ", ""), "enter")
        await pilot.pause()
        outcome = screen.session.outcomes[-1]
        assert outcome.correct
        assert outcome.verdict.given == (
            "Turkmenistan → gas; Kazakhstan → uranium; Tajikistan → rare earth elements"
        )


async def test_the_mouse_clicks_an_item_then_its_partner() -> None:
    app = match_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, grid = await to_resources(pilot)
        items = grid.query_one("#match-items", OptionList)
        partners = grid.query_one("#match-partners", OptionList)
        for item, partner in enumerate(("gas", "uranium", "oil")):
            await pilot.click(items, offset=(4, 1 + item))
            assert grid.picked == item
            await pilot.click(partners, offset=(4, 1 + grid.partners.index(partner)))
        assert [grid.partners[p] for p in grid.matched if p is not None] == [
            "gas",
            "uranium",
            "oil",
        ]
        assert app.focused is grid  # the keys still work after clicks
        keybar = screen.query_one(KeyBar)
        submit = next(x for x in range(keybar.size.width) if keybar.key_at(x) == ("enter", True))
        await pilot.click(KeyBar, offset=(submit, 0))
        await pilot.pause()
        assert screen.session.answered and not screen.session.outcomes[-1].correct


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_wrong_match_feedback_gives_every_pair_and_its_right_partner(
    size: tuple[int, int],
) -> None:
    app = match_app()
    async with app.run_test(size=size) as pilot:
        screen, grid = await to_resources(pilot)
        given = ("gas", "rare earth elements", "uranium")
        keys = [key for n, p in enumerate(given, 1) for key in (str(n), letter_of(grid, p))]
        await pilot.press(*keys, "enter")
        await pilot.pause()
        assert feedback_of(pilot).startswith("✘ Wrong.")
        lines = feedback_table(pilot)
        assert screen.query_one(FeedbackPanel).region.right <= size[0]
        if size == (80, 24):
            assert lines == [
                "Your matches                                 Right partner",
                "✔ Turkmenistan → gas                           gas",
                "✘ Kazakhstan → rare earth elements (wrong)     uranium",
                "✘ Tajikistan → uranium (wrong)                 rare earth elements",
            ]
        else:  # wrapped within its columns, each row started level on both sides
            assert lines[1].startswith("✔ Turkmenistan → gas") and lines[1].endswith("gas")
            assert lines[2].startswith("✘ Kazakhstan → rare") and lines[2].endswith("uranium")
            assert "(wrong)" in " ".join(lines[2:])


async def test_every_partner_of_a_long_match_is_reachable_at_60_by_20() -> None:
    app = match_app()
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await advance_to(pilot, question_id="projects-and-people")
        grid = screen.query_one(MatchGrid)
        partners = grid.query_one("#match-partners", OptionList)
        assert partners.region.bottom <= 20 - 1  # above the footer
        await pilot.press("1", "d")
        assert grid.matched[0] == 3
        assert partners.scrollable_content_region.height > 0


async def test_without_colour_matches_are_said_in_letters_and_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = match_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.no_color
        _screen, grid = await to_resources(pilot)
        await pilot.press("1", "a")
        assert lines_of(grid, "items")[0] == "1. Turkmenistan → a"
        assert lines_of(grid, "items")[1] == "2. Kazakhstan → ?"
        assert lines_of(grid, "partners")[0].endswith("← 1")
