"""What a student sees of a live game in their terminal, in one screen updated in place: the
lobby, the question and its answer input, "answer locked", their result after the reveal (with
the explanation and the passage, as in the solo game), their rank between questions, the end.

The app feeds it the host's messages (attributes down: `show_question(...)` and so on); the
student's answer goes up as an `Answered` message, which the app sends to the host.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Input, Static

from quiz.ui.live.answers import (
    INPUT_KINDS,
    host_response,
    how_to_answer,
    input_kind,
    make_input,
    ready_input,
)
from quiz.ui.live.messages import End, Leaderboard, Question, Result, Reveal, Timer, place
from quiz.ui.live.phase import SCROLL_KEYS
from quiz.ui.live.student_text import (
    place_content,
    right_answer,
    shows_breakdown,
    standings_content,
    verdict_content,
)
from quiz.ui.live.text import clip, literal, source_heading
from quiz.ui.widgets.answer import AnswerInput
from quiz.ui.widgets.breakdown import BreakdownTable
from quiz.ui.widgets.containers import BlankScroll, BlankSwitcher
from quiz.ui.widgets.keybar import KeyBar
from quiz.ui.widgets.passage import Passage

TICK_SECONDS = 0.25


class LeaveGame(Message):
    """The student chose to leave the game."""


class Answered(Message):
    """The student answered question `number`: `response` as the host takes it, `given` as
    the student sees it."""

    def __init__(self, number: int, response: object, given: str) -> None:
        self.number = number
        self.response = response
        self.given = given
        super().__init__()


class StudentScreen(Screen[None]):
    """The student's view of the game, whatever its phase."""

    AUTO_FOCUS = ""

    DEFAULT_CSS = """
    StudentScreen {
        #connection { display: none; background: $warning; color: $background; padding: 0 1; }
        #connection.-lost { display: block; }
        #status { background: $panel; padding: 0 1; }
        #phase { height: 1fr; }
        #waiting-text { padding: 1 2; width: 100%; }
        #asking-text { height: auto; max-height: 50%; padding: 0 1; }
        #prompt { text-style: bold; padding-top: 1; }
        #how { color: $text-muted; padding-bottom: 1; }
        #answer-area { height: 1fr; margin: 0 1; }
        #answer-area > * { height: auto; max-height: 100%; }
        #locked { padding: 1 2; text-style: bold; display: none; }
        #answer-note { padding: 0 1; color: $text-warning; display: none; }
        #result, #standings, #final { padding: 0 1; }
        #result Static, #standings Static, #final Static, BreakdownTable { margin-bottom: 1; }
        #verdict, #standing-you, #final-you { padding-top: 1; }
        #result #source-line { margin-bottom: 0; }
    }
    """

    BINDINGS = [
        Binding("q", "leave", "Leave"),
        Binding("ctrl+c", "leave", show=False),  # a habit: asks first, as `q` does
        Binding("escape", "leave('typing')", "Leave", key_display="esc"),
        *[
            Binding(key, f"scroll('{action}')", "Scroll", key_display="↑↓", show=key == "up")
            for key, action in SCROLL_KEYS.items()
        ],
    ]

    status: reactive[str] = reactive("connecting")
    """The connection: `connecting`, `connected`, `reconnecting` or `closed`."""

    def __init__(self, name: str, clock: Callable[[], float]) -> None:
        super().__init__()
        self.student = name
        self.clock = clock
        self.question: Question | None = None
        self.phase = "waiting"
        self.deadline: float | None = None
        self.left_when_paused: float | None = None
        self.sent: tuple[int, str] | None = None
        """The question number and the answer the student sent, until the host locks it."""
        self.locked = False
        self.reveal: Reveal | None = None
        self.game_title = ""
        self.score = 0
        self.rank = 0
        self.players = 0

    def compose(self) -> ComposeResult:
        yield Static(id="connection")
        yield Static(id="status")
        with ContentSwitcher(id="phase", initial="waiting"):
            with VerticalScroll(id="waiting", can_focus=False):
                yield Static("Connecting to the game…", id="waiting-text")
            with Vertical(id="asking"):
                with BlankScroll(id="asking-text", can_focus=False):
                    yield Static(id="prompt")
                    yield Static(id="how")
                with BlankSwitcher(id="answer-area"):
                    for kind in INPUT_KINDS:
                        yield make_input(kind)
                yield Static(id="answer-note")
                yield Static(id="locked")
            with VerticalScroll(id="result", can_focus=False):
                yield Static(id="verdict")
                yield BreakdownTable(id="breakdown")
                yield Static(id="place")
                yield Static(id="why")
                yield Static(id="choice-feedback")
                yield Static(Content.styled("Evidence", "bold"), id="source-line")
                yield Passage(id="passage")
            with VerticalScroll(id="standings", can_focus=False):
                yield Static(id="standing-you")
                yield Static(id="standing-top")
            with VerticalScroll(id="final", can_focus=False):
                yield Static(id="final-you")
                yield Static(id="final-podium")
        yield KeyBar()

    def on_mount(self) -> None:
        self.set_interval(TICK_SECONDS, self._draw_status)
        self._draw_status()

    def on_resize(self, _event: events.Resize) -> None:
        """The status line fits the new width."""
        self._draw_status()

    # What the app shows (attributes down).

    def watch_status(self, status: str) -> None:
        banner = self.query_one("#connection", Static)
        lost = status == "reconnecting"
        banner.set_class(lost, "-lost")
        if lost:
            banner.update("Connection lost: reconnecting… (your answers and score are kept)")
        self._draw_status()

    def show_welcome(self, name: str, title: str, score: int, rank: int, players: int = 0) -> None:
        """The host took the student in (again): their name as it keeps it, the game's title,
        score and rank (among `players`, when the host says)."""
        self.student = name
        self.game_title = title
        self.score, self.rank = score, rank
        self.players = players or self.players
        if self.phase == "waiting":
            self._wait(Content.assemble(("You're in, ", "bold"), literal(name, "bold"), "!"))

    def show_lobby(self, players: int) -> None:
        """In the lobby: how many have joined."""
        self.players = players
        others = f"{players} player{'' if players == 1 else 's'} in the game so far."
        self._wait(
            Content.assemble(
                ("You're in, ", "bold"),
                literal(self.student, "bold"),
                ("!", "bold"),
                "\n\n",
                literal(self.game_title, "italic"),
                "\n" if self.game_title else "",
                "Waiting for the teacher to start the game.\n",
                others,
            )
        )

    def show_wait(self, number: int) -> None:
        """A late joiner: they take part from the next question."""
        self._wait(
            Content(f"Question {number} is under way: you take part from the next question.")
        )

    def _wait(self, text: Content) -> None:
        self.phase = "waiting"
        self.query_one("#waiting-text", Static).update(text)
        self._switch("waiting")

    def show_question(self, question: Question) -> None:
        """A new question (or the open one, after a reconnection): its answer input, ready."""
        same = self.question is not None and self.question.number == question.number
        self.question = question
        self.phase = "asking"
        self._set_timer(question.seconds_left, question.paused)
        if same:  # after a reconnection: the student's picks stay as they were
            self._switch("asking")
            return
        self.locked = False
        self.sent = None
        self.reveal = None
        self.query_one("#prompt", Static).update(literal(question.prompt))
        self.query_one("#how", Static).update(how_to_answer(question))
        self.query_one("#locked", Static).display = False
        self.query_one("#answer-note", Static).display = False
        kind = input_kind(question)
        area = self.query_one("#answer-area", ContentSwitcher)
        area.display = kind is not None  # else: the line above says to update quiz
        self._switch("asking")
        if kind is not None:
            area.current = kind
            widget = area.query_one(f"#{kind}")
            ready_input(widget, question)
            widget.focus()
        self.query_one("#asking-text", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()

    def show_timer(self, timer: Timer) -> None:
        """The teacher paused, resumed or added time."""
        if self.question is not None and timer.number == self.question.number:
            self._set_timer(timer.seconds_left, timer.paused)

    def show_locked(self, number: int) -> None:
        """The host has the student's answer: no changing it now."""
        if self.question is None or number != self.question.number:
            return
        self.locked = True
        given = self.sent[1] if self.sent is not None and self.sent[0] == number else ""
        text = Content.assemble(("✔ Answer locked", "bold $text-success"))
        if given:
            text = Content.assemble(text, ": ", literal(given))
        text = Content.assemble(text, "\n", ("Waiting for the others…", "not bold"))
        self._show_locked_text(text)

    def show_refused_answer(self, message: str) -> None:
        """The host did not take the answer (the question had closed, say)."""
        self.sent = None
        if self.phase == "asking" and not self.locked:
            self._show_locked_text(literal(message))

    def _show_locked_text(self, text: Content) -> None:
        self.query_one("#answer-area", ContentSwitcher).display = False
        locked = self.query_one("#locked", Static)
        locked.update(text)
        locked.display = True
        self.set_focus(None)
        self.refresh_bindings()

    def show_reveal(self, reveal: Reveal) -> None:
        """The answer is out; the student's own result follows (`show_result`)."""
        self.reveal = reveal
        self.deadline = self.left_when_paused = None
        self.query_one("#why", Static).update(
            Content.assemble(("Why: ", "bold"), literal(reveal.explanation))
        )
        self.query_one(Passage).show(reveal.passage)
        self.query_one("#source-line", Static).update(
            source_heading(reveal.source_title, reveal.source_publisher)
        )
        # Until the result comes, the answer alone.
        self.query_one("#verdict", Static).update(
            Content.assemble(("Right answer: ", "bold"), right_answer(reveal, self.question))
        )
        self.query_one("#place", Static).display = False
        self.query_one("#choice-feedback", Static).display = False
        self.query_one(BreakdownTable).show(None)
        self._show_result_panel()

    def show_result(self, result: Result) -> None:
        """The student's verdict, points and place."""
        self.score, self.rank, self.players = result.score, result.rank, result.players
        verdict = verdict_content(result, self.reveal, self.question)
        self.query_one("#verdict", Static).update(verdict)
        self.query_one(BreakdownTable).show(result.breakdown if shows_breakdown(result) else None)
        where = self.query_one("#place", Static)
        where.update(place_content(result.rank, result.players, result.score, result.moved))
        where.display = True
        feedback = self.query_one("#choice-feedback", Static)
        feedback.display = bool(result.feedback)
        if result.feedback:
            notes = literal(" ".join(result.feedback))
            feedback.update(Content.assemble(("About your choice: ", "bold"), notes))
        self.set_class(result.correct, "-right")
        self._show_result_panel()

    def _show_result_panel(self) -> None:
        self.phase = "result"
        self._switch("result")
        self.query_one("#result", VerticalScroll).scroll_home(animate=False)
        self.set_focus(None)
        self.refresh_bindings()

    def show_leaderboard(self, board: Leaderboard) -> None:
        """Between questions: the student's rank, and the top five."""
        self.players = board.players
        mine = next((s for s in board.top if s.name.casefold() == self.student.casefold()), None)
        if mine is not None:
            self.rank, self.score = mine.rank, mine.score
        you = place_content(self.rank, board.players, self.score)
        self.query_one("#standing-you", Static).update(you)
        top = Content.assemble(
            ("Leaderboard\n", "bold underline"), standings_content(board.top, self.student)
        )
        self.query_one("#standing-top", Static).update(top)
        self.phase = "standings"
        self._switch("standings")
        self.refresh_bindings()

    def show_end(self, end: End) -> None:
        """The game is over: the student's final place, and the podium."""
        self.rank, self.score, self.players = end.rank, end.score, end.players
        right = f"{end.right} of {end.asked} right" if end.asked else "no questions answered"
        you = Content.assemble(
            ("The game is over.\n\n", "bold"),
            place_content(end.rank, end.players, end.score),
            f"\n{right}",
        )
        self.query_one("#final-you", Static).update(you)
        podium = Content.assemble(
            ("Podium\n", "bold underline"), standings_content(end.podium, self.student)
        )
        self.query_one("#final-podium", Static).update(podium)
        self.phase = "final"
        self.deadline = self.left_when_paused = None
        self._switch("final")
        self.set_focus(None)
        self.refresh_bindings()

    def show_goodbye(self, text: str) -> None:
        """The connection ended for good (removed, replaced, refused): say why."""
        self.deadline = self.left_when_paused = None
        self._wait(literal(text, "bold"))
        self.set_focus(None)
        self.refresh_bindings()

    # The student's answer (messages up).

    def on_answer_input_answered(self, event: AnswerInput.Answered) -> None:
        """The student answered with the question's input widget: send it as the host takes
        it (once)."""
        event.stop()
        question = self.question
        if question is None or self.locked or self.sent is not None or self.phase != "asking":
            return
        converted = host_response(question, event.response)
        if converted is not None:
            self._send(question, *converted)

    def _send(self, question: Question, response: object, given: str) -> None:
        self.sent = (question.number, given)
        self.query_one("#answer-note", Static).display = False
        self.post_message(Answered(question.number, response, given))

    def answer_not_sent(self) -> None:
        """The answer could not be sent (no connection just now): the student may try again."""
        self.sent = None
        note = self.query_one("#answer-note", Static)
        note.update("Not connected just now: your answer was not sent. Try again in a moment.")
        note.display = True

    # Time and the status line.

    def _set_timer(self, left: float | None, paused: bool) -> None:
        if left is None:
            self.deadline = self.left_when_paused = None
        elif paused:
            self.deadline, self.left_when_paused = None, left
        else:
            self.deadline, self.left_when_paused = self.clock() + left, None
        self._draw_status()

    def _seconds_left(self) -> int | None:
        if self.left_when_paused is not None:
            return math.ceil(self.left_when_paused)
        if self.deadline is not None:
            return max(0, math.ceil(self.deadline - self.clock()))
        return None

    def _draw_status(self) -> None:
        """One line, whatever the terminal's width: written short when the whole would wrap
        (`Q5/10 · 19s · 1,165 pts · 1st/5`), the name cut last."""
        width = max(20, self.size.width - 2) if self.size.width else 78
        status = self._status_line(short=False, name_cells=None)
        if status.cell_length > width:
            status = self._status_line(short=True, name_cells=None)
        if status.cell_length > width:
            rest = self._status_line(short=True, name_cells=1).cell_length - 1
            status = self._status_line(short=True, name_cells=max(6, width - rest))
        self.query_one("#status", Static).update(status)

    def _status_line(self, short: bool, name_cells: int | None) -> Content:
        name = self.student if name_cells is None else clip(self.student, name_cells)
        parts: list[Content | str | tuple[str, str]] = [literal(name, "bold")]
        question = self.question
        if question is not None and self.phase != "final":
            number = (
                f"Q{question.number}/{question.total}"
                if short
                else f"Question {question.number} of {question.total}"
            )
            parts += [" · ", (number, "bold")]
        if self.phase == "asking":
            left = self._seconds_left()
            if self.left_when_paused is not None:
                parts += [" · ", ("paused", "bold reverse $text-warning")]
            elif left is not None:
                parts += [" · ", (f"{left}s" if short else f"{left}s left", "bold")]
        parts += [" · ", f"{self.score:,} pts" if short else f"{self.score:,} points"]
        if self.rank:
            of = "/" if short else " of "
            parts += [
                " · ",
                f"{place(self.rank)}{of}{self.players}" if self.players else place(self.rank),
            ]
        if self.status == "reconnecting":
            parts += [" · ", ("offline", "bold $text-warning")]
        return Content.assemble(*parts)

    def _switch(self, section: str) -> None:
        self.query_one("#phase", ContentSwitcher).current = section
        self._draw_status()

    # Keys.

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Leave with `q`, or `Escape` while typing (when `q` is a letter); scroll the result."""
        if action == "leave":
            typing = isinstance(self.focused, Input)
            return typing if parameters == ("typing",) else not typing
        if action == "scroll":
            return self.phase in ("result", "standings", "final", "waiting")
        return True

    def action_scroll(self, action: str) -> None:
        """Scroll the section shown."""
        section = self.query_one("#phase", ContentSwitcher).visible_content
        if isinstance(section, VerticalScroll):
            getattr(section, f"action_{action}")()

    def action_leave(self, _key: str = "q") -> None:
        """Ask before leaving (the student can come back with the same name and code)."""
        from quiz.ui.screens.confirm import ConfirmScreen

        def leave(yes: bool | None) -> None:
            if yes:
                self.post_message(LeaveGame())

        if self.phase == "final" or self.status == "closed":
            self.post_message(LeaveGame())
            return
        self.app.push_screen(
            ConfirmScreen(
                "Leave the game?",
                "You can come back with the same name and code: your score is kept.",
            ),
            leave,
        )

    def on_descendant_focus(self, _event: events.DescendantFocus) -> None:
        """Outside a question, the keys belong to the screen: a hidden answer input that gets
        the focus back (the terminal regaining focus, say) gives it up again."""
        if self.phase != "asking" or self.locked:
            self.set_focus(None)
