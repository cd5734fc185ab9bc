"""The question on the projector: the prompt, the choices as coloured tiles with a letter and a
shape, the countdown and how many have answered. The game moves on to the reveal by itself."""

from __future__ import annotations

import math
from typing import assert_never

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from quiz.engine.model import NumberQuestion
from quiz.engine.question_types.match import MatchQuestion
from quiz.engine.session import Asked
from quiz.ui.live.marks import choice_css, choice_label
from quiz.ui.live.phase import PhaseScreen
from quiz.ui.live.text import literal
from quiz.ui.widgets.keybar import KeyBar

ADD_SECONDS = 10
"""What `+` adds to the countdown."""

REFRESH_SECONDS = 0.25
"""How often the countdown is redrawn."""


def question_heading(number: int, total: int, asked: Asked) -> Content:
    """`Question 3 of 10 · Trade figures · easy`."""
    question = asked.question
    return Content.assemble(
        (f"Question {number} of {total}", "bold"),
        " · ",
        literal(question.topic),
        " · ",
        (question.difficulty, "italic"),
    )


def how_students_answer(asked: Asked) -> Content | None:
    """A line for questions whose choices do not say it all (by the input they are answered
    with), or None."""
    question = asked.question
    kind = question.input
    if kind == "choice":
        return None
    if kind == "multi":
        return Content("More than one answer may be right: students pick every right one.")
    if kind == "typed":
        if isinstance(question, NumberQuestion):
            unit = Content.assemble(", in ", literal(question.unit)) if question.unit else ""
            return Content.assemble("Students type a number", unit, " on their screens.")
        return Content("Students type their answer on their screens.")
    if kind == "order":
        return Content("Students put these in order on their screens, first at the top.")
    if kind == "match":
        assert isinstance(question, MatchQuestion)
        items = Content("   ").join(
            Content.assemble((f"{number}.", "bold"), " ", literal(item))
            for number, item in enumerate(question.lefts, 1)
        )
        return Content.assemble(
            "Students match each item to its partner below, on their screens:\n", items
        )
    assert_never(kind)


def answered_line(answered: int, players: int) -> Content:
    """`17 of 28 answered`."""
    return Content.assemble((f"{answered} of {players}", "bold"), " answered")


class QuestionScreen(PhaseScreen):
    """One question, as the class sees it; the teacher can pause, add time or end it early."""

    PHASE = "question"

    DEFAULT_CSS = """
    QuestionScreen {
        #question-top { height: auto; padding: 0 1; background: $panel; }
        #question-info { width: 1fr; height: auto; padding-top: 1; }
        #question-text { height: auto; max-height: 50%; padding: 0 1; }
        #question-prompt { text-style: bold; padding-top: 1; }
        #question-how { color: $text-muted; padding-top: 1; }
        #choice-tiles {
            grid-size: 2;
            grid-gutter: 1 2;
            height: 1fr;
            max-height: 24;
            margin: 1 1;
        }
        .choice-tile {
            height: 100%;
            min-height: 1;
            padding: 0 2;
            content-align: left middle;
            text-style: bold;
        }
    }
    """ + choice_css("QuestionScreen .choice-tile")

    BINDINGS = [
        Binding("p", "pause", "Pause"),
        Binding("p", "resume", "Resume"),
        Binding("plus", "add_time", f"+{ADD_SECONDS}s", key_display="+"),
        Binding("e", "close", "End question"),
        Binding("q", "app.end_game", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        from quiz.ui.live.widgets import Countdown

        asked = self.game.current
        assert asked is not None, "a question screen needs a question"
        with Horizontal(id="question-top"):
            with Vertical(id="question-info"):
                yield Static(question_heading(self.number, self.game.total, asked))
                yield Static(id="answered")
            yield Countdown()
        with VerticalScroll(id="question-text", can_focus=False):
            yield Static(literal(asked.question.prompt), id="question-prompt")
            how = how_students_answer(asked)
            if how is not None:
                yield Static(how, id="question-how")
        if asked.choices:
            with Grid(id="choice-tiles"):
                for index, choice in enumerate(asked.choices):
                    yield Static(
                        choice_label(index, choice), classes=f"choice-tile -choice-{index}"
                    )
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.set_interval(REFRESH_SECONDS, self.sync)

    def sync(self) -> None:
        from quiz.ui.live.widgets import Countdown

        game = self.game
        if not self.shows(game):
            return  # the app is about to show the next phase
        self.query_one("#answered", Static).update(
            answered_line(game.answered_count, game.expected_count)
        )
        countdown = self.query_one(Countdown)
        left = game.seconds_left(self.host.now())
        countdown.seconds = None if left is None else max(0, math.ceil(left))
        if countdown.paused != game.paused:
            countdown.paused = game.paused
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Pause or resume, whichever applies now."""
        if action == "pause":
            return not self.game.paused
        if action == "resume":
            return self.game.paused
        return True

    def action_pause(self) -> None:
        """Stop the clock (to explain, or wait for a late answer)."""
        self.host.pause()

    def action_resume(self) -> None:
        """Start the clock again."""
        self.host.resume()

    def action_add_time(self) -> None:
        """Give the class more time."""
        self.host.add_time(ADD_SECONDS)

    def action_close(self) -> None:
        """End the question now and show the answer."""
        self.host.close_question()
