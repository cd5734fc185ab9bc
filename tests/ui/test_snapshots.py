"""SVG snapshots of each screen at 80×24, seeded and on a fake clock so they never drift.

After a deliberate change of appearance, look at the new SVGs, then update them with
`uv run pytest tests/ui/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from quiz.ui.screens.game import GameScreen
from tests.ui.helpers import advance_to, answer_current, make_app

SIZE = (80, 24)


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
