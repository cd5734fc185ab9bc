"""The panel shown after an answer: right or wrong, the right answer, why, and the evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual

from quiz.engine.scoring import Points
from quiz.engine.session import Asked, Outcome
from quiz.ui.widgets.breakdown import breakdown_lines
from quiz.ui.widgets.linelist import line_strip
from quiz.ui.widgets.passage import passage_content

if TYPE_CHECKING:
    from textual.selection import Selection


def points_text(points: Points) -> str:
    """`+240 points (200 + 40 streak)`, or `No points` for a wrong answer."""
    if points.total <= 0:
        return "No points"
    parts = [str(points.base)]
    if points.hint_penalty:
        parts.append(f"- {points.hint_penalty} hint")
    if points.streak_bonus:
        parts.append(f"+ {points.streak_bonus} streak")
    if points.time_bonus:
        parts.append(f"+ {points.time_bonus} time")
    detail = f" ({' '.join(parts)})" if len(parts) > 1 else ""
    return f"+{points.total} points{detail}"


def shows_breakdown(outcome: Outcome) -> bool:
    """Whether the feedback lays out the answer part by part: a wrong answer given in parts."""
    return outcome.verdict.breakdown is not None and not outcome.correct


def verdict_content(outcome: Outcome) -> Content:
    """The first lines: the verdict in words (never colour alone), points, both answers."""
    if outcome.correct:
        head = Content.assemble(
            ("✔ Right!", "bold $text-success"), "  ", points_text(outcome.points)
        )
    elif outcome.timed_out:
        head = Content.assemble(("⏱ Time is up.", "bold $text-error"), "  No points")
    else:
        head = Content.assemble(("✘ Wrong.", "bold $text-error"), "  No points")
    lines = [head]
    if not shows_breakdown(outcome):  # else the table beneath gives both answers, part by part
        lines.append(Content.assemble(("Your answer: ", "bold"), outcome.verdict.given))
        if not outcome.correct or outcome.verdict.note:
            lines.append(Content.assemble(("Right answer: ", "bold"), outcome.right_answer))
    if outcome.verdict.note:
        lines.append(Content(outcome.verdict.note))
    return Content("\n").join(lines)


def teaching_content(outcome: Outcome) -> Content:
    """Why the answer is right, what the player's choice was (if the bank says), and the source
    the evidence beneath comes from: paragraphs separated by blank lines."""
    lines = [Content.assemble(("Why: ", "bold"), outcome.asked.question.explanation)]
    if outcome.feedback:
        lines.append(Content.assemble(("About your choice: ", "bold"), " ".join(outcome.feedback)))
    lines.append(source_line(outcome))
    return Content("\n\n").join(lines)


def source_line(outcome: Outcome) -> Content:
    """`Source: title — publisher`, or `Evidence` when the bank names no source."""
    source = outcome.asked.bank.source
    if source is None:
        return Content.assemble(("Evidence", "bold"))
    parts: list[str | tuple[str, str]] = [("Source: ", "bold"), (source.title, "italic")]
    if source.publisher:
        parts.append(f" — {source.publisher}")
    return Content.assemble(*parts)


PASSAGE_BAR = Content.styled("▌", "$accent")
"""What marks the evidence's lines (the look of a thick left border in the accent colour)."""
PASSAGE_INDENT = 3
"""The cells the evidence gives up: the bar, a space after it, and a space at the end."""


def feedback_lines(
    outcome: Outcome, width: int, evidence: list[Content] | None = None
) -> list[Content]:
    """Everything the panel shows for an outcome, wrapped to `width` cells: the verdict, the
    breakdown table (a wrong answer given in parts), the teaching, then the evidence with a bar
    along its left (`evidence`: its lines, if already wrapped by `evidence_lines`). Blocks are
    separated by a blank line."""
    blocks = [verdict_content(outcome).wrap(width)]
    breakdown = outcome.verdict.breakdown if shows_breakdown(outcome) else None
    if breakdown is not None:
        blocks.append(breakdown_lines(breakdown, width))
    blocks.append(teaching_content(outcome).wrap(width))
    lines = [line for block in blocks for line in (*block, BLANK)][:-1]
    if evidence is None:
        evidence = evidence_lines(outcome.asked, width)
    return lines + evidence


def evidence_lines(asked: Asked, width: int) -> list[Content]:
    """The evidence for a question, wrapped to fit `width` cells with its bar along its left:
    the same whatever the answer, so it can be laid out before the player answers."""
    passage = passage_content(asked.passage())
    if not passage:
        return []
    bar = PASSAGE_BAR + " "
    return [bar + line for line in passage.wrap(max(1, width - PASSAGE_INDENT))]


BLANK = Content("")


class FeedbackPanel(ScrollView, can_focus=False):
    """Scrollable teaching after each answer, drawn as one widget.

    All its text is laid out as lines by `feedback_lines` and drawn a line at a time (Textual's
    line API): no child widgets to lay out and draw, since each widget shown draws its whole
    region in the key press that shows it (the panel and four children drew 28 lines, where
    this draws the panel's 18). It never takes the focus: the game screen binds the keys that
    scroll it and go on, so that showing it restyles nothing but itself.
    """

    DEFAULT_CSS = """
    FeedbackPanel {
        height: 1fr;
        padding: 0 1;
        overflow-x: hidden;
        border: round $primary;
        &.-right {
            border: round $success;
        }
        &.-wrong {
            border: round $error;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._outcome: Outcome | None = None
        self._wrapped: dict[int, list[Content]] = {}
        """The outcome's lines by the width they were wrapped to (the layout asks again)."""
        self._evidence: dict[tuple[Asked, int], list[Content]] = {}
        """The evidence's lines, by question and width, laid out by `prepare`."""
        self._lines: list[Content] = []
        """The outcome's lines, wrapped to the width they are drawn at."""
        self._width = 0
        """The width they are drawn at."""
        self._strips: dict[tuple[int, Style], Strip] = {}
        """The lines drawn, by line and style (made when first drawn)."""
        self._selected: list[Strip] | None = None
        """The lines drawn while some of the text is selected (with the selection shown)."""

    @property
    def lines(self) -> list[Content]:
        """The panel's lines, wrapped as it shows them."""
        return self._lines

    @property
    def text(self) -> str:
        """The panel's text, as it shows it (line by line, wrapped)."""
        return "\n".join(line.plain for line in self._lines)

    def prepare(self, asked: Asked) -> None:
        """Lay out a question's evidence before it is answered (while the player reads it), at
        the widths the panel will give it, so that the answer has less to do."""
        self._evidence = {}
        width = self.container_size.width
        if width <= 0:
            return
        for room in (width, width - self.styles.scrollbar_size_vertical):
            if room > 0:
                self._evidence[asked, room] = evidence_lines(asked, room)

    def show(self, outcome: Outcome) -> None:
        """Fill the panel for an outcome, in place, and scroll back to its top."""
        self.set_class(outcome.correct, "-right")
        self.set_class(not outcome.correct, "-wrong")
        self._outcome = outcome
        self._wrapped = {}
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._lay_out(self.container_size)
        self.refresh(layout=True)  # the scrollbar, for the new text's height

    def _lay_out(self, room: Size) -> None:
        """Wrap the outcome's lines to the room inside the panel (less a scrollbar's width when
        they do not fit its height), and make that the size to scroll over."""
        outcome = self._outcome
        self._width = max(0, room.width)
        if outcome is None or room.width <= 0:
            self._lines = []
        else:
            self._lines = self._wrap(outcome, room.width)
            scrollbar = self.styles.scrollbar_size_vertical
            if len(self._lines) > room.height and room.width > scrollbar:
                self._width = room.width - scrollbar
                self._lines = self._wrap(outcome, self._width)
        self._strips.clear()
        self._selected = None
        # Set without asking for another layout: called while Textual lays the screen out.
        self.set_reactive(FeedbackPanel.virtual_size, Size(self._width, len(self._lines)))

    def _wrap(self, outcome: Outcome, width: int) -> list[Content]:
        """The outcome's lines at `width` (wrapped once per width, the evidence by `prepare`)."""
        lines = self._wrapped.get(width)
        if lines is None:
            evidence = self._evidence.get((outcome.asked, width))
            lines = self._wrapped[width] = feedback_lines(outcome, width, evidence)
        return lines

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        """Lay the lines out again for a new size, as the layout sets it: before the frame that
        shows the panel at that size, not in a second one."""
        room = size - self.styles.gutter.totals
        if room != self.container_size or size != self.size:
            self._lay_out(room)
        return super()._size_updated(size, self.virtual_size, container_size, layout)

    def render_line(self, y: int) -> Strip:
        """The line `y` rows from the top of the panel's view (each drawn once, when first in
        view; marked with its place in the text, for selecting it with the mouse)."""
        row = y + self.scroll_offset.y
        width = self._width
        style = self.visual_style
        if row >= len(self._lines):
            return Strip.blank(width, style.rich_style)
        if self.text_selection is not None:  # drawn whole, the selection shown
            if self._selected is None:
                text = Content("\n").join(self._lines)
                self._selected = Visual.to_strips(self, text, width, None, style, pad=True)
            return self._selected[row]
        key = (row, style)
        strip = self._strips.get(key)
        if strip is None:
            strip = line_strip(self._lines[row], width, style, self._get_style)
            strip = strip.apply_offsets(0, row)
            self._strips[key] = strip
        return strip

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected part of the text (as shown: the lines as wrapped)."""
        return selection.extract(self.text), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self._selected = None
        self.refresh()
