"""The panel shown after an answer: right or wrong, the right answer, why, and the evidence."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from quiz.engine.scoring import Points
from quiz.engine.session import Outcome
from quiz.ui.widgets.breakdown import BreakdownTable
from quiz.ui.widgets.passage import Passage


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


class FeedbackPanel(VerticalScroll, can_focus=False):
    """Scrollable teaching after each answer.

    It never takes the focus: the game screen binds the keys that scroll it and go on, so that
    showing it restyles nothing but itself (a focus change restyles the whole panel, a quarter
    of the time an answer takes to show). Its text is in as few widgets as its looks allow
    (each widget shown costs its own layout and drawing, in the key press that shows them).
    """

    DEFAULT_CSS = """
    FeedbackPanel {
        height: 1fr;
        padding: 0 1;
        border: round $primary;
        &.-right {
            border: round $success;
        }
        &.-wrong {
            border: round $error;
        }
        #verdict, BreakdownTable {
            margin-bottom: 1;
        }
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="verdict")
        yield BreakdownTable(id="breakdown")
        yield Static(id="teaching")
        yield Passage(id="passage")

    def show(self, outcome: Outcome) -> None:
        """Fill the panel for an outcome, in place, and scroll back to its top."""
        self.set_class(outcome.correct, "-right")
        self.set_class(not outcome.correct, "-wrong")
        self.query_one("#verdict", Static).update(verdict_content(outcome))
        breakdown = outcome.verdict.breakdown if shows_breakdown(outcome) else None
        self.query_one(BreakdownTable).show(breakdown)
        self.query_one("#teaching", Static).update(teaching_content(outcome))
        self.query_one(Passage).show(outcome.asked.passage())
        self.scroll_home(animate=False)
