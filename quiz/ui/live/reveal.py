"""The reveal: the right answer, how the class answered (a bar chart), why, and the evidence —
the source paragraph with the excerpt highlighted, as in the solo game's feedback."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from quiz.engine.live_questions import right_indices
from quiz.engine.live_state import QuestionResult
from quiz.engine.question_types.match import MatchQuestion
from quiz.engine.session import Asked
from quiz.ui.live.marks import LETTERS, mark
from quiz.ui.live.phase import PhaseScreen, scroll_bindings
from quiz.ui.live.question import question_heading
from quiz.ui.live.text import literal, source_heading
from quiz.ui.live.widgets import Bar, TallyChart
from quiz.ui.widgets.keybar import KeyBar
from quiz.ui.widgets.passage import Passage


def has_marks(asked: Asked) -> bool:
    """Whether the chart's bars are the question's choices (marked A ▲, B ◆...), not the
    commonest answers (typed answers, orders)."""
    return asked.question.input in ("choice", "multi")


def chart_bars(result: QuestionResult) -> tuple[Bar, ...]:
    """The chart's bars: every choice in the order shown (with its mark), the commonest typed
    answers, or the commonest orders and matches written short with the marks the question
    screen showed (`C → A → B`; `1→B 2→A`)."""
    marked = has_marks(result.asked)
    return tuple(
        Bar(
            short_label(result.asked, row.picks) or row.label,
            row.count,
            row.correct,
            index if marked else None,
        )
        for index, row in enumerate(result.tally)
    )


def short_label(asked: Asked, picks: Sequence[int]) -> str | None:
    """An order or a match by the letters the question screen marked its items or partners
    with (`C → A → B`; `1→B 2→A 3→C`), short enough for eight of them; None for other
    answers."""
    if not picks:
        return None
    if asked.question.input == "order":
        return " → ".join(LETTERS[index] for index in picks)
    if asked.question.input == "match":
        return " ".join(f"{number}→{LETTERS[index]}" for number, index in enumerate(picks, 1))
    return None


def right_answer_line(result: QuestionResult) -> Content:
    """`✔ Right answer: C ● $95 billion` (every right choice, with its mark); an order or a
    match one line a step or an item, with the marks the question screen showed."""
    asked = result.asked
    question = asked.question
    right = [index for index, row in enumerate(result.tally) if row.correct]
    if has_marks(asked) and right:
        answer = Content("   ").join(
            Content.assemble((mark(index), "bold"), " ", literal(asked.choices[index]))
            for index in right
        )
    elif question.input == "order":
        steps = right_indices(asked)
        lines = [
            Content.assemble(
                f"  {place}. ", (mark(index), "bold"), " ", literal(asked.choices[index])
            )
            for place, index in enumerate(steps, 1)
        ]
        return Content("\n").join([Content.styled("✔ Right order:", "bold $text-success"), *lines])
    elif isinstance(question, MatchQuestion):
        partners = right_indices(asked)
        lines = [
            Content.assemble(
                f"  {number}. ",
                literal(item),
                " → ",
                (mark(index), "bold"),
                " ",
                literal(asked.choices[index]),
            )
            for number, (item, index) in enumerate(zip(question.lefts, partners, strict=False), 1)
        ]
        return Content("\n").join(
            [Content.styled("✔ Right matches:", "bold $text-success"), *lines]
        )
    else:
        answer = literal(question.answer_text())
    return Content.assemble(("✔ Right answer: ", "bold $text-success"), answer.stylize("bold"))


def class_line(result: QuestionResult) -> Content:
    """`14 of 23 right · 21 answered`: students who did not answer in time count as wrong."""
    return Content.assemble(
        (f"{result.right} of {result.took_part} right", "bold"),
        f" · {result.answered} answered",
        " · the commonest answers:" if not has_marks(result.asked) and result.tally else "",
    )


def source_line(asked: Asked) -> Content:
    """`Source: title — publisher`, or `Evidence` when the bank names no source."""
    source = asked.bank.source
    return (
        source_heading(None) if source is None else source_heading(source.title, source.publisher)
    )


class RevealScreen(PhaseScreen):
    """The answer and the evidence, for the class to discuss; `Enter` shows the leaderboard
    (after the last question, the final results)."""

    PHASE = "reveal"

    DEFAULT_CSS = """
    RevealScreen {
        #reveal-top { height: auto; padding: 0 1; background: $panel; }
        #reveal-body { padding: 0 1; }
        #reveal-prompt { padding-top: 1; text-style: bold; }
        #reveal-answer { padding: 1 0; }
        #reveal-class { color: $text-muted; }
        TallyChart { margin-bottom: 1; }
        #reveal-why { margin-bottom: 1; }
        Passage { margin-bottom: 1; }
    }
    """

    BINDINGS = [
        Binding("enter", "advance('leaderboard')", "Leaderboard"),
        Binding("enter", "advance('end')", "Final results"),
        *scroll_bindings(),
        Binding("q", "app.end_game", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        result = self.game.results[-1]
        asked = result.asked
        question = asked.question
        yield Static(question_heading(result.number, self.game.total, asked), id="reveal-top")
        with VerticalScroll(id="reveal-body", can_focus=False):
            yield Static(literal(question.prompt), id="reveal-prompt")
            yield Static(right_answer_line(result), id="reveal-answer")
            yield Static(class_line(result), id="reveal-class")
            chart = TallyChart()
            chart.bars = chart_bars(result)
            yield chart
            yield Static(
                Content.assemble(("Why: ", "bold"), literal(question.explanation)),
                id="reveal-why",
            )
            yield Static(source_line(asked), id="reveal-source")
            passage = Passage()
            passage.show(asked.passage())
            yield passage
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`Enter` says what comes next: the leaderboard, or the final results."""
        if action == "advance":
            last = self.number >= self.game.total
            return parameters == (("end",) if last else ("leaderboard",))
        return True

    def action_advance(self, _next: str) -> None:
        """On to the leaderboard (or the final results)."""
        self.host.advance()

    def action_scroll(self, action: str) -> None:
        """Scroll the reveal (`action`: one of its scrolling actions)."""
        getattr(self.query_one("#reveal-body", VerticalScroll), f"action_{action}")()
