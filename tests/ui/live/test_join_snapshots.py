"""SVG snapshots of the student's terminal at 60×20 (a small terminal), on a real game with a
fixed clock and names. After a deliberate change, look at the new SVGs (as PNG: rsvg-convert),
then update them with `uv run pytest tests/ui/live/test_join_snapshots.py --snapshot-update`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.ui.live.classroom import Classroom
from tests.ui.live.conftest import match_asked, order_asked

SIZE = (60, 20)
Steps = Callable[[Classroom, Pilot[None]], Awaitable[None]]


async def answering(pilot: Pilot[None], kind: str) -> None:
    """Wait until the question's answer input shows, filled: a key pressed before the host's
    message reached the app would be lost (the snapshot then showed nothing picked, now and
    then)."""
    from textual.widgets import ContentSwitcher

    from tests.ui.helpers import until

    def ready() -> bool:
        screen = pilot.app.screen
        if screen.query_one("#phase", ContentSwitcher).current != "asking":
            return False
        area = screen.query_one("#answer-area", ContentSwitcher)
        widget = area.query_one(f"#{kind}")
        filled = getattr(widget, "entries", None) or getattr(widget, "items", None)
        return area.current == kind and (kind == "typed" or bool(filled))

    await until(pilot, ready)


async def lobby(room: Classroom, pilot: Pilot[None]) -> None:
    room.join("Bob", "Chen")
    await pilot.pause()


async def choice(room: Classroom, pilot: Pilot[None]) -> None:
    await lobby(room, pilot)
    room.teacher("start")
    room.clock.now = 3.2
    await answering(pilot, "choice")
    await pilot.press("down")
    await pilot.pause()


async def locked(room: Classroom, pilot: Pilot[None]) -> None:
    await choice(room, pilot)
    await pilot.press("c", "enter")
    await pilot.pause()


async def wrong(room: Classroom, pilot: Pilot[None]) -> None:
    await choice(room, pilot)
    room.answer("Bob", 2)
    await pilot.press("d", "enter")
    room.teacher("close_question")
    await pilot.pause()


async def right(room: Classroom, pilot: Pilot[None]) -> None:
    await locked(room, pilot)
    room.teacher("close_question")
    await pilot.pause()


async def multi(room: Classroom, pilot: Pilot[None]) -> None:
    await lobby(room, pilot)
    room.skip_to(2)
    await answering(pilot, "multi")
    await pilot.press("b")
    await pilot.pause()


async def number(room: Classroom, pilot: Pilot[None]) -> None:
    await lobby(room, pilot)
    room.skip_to(4)
    room.teacher("pause")
    await answering(pilot, "typed")
    await pilot.press(*"44")
    await pilot.pause()


async def leaderboard(room: Classroom, pilot: Pilot[None]) -> None:
    await right(room, pilot)
    room.teacher("advance")
    await pilot.pause()


async def end(room: Classroom, pilot: Pilot[None]) -> None:
    await right(room, pilot)
    room.teacher("end")
    await pilot.pause()


async def reconnecting(room: Classroom, pilot: Pilot[None]) -> None:
    await choice(room, pilot)
    room.client().drop()
    await pilot.pause()


async def order(room: Classroom, pilot: Pilot[None]) -> None:
    await lobby(room, pilot)
    room.teacher("start")
    await answering(pilot, "order")
    await pilot.press("shift+down")
    await pilot.pause()


async def order_wrong(room: Classroom, pilot: Pilot[None]) -> None:
    await order(room, pilot)
    await pilot.press("enter")
    room.teacher("close_question")
    await pilot.pause()


async def match(room: Classroom, pilot: Pilot[None]) -> None:
    await lobby(room, pilot)
    room.teacher("start")
    await answering(pilot, "match")
    await pilot.press("1", "b", "2", "a")
    await pilot.pause()


async def match_wrong(room: Classroom, pilot: Pilot[None]) -> None:
    await match(room, pilot)
    await pilot.press(*"3c4d5e6f7g8h", "enter")
    room.teacher("close_question")
    await pilot.pause()


STATES = [lobby, choice, locked, wrong, right, multi, number, leaderboard, end, reconnecting]
ORDER_STATES = [order, order_wrong]
MATCH_STATES = [match, match_wrong]


@pytest.mark.parametrize("steps", [pytest.param(s, id=s.__name__) for s in STATES])
def test_student(snap_compare: Any, steps: Steps) -> None:
    room = Classroom()
    assert snap_compare(room.app(), terminal_size=SIZE, run_before=lambda p: steps(room, p))


@pytest.mark.parametrize("steps", [pytest.param(s, id=s.__name__) for s in ORDER_STATES])
def test_student_order(snap_compare: Any, steps: Steps) -> None:
    room = Classroom(order_asked())
    assert snap_compare(room.app(), terminal_size=SIZE, run_before=lambda p: steps(room, p))


@pytest.mark.parametrize("steps", [pytest.param(s, id=s.__name__) for s in MATCH_STATES])
def test_student_match(snap_compare: Any, steps: Steps) -> None:
    room = Classroom(match_asked())
    assert snap_compare(room.app(), terminal_size=SIZE, run_before=lambda p: steps(room, p))


def test_name(snap_compare: Any) -> None:
    async def typed(pilot: Pilot[None]) -> None:
        await pilot.press(*"Ann")

    assert snap_compare(Classroom().app(name=None), terminal_size=SIZE, run_before=typed)
