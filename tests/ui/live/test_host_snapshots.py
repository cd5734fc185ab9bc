"""SVG snapshots of every host screen at 80×24 (a laptop) and 120×40 (a projector): fixed code,
names, answers and clock, so they never drift.

After a deliberate change of appearance, look at the new SVGs (as PNG: rsvg-convert), then
update them with `uv run pytest tests/ui/live/test_host_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from quiz.engine.question_types.match import MatchQuestion
from tests.ui.live.conftest import NAMES, HostBench, match_asked, order_asked

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
PICKS = ["$95 billion", "$95 billion", "$64 billion", "$95 billion", "$44 billion"]


async def lobby(bench: HostBench, pilot: Pilot[None]) -> None:
    bench.join(*NAMES)
    bench.leave("Chen")
    await pilot.pause()


async def question(bench: HostBench, pilot: Pilot[None]) -> None:
    await lobby(bench, pilot)
    await pilot.press("enter")
    bench.clock.now = 7.2
    for name, choice in zip(NAMES, PICKS, strict=False):
        bench.pick(name, choice)
    await pilot.pause()


async def reveal(bench: HostBench, pilot: Pilot[None]) -> None:
    await question(bench, pilot)
    await pilot.press("e")
    await pilot.pause()


async def leaderboard(bench: HostBench, pilot: Pilot[None]) -> None:
    await reveal(bench, pilot)
    await pilot.press("enter", "enter")  # the leaderboard, then question 2
    bench.clock.now = 10.0
    bench.pick("Hiro", "Kazakhstan", "Kyrgyzstan")
    bench.pick("Bob", "Kazakhstan")
    await pilot.press("e", "enter")
    await pilot.pause()


async def end(bench: HostBench, pilot: Pilot[None]) -> None:
    await leaderboard(bench, pilot)
    await pilot.press("q", "y")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_lobby(snap_compare: Any, bench: HostBench, size: tuple[int, int]) -> None:
    assert snap_compare(bench.app, terminal_size=size, run_before=lambda p: lobby(bench, p))


@pytest.mark.parametrize("size", SIZES)
def test_question(snap_compare: Any, bench: HostBench, size: tuple[int, int]) -> None:
    assert snap_compare(bench.app, terminal_size=size, run_before=lambda p: question(bench, p))


@pytest.mark.parametrize("size", SIZES)
def test_reveal(snap_compare: Any, bench: HostBench, size: tuple[int, int]) -> None:
    assert snap_compare(bench.app, terminal_size=size, run_before=lambda p: reveal(bench, p))


@pytest.mark.parametrize("size", SIZES)
def test_leaderboard(snap_compare: Any, bench: HostBench, size: tuple[int, int]) -> None:
    assert snap_compare(bench.app, terminal_size=size, run_before=lambda p: leaderboard(bench, p))


@pytest.mark.parametrize("size", SIZES)
def test_end(snap_compare: Any, bench: HostBench, size: tuple[int, int]) -> None:
    assert snap_compare(bench.app, terminal_size=size, run_before=lambda p: end(bench, p))


def partners(bench: HostBench, *shift: int) -> list[int]:
    """A match's response: each item's right partner's index, or the partner `shift` items on."""
    asked = bench.game.current
    assert asked is not None and isinstance(asked.question, MatchQuestion)
    right = [asked.choices.index(partner) for partner in asked.question.partners]
    step = shift[0] if shift else 0
    return right[step:] + right[:step]


def steps(bench: HostBench, reverse: bool = False) -> list[int]:
    """An order's response: every item's index in the right order (or reversed)."""
    asked = bench.game.current
    assert asked is not None
    right = [asked.choices.index(item) for item in asked.question.right_response()]  # type: ignore[union-attr]
    return list(reversed(right)) if reverse else right


async def order_reveal(bench: HostBench, pilot: Pilot[None]) -> None:
    bench.join(*NAMES[:4])
    await pilot.press("enter")
    bench.clock.now = 6.0
    bench.answer("Ann", steps(bench))
    bench.answer("Bob", steps(bench, reverse=True))
    bench.answer("Chen", steps(bench, reverse=True))
    await pilot.press("e")
    await pilot.pause()


async def match_question(bench: HostBench, pilot: Pilot[None]) -> None:
    bench.join(*NAMES[:4])
    await pilot.press("enter")
    bench.clock.now = 6.0
    bench.answer("Ann", partners(bench))
    await pilot.pause()


async def match_reveal(bench: HostBench, pilot: Pilot[None]) -> None:
    await match_question(bench, pilot)
    bench.answer("Bob", partners(bench, 1))
    bench.answer("Chen", partners(bench, 1))
    await pilot.press("e")
    await pilot.pause()


def test_order_reveal_projected(snap_compare: Any) -> None:
    bench = HostBench(order_asked())
    assert snap_compare(
        bench.app, terminal_size=(120, 40), run_before=lambda p: order_reveal(bench, p)
    )


def test_match_question_projected(snap_compare: Any) -> None:
    bench = HostBench(match_asked())
    assert snap_compare(
        bench.app, terminal_size=(120, 40), run_before=lambda p: match_question(bench, p)
    )


def test_match_reveal_projected(snap_compare: Any) -> None:
    bench = HostBench(match_asked())
    assert snap_compare(
        bench.app, terminal_size=(120, 40), run_before=lambda p: match_reveal(bench, p)
    )
