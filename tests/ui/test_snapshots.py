"""SVG snapshots of each screen at 80×24 (and the question types' at 60×20 too), seeded and on a
fake clock so they never drift.

After a deliberate change of appearance, look at the new SVGs, then update them with
`uv run pytest tests/ui/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from quiz.engine.loader import load_bank
from quiz.ui.app import QuizApp
from quiz.ui.screens.game import GameScreen
from tests.ui.helpers import BANKS, advance_to, answer_current, keys_for, make_app, wrong_response

SIZE = (80, 24)
SMALL = (60, 20)


async def _to_question(pilot: Pilot[None], question_id: str) -> None:
    await advance_to(pilot, question_id=question_id)


def test_start_screen(snap_compare: Any) -> None:
    assert snap_compare(make_app(player=None), terminal_size=SIZE)


def test_choice_question(snap_compare: Any) -> None:
    async def before(pilot: Pilot[None]) -> None:
        await _to_question(pilot, "trade-china-2024")

    assert snap_compare(make_app(seed=1), terminal_size=SIZE, run_before=before)


def test_right_feedback(snap_compare: Any) -> None:
    async def before(pilot: Pilot[None]) -> None:
        await _to_question(pilot, "trade-china-2024")
        await answer_current(pilot, right=True)

    assert snap_compare(make_app(seed=1), terminal_size=SIZE, run_before=before)


def test_wrong_feedback_with_source_paragraph(snap_compare: Any) -> None:
    async def before(pilot: Pilot[None]) -> None:
        await _to_question(pilot, "trade-china-2024")
        screen = pilot.app.screen
        assert isinstance(screen, GameScreen)
        await pilot.press(str(screen.session.current.choices.index("$64 billion") + 1), "enter")
        await pilot.pause()

    assert snap_compare(make_app(seed=1), terminal_size=SIZE, run_before=before)


def test_results_screen(snap_compare: Any) -> None:
    async def before(pilot: Pilot[None]) -> None:
        for number in range(5):
            await answer_current(pilot, right=number != 3)
            await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(make_app(seed=1), terminal_size=SIZE, run_before=before)


def test_multi_question_small_terminal(snap_compare: Any) -> None:
    async def before(pilot: Pilot[None]) -> None:
        await _to_question(pilot, "summit-countries")
        await pilot.press("2")

    assert snap_compare(make_app(seed=1), terminal_size=(60, 20), run_before=before)


def _new_types_app() -> QuizApp:
    return make_app(bank=load_bank(BANKS / "new-types.yaml"), seed=3)


async def _wrong_order(pilot: Pilot[None]) -> None:
    """Answer the order question on screen with its first two items swapped."""
    screen = pilot.app.screen
    assert isinstance(screen, GameScreen)
    asked = screen.session.current
    right = list(asked.question.right_response())  # type: ignore[arg-type]
    given = [right[1], right[0], *right[2:]]
    await pilot.press(*(str(asked.choices.index(item) + 1) for item in given), "enter")
    await pilot.pause()


def test_order_question_with_an_item_picked_up(snap_compare: Any) -> None:
    async def before(pilot: Pilot[None]) -> None:
        await _to_question(pilot, "summit-leaders-listed")
        await pilot.press("down", "space", "down")

    assert snap_compare(_new_types_app(), terminal_size=SIZE, run_before=before)


def test_order_question_half_typed_small_terminal(snap_compare: Any) -> None:
    async def before(pilot: Pilot[None]) -> None:
        await _to_question(pilot, "summit-leaders-listed")
        await pilot.press("3", "1")

    assert snap_compare(_new_types_app(), terminal_size=SMALL, run_before=before)


def test_order_wrong_feedback(snap_compare: Any) -> None:
    async def before(pilot: Pilot[None]) -> None:
        await _to_question(pilot, "summit-leaders-listed")
        await _wrong_order(pilot)

    assert snap_compare(_new_types_app(), terminal_size=SIZE, run_before=before)


def test_order_wrong_feedback_small_terminal(snap_compare: Any) -> None:
    async def before(pilot: Pilot[None]) -> None:
        await _to_question(pilot, "trade-partners-ranked")
        await _wrong_order(pilot)

    assert snap_compare(_new_types_app(), terminal_size=SMALL, run_before=before)


async def _wrong_match(pilot: Pilot[None]) -> None:
    """Answer the match question on screen giving each item the next item's partner."""
    screen = pilot.app.screen
    assert isinstance(screen, GameScreen)
    asked = screen.session.current
    await pilot.press(*keys_for(asked, wrong_response(asked)))
    await pilot.pause()


def _match_app() -> QuizApp:
    return make_app(bank=load_bank(BANKS / "match.yaml"), seed=3)


def test_match_question_half_matched(snap_compare: Any) -> None:
    async def before(pilot: Pilot[None]) -> None:
        await _to_question(pilot, "resources-by-country")
        await pilot.press("2", "a")

    assert snap_compare(_match_app(), terminal_size=SIZE, run_before=before)


def test_match_question_long_partners_small_terminal(snap_compare: Any) -> None:
    async def before(pilot: Pilot[None]) -> None:
        await _to_question(pilot, "projects-and-people")
        await pilot.press("1", "c")

    assert snap_compare(_match_app(), terminal_size=SMALL, run_before=before)


def test_match_wrong_feedback(snap_compare: Any) -> None:
    async def before(pilot: Pilot[None]) -> None:
        await _to_question(pilot, "resources-by-country")
        await _wrong_match(pilot)

    assert snap_compare(_match_app(), terminal_size=SIZE, run_before=before)


def test_match_wrong_feedback_small_terminal(snap_compare: Any) -> None:
    async def before(pilot: Pilot[None]) -> None:
        await _to_question(pilot, "resources-by-country")
        await _wrong_match(pilot)

    assert snap_compare(_match_app(), terminal_size=SMALL, run_before=before)
