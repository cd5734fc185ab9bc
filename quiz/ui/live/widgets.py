"""Widgets of the host's screens: the students' names, the countdown, the bar chart of answers.

Each is made once per screen and redrawn in place as the game changes (reactive attributes).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Digits, Static

from quiz.engine.live_state import LivePlayer
from quiz.ui.live.marks import COLOURS, SHAPES, mark
from quiz.ui.live.text import clip, literal

NAME_CELLS = 18
"""The widest a name tile gets (longer names are cut with an ellipsis)."""


@dataclass(frozen=True)
class NameTile:
    """A student's name as the lobby shows it; `away` when their connection is lost."""

    name: str
    away: bool = False


class NameTiles(Widget):
    """Students' names in as many columns as fit, one line each; a class of 300 is one widget."""

    DEFAULT_CSS = """
    NameTiles {
        height: auto;
    }
    """

    tiles: reactive[tuple[NameTile, ...]] = reactive((), layout=True)

    def _columns(self, width: int) -> tuple[int, int]:
        """How many columns fit in `width` cells, and how wide each is."""
        longest = max((Content(tile.name).cell_length for tile in self.tiles), default=1)
        cell = min(NAME_CELLS, longest + 7) + 2  # room for " (away)" and a gap
        count = max(1, width // cell)
        return count, max(1, width // count)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        columns, _ = self._columns(width)
        return max(1, math.ceil(len(self.tiles) / columns))

    def render(self) -> Content:
        """The names, row by row; a student away is marked in words, not only dimmed."""
        columns, cell = self._columns(self.size.width)
        lines: list[Content] = []
        for start in range(0, len(self.tiles), columns):
            pieces: list[Content] = []
            for tile in self.tiles[start : start + columns]:
                suffix = " (away)" if tile.away else ""
                name = clip(tile.name, cell - 2 - len(suffix))
                piece = Content(name + suffix)
                piece = piece.stylize("dim" if tile.away else "bold")
                pieces.append(piece.pad_right(cell - piece.cell_length))
            lines.append(Content("").join(pieces))
        return Content("\n").join(lines)


class Countdown(Vertical):
    """The seconds left, in large digits, and whether the clock is paused."""

    DEFAULT_CSS = """
    Countdown {
        width: auto;
        height: auto;
        align-horizontal: right;
        & > Digits { width: auto; }
        & > Static { width: auto; color: $text-muted; }
        &.-paused > Static { color: $text-warning; text-style: bold; }
        &.-low > Digits { color: $text-error; }
    }
    """

    seconds: reactive[int | None] = reactive(None)
    paused: reactive[bool] = reactive(False)

    def compose(self) -> ComposeResult:
        yield Digits("")
        yield Static("")

    def watch_seconds(self, seconds: int | None) -> None:
        self.query_one(Digits).update("" if seconds is None else str(seconds))
        self.set_class(seconds is not None and seconds <= 5, "-low")
        self._label()

    def watch_paused(self, paused: bool) -> None:
        self.set_class(paused, "-paused")
        self._label()

    def _label(self) -> None:
        if self.seconds is None:
            text = ""
        elif self.paused:
            text = "PAUSED"
        else:
            text = "second left" if self.seconds == 1 else "seconds left"
        self.query_one(Static).update(text)


@dataclass(frozen=True)
class Bar:
    """One bar of the chart: a choice (its index, for its mark) or a typed answer."""

    text: str
    count: int
    right: bool
    index: int | None = None


class TallyChart(Widget):
    """How many students gave each answer, as bars; the right answer marked `✔` in words too."""

    DEFAULT_CSS = """
    TallyChart {
        height: auto;
    }
    """

    bars: reactive[tuple[Bar, ...]] = reactive((), layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self.bars))

    def render(self) -> Content:
        """`A ▲ text ✔  ██████ 14`: a line per answer, bars in proportion to the largest."""
        if not self.bars:
            return Content("No answers.")
        width = self.size.width
        count_cells = max(len(str(row.count)) for row in self.bars)
        marked = any(row.index is not None for row in self.bars)
        label_cells = min(  # the text, its tick, a space
            max(Content(row.text).cell_length + (2 if row.right else 0) for row in self.bars) + 1,
            max(8, width // 2 - (4 if marked else 0)),
        )
        bar_cells = max(1, width - label_cells - count_cells - (4 if marked else 0) - 2)
        most = max(1, max(row.count for row in self.bars))
        lines: list[Content] = []
        for row in self.bars:
            pieces: list[Content] = []
            colour = COLOURS[row.index] if row.index is not None else "$accent"
            if row.index is not None:
                pieces.append(Content.styled(mark(row.index) + " ", f"bold {colour}"))
            elif marked:
                pieces.append(Content("    "))
            tick = " ✔" if row.right else ""
            text = clip(row.text, label_cells - len(tick) - 1)
            label = (
                literal(text)
                .append(Content(tick))
                .pad_right(label_cells - Content(text + tick).cell_length)
            )
            pieces.append(label.stylize("bold") if row.right else label)
            filled = round(bar_cells * row.count / most)
            if row.count and not filled:
                filled = 1
            pieces.append(Content.styled("█" * filled, colour))
            pieces.append(Content(" " * (bar_cells - filled + 1)))
            pieces.append(Content.styled(str(row.count).rjust(count_cells), "bold"))
            lines.append(Content("").join(pieces))
        return Content("\n").join(lines)


def shape_legend(count: int) -> str:
    """`▲ ◆ ● ■`: the shapes of the first `count` choices (for a hint line)."""
    return " ".join(SHAPES[:count])


def name_tiles(players: Sequence[LivePlayer]) -> tuple[NameTile, ...]:
    """The lobby's tiles for these players, in the order they joined."""
    return tuple(NameTile(player.name, not player.connected) for player in players)
