"""An answer given in parts, part by part: the player's beside the right one, in two columns.

Each row is marked `✔` or `✘` and says what is wrong in words (`belongs 3rd`), never by colour
alone. Long parts wrap within their column, and each row starts level on both sides.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.geometry import Size

    from quiz.engine.checking import AnswerRow, Breakdown

GAP = 3
"""Cells between the two columns."""


MARK = 2
"""Cells of the mark (`✔ `, `✘ `) that starts a row's cells; their wrapped lines are indented
as far, so that the mark stands out."""

Cell = tuple[Content, Content, Content]
"""A table cell: its mark (`MARK` cells wide, or empty for a heading), its text, and a remark
that is kept whole (on the text's last line when it fits there, else on a line of its own)."""

NOTHING = Content("")


def given_cell(row: AnswerRow) -> Cell:
    """`✔ 1. Mercury`, or `✘ 2. Earth (belongs 3rd)`."""
    if row.correct:
        return Content.styled("✔ ", "bold $text-success"), Content(row.given), NOTHING
    remark = Content(f"({row.remark})") if row.remark else NOTHING
    return Content.styled("✘ ", "bold $text-error"), Content(row.given), remark


def cell_lines(cell: Cell, width: int) -> list[Content]:
    """A cell wrapped to `width`, its later lines indented under its text."""
    mark, text, remark = cell
    indent = mark.cell_length
    room = max(1, width - indent)
    lines = text.wrap(room)
    if remark.cell_length:
        if lines and lines[-1].cell_length + 1 + remark.cell_length <= room:
            lines[-1] = Content.assemble(lines[-1], " ", remark)
        else:
            lines += remark.wrap(room)
    return [
        Content.assemble(mark if i == 0 else " " * indent, line) for i, line in enumerate(lines)
    ]


def _width(cell: Cell) -> int:
    """The cells a cell takes on one line."""
    mark, text, remark = cell
    return mark.cell_length + text.cell_length + (1 + remark.cell_length if remark else 0)


def breakdown_lines(breakdown: Breakdown, width: int) -> list[Content]:
    """An answer's breakdown as a table laid out in `width` cells: a heading row, then a row
    per part, each row level on both sides."""
    mine, right = breakdown.headings
    rows: list[tuple[Cell, Cell]] = [
        (
            (NOTHING, Content.styled(mine, "bold"), NOTHING),
            (NOTHING, Content.styled(right, "bold"), NOTHING),
        )
    ]
    rows += [
        (given_cell(row), (Content(" " * MARK), Content(row.right), NOTHING))
        for row in breakdown.rows
    ]
    widest_left = max(_width(left) for left, _ in rows)
    widest_right = max(_width(right) for _, right in rows)
    if widest_left + GAP + widest_right <= width:  # it fits: no row wraps
        left_width = widest_left
    elif width - GAP - widest_right >= (width - GAP) // 2:  # only the player's side wraps
        left_width = width - GAP - widest_right
    else:  # both wrap; the player's side, with its marks and remarks, gets more room
        left_width = max(1, (width - GAP) * 3 // 5)
    right_width = max(1, width - GAP - left_width)
    lines: list[Content] = []
    for left, right_cell in rows:
        left_lines = cell_lines(left, left_width)
        right_lines = cell_lines(right_cell, right_width)
        for index in range(max(len(left_lines), len(right_lines))):
            first = left_lines[index] if index < len(left_lines) else Content("")
            second = right_lines[index] if index < len(right_lines) else Content("")
            padding = " " * (left_width - first.cell_length + GAP)
            lines.append(Content.assemble(first, padding, second))
    return lines


class BreakdownTable(Widget):
    """Two columns: what the player gave, part by part, and what is right."""

    DEFAULT_CSS = """
    BreakdownTable {
        width: 100%;
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._breakdown: Breakdown | None = None

    def show(self, breakdown: Breakdown | None) -> None:
        """Show this breakdown (hidden for None)."""
        self._breakdown = breakdown
        self.display = breakdown is not None
        self.refresh(layout=True)

    def lines(self, width: int) -> list[Content]:
        """The table laid out in `width` cells."""
        return [] if self._breakdown is None else breakdown_lines(self._breakdown, width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.size.width))
