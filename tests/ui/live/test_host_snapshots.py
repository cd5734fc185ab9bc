"""SVG snapshots of every host screen at 80×24 (a laptop) and 120×40 (a projector): fixed code,
names, answers and clock, so they never drift.

After a deliberate change of appearance, look at the new SVGs (as PNG: rsvg-convert), then
update them with `uv run pytest tests/ui/live/test_host_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from tests.ui.live.conftest import NAMES, HostBench

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
