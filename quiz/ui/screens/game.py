"""The game screen: one question at a time, then the feedback panel in its place.

The screen holds no rules and knows no question types: it shows `session.current` (its answer
input is the one its type names, see `quiz.ui.widgets.answer`), sends the response that input
posts to the session, and renders the `Outcome` that comes back. Widgets are created once and
updated in place.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Static

from quiz.engine.model import Bank
from quiz.engine.question_types.base import InputKind, Response
from quiz.engine.session import Outcome, Session
from quiz.startup import AFTER_FIRST_FRAME_SECONDS
from quiz.ui.screens.confirm import ConfirmScreen
from quiz.ui.widgets.answer import AnswerInput, make_answer_input
from quiz.ui.widgets.containers import BlankScroll, BlankSwitcher
from quiz.ui.widgets.keybar import KeyBar
from quiz.ui.widgets.status import StatusBar

if TYPE_CHECKING:
    from quiz.engine.watch import FileWatcher
    from quiz.ui.widgets.feedback import FeedbackPanel

# The feedback panel (3.6 ms) and the answer inputs are imported when first needed: the first
# question appears without them (but for its own answer input). See docs/architecture.md.

NUMBER_KEYS = tuple(str(number) for number in range(1, 9))
"""Keys the screen hands to the answer input when it lacks the focus (`press_number`)."""

POLL_SECONDS = 0.5
"""How often a preview looks for saved changes."""

TEXT_MUTED = "auto 60%"
"""The theme's `$text-muted`, for a part of a text: in `Content` the variable draws as plain
white, where CSS draws it as the text colour at 60% on its background."""

HINT_KEY = "question_mark"
"""`?`: never part of a typed answer, since answers are compared without punctuation."""

FEEDBACK_SCROLL_KEYS = {
    "up": "scroll_up",
    "down": "scroll_down",
    "pageup": "page_up",
    "pagedown": "page_down",
    "home": "scroll_home",
    "end": "scroll_end",
}
"""The keys that scroll the feedback panel, and its scrolling actions they run."""


class GameScreen(Screen[Session]):
    """Plays a session to its end, then dismisses with it (for the results screen)."""

    AUTO_FOCUS = ""
    """Off: the screen gives the focus itself, to the answer widget, which keeps it while the
    feedback shows (hidden, `answered`: its keys off, so they reach the screen's)."""

    DEFAULT_CSS = """
    GameScreen {
        #question, #answer-area, FeedbackPanel {
            margin: 0 1;
        }
        #question {
            height: auto;
            max-height: 50%;
        }
        #prompt {
            padding: 1 0 0 0;
        }
        #hint {
            color: $text-warning;
            padding-bottom: 1;
        }
        #answer-area {
            height: auto;
            max-height: 1fr;
        }
    }
    """

    BINDINGS = [
        Binding(HINT_KEY, "hint", "Hint (halves points)", key_display="?", priority=True),
        # While the feedback shows (the hidden answer widget takes no keys): go on, or scroll.
        Binding("enter", "continue", "Next"),
        Binding("space", "continue", "Next", show=False),
        *[
            Binding(key, f"scroll_feedback('{action}')", show=False)
            for key, action in FEEDBACK_SCROLL_KEYS.items()
        ],
        Binding("q", "quit_game", "Quit"),
        Binding("escape", "quit_game('typing')", "Quit", key_display="esc"),
        *[Binding(key, f"number({int(key) - 1})", show=False) for key in NUMBER_KEYS],
    ]

    def __init__(self, session: Session, watcher: FileWatcher | None = None) -> None:
        super().__init__()
        self.session = session
        self.watcher = watcher
        self._countdown: Timer | None = None
        self._panel: FeedbackPanel | None = None
        """The feedback panel, once made (see `_feedback_panel`)."""
        self._inputs: dict[str, Widget] = {}
        """The answer inputs made so far, by kind (each made once, then reused)."""
        # The screen's fixed widgets, held: a query walks the screen's widgets, and a
        # question's change looked up ten (the next match question is the slowest key press).
        self._status = StatusBar()
        self._question = BlankScroll(id="question", can_focus=False)
        self._prompt = Static(id="prompt")
        """The question and, under it while it is unanswered, how to answer it: one widget, not
        two (the how-to line, hidden by each answer and shown by each question, was the most
        costly widget to draw for the next question, 1.3 ms of 17)."""
        self._hint = Static(id="hint")
        self._answer_area = BlankSwitcher(id="answer-area", initial=session.current.question.input)

    def compose(self) -> ComposeResult:
        yield self._status
        with self._question:
            yield self._prompt
            yield self._hint
        first = self.session.current.question.input
        with self._answer_area:  # later kinds of input are made when first needed
            yield self._inputs.setdefault(first, make_answer_input(first))
        yield KeyBar()

    async def on_mount(self) -> None:
        await self.show_question(first=True)
        self.set_timer(AFTER_FIRST_FRAME_SECONDS, self._prepare_answers)
        if self.session.time_limit is not None:
            self._countdown = self.set_interval(0.25, self._tick)
        if self.watcher is not None:
            self.set_interval(POLL_SECONDS, self.check_files)

    def check_files(self) -> None:
        """Preview: reload the bank after a save, staying on the same question; on errors,
        show them in place of the game until the file is fixed."""
        # `self.app.screen`, not `is_current`: under the modal errors screen the game is still
        # "current" (a background screen), and must leave the save for the errors screen to see.
        if self.watcher is None or self.app.screen is not self or not self.watcher.changed():
            return
        from quiz.ui.screens.errors import ErrorsScreen

        library = self.watcher.load()
        if library.errors or not library.banks:
            self.app.push_screen(ErrorsScreen(self.watcher, library.errors), self._reloaded)
        else:
            self._reloaded(library.banks)

    def _reloaded(self, banks: list[Bank] | None) -> None:
        if banks:
            self.session.reload(banks)
            self.call_later(self.show_question)
            self.notify("Reloaded.", timeout=2)

    async def _answer_input(self, kind: InputKind) -> Widget:
        """The answer input of this kind, shown."""
        widget = await self._made_answer_input(kind)
        self._answer_area.current = kind
        return widget

    async def _made_answer_input(self, kind: InputKind) -> Widget:
        """The answer input of this kind, made and mounted (hidden) if it is not yet.

        The first question's is made with the screen; the others the game needs are made while
        the player reads it (`_prepare_answers`), then each is reused, updated in place.
        """
        if kind in self._inputs:
            return self._inputs[kind]
        widget = self._inputs[kind] = make_answer_input(kind)
        widget.display = False  # until the switcher shows it
        await self._answer_area.mount(widget)
        return widget

    @property
    def answer_input(self) -> AnswerInput | None:
        """The answer input of the question on screen (None before it is made)."""
        widget = self._inputs.get(self._answer_area.current or "")
        return widget if isinstance(widget, AnswerInput) else None

    async def _prepare_answers(self) -> None:
        """While the player reads the first question, load what answering needs and make the
        feedback panel and the answer widgets the game's other questions need: the first
        answer, and the first question of each kind, then show as quickly as the others."""
        self.session.prepare()
        await self._feedback_panel()
        for kind in dict.fromkeys(asked.question.input for asked in self.session.asked):
            await self._made_answer_input(kind)

    async def _feedback_panel(self) -> FeedbackPanel:
        """The feedback panel, hidden until an answer shows it; made once the first question
        is on screen (or by the first answer, if that comes sooner), then reused."""
        from quiz.ui.widgets.feedback import FeedbackPanel

        if self._panel is not None:
            return self._panel
        panel = self._panel = FeedbackPanel(id="feedback")
        panel.display = False
        await self.mount(panel, after="#answer-area")
        return panel

    async def show_question(self, first: bool = False) -> None:
        """Render the session's current question in the existing widgets."""
        session = self.session
        asked = session.current
        question = asked.question
        status = self._status
        status.player = session.player.name if len(session.players) > 1 else ""
        status.number = session.number
        status.total = session.total
        status.score = session.player.score
        status.streak = session.player.streak
        status.topic = question.topic
        status.difficulty = question.difficulty
        self._show_prompt(question.how_to_answer(len(asked.choices)))
        self._hint.display = False
        if self._panel is not None:
            self._panel.display = False
        self._answer_area.display = True
        widget = await self._answer_input(question.input)
        assert isinstance(widget, AnswerInput)
        widget.answered = False
        widget.show(asked)
        widget.focus()
        self._question.scroll_home(animate=False)
        session.shown()
        await self._tick()
        if not first:  # on mount, the footer has just read the bindings
            self.refresh_bindings()
        if self._panel is not None:  # its evidence, laid out once the question is drawn
            self.call_after_refresh(self._panel.prepare, asked)

    def _show_prompt(self, how: str | None) -> None:
        """The question in bold; under it, while it is unanswered, how to answer it (muted)
        and a blank line before the answer."""
        prompt = Content.styled(self.session.current.question.prompt, "bold")
        if how is not None:
            prompt = Content.assemble(prompt, "\n", (how, TEXT_MUTED), "\n")
        self._prompt.update(prompt)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer the hint only while a question with a hint is unanswered; offer quitting with
        `q`, or with `Escape` while an answer is being typed (when `q` is a letter)."""
        if action == "hint":
            return self.session.current.question.hint is not None and not self.session.answered
        if action in ("continue", "scroll_feedback"):
            return self.session.answered
        if action == "quit_game":
            typing = isinstance(self.focused, Input) and not self.session.answered
            return typing if parameters == ("typing",) else not typing
        return True

    def action_number(self, index: int) -> None:
        """A number key pressed while the answer input lacks the focus: give it the focus,
        then the key."""
        widget = self.answer_input
        if self.session.answered or not isinstance(widget, Widget):
            return
        widget.focus()
        widget.press_number(index)

    def action_hint(self) -> None:
        """Show the hint (it halves this question's points)."""
        hint = self.session.take_hint()
        if hint is None:
            return
        widget = self._hint
        widget.update(Content.assemble(("Hint: ", "bold"), hint))
        widget.display = True

    def action_quit_game(self, _key: str = "q") -> None:
        """Ask before leaving a game that is still running."""

        def leave(yes: bool | None) -> None:
            if yes:
                self.app.exit()

        self.app.push_screen(
            ConfirmScreen("Quit this game?", "The questions not yet answered are skipped."), leave
        )

    @on(AnswerInput.Answered)
    async def _answered(self, event: AnswerInput.Answered) -> None:
        event.stop()
        await self._answer(event.response)

    async def _answer(self, response: Response) -> None:
        if self.session.answered:
            return
        await self._show_outcome(self.session.answer(response))

    async def _tick(self) -> None:
        limit = self.session.time_limit
        if limit is None or self.session.answered:
            return
        left = limit - self.session.elapsed()
        self._status.seconds_left = max(0, math.ceil(left))
        if left <= 0:
            await self._show_outcome(self.session.time_out())

    async def _show_outcome(self, outcome: Outcome) -> None:
        status = self._status
        status.score = self.session.player.score
        status.streak = self.session.player.streak
        status.seconds_left = None
        self._answer_area.display = False
        self._show_prompt(how=None)
        self._hint.display = False
        panel = await self._feedback_panel()
        panel.show(outcome)
        panel.display = True
        # The keys come to the screen while the feedback shows: the answer widget keeps the
        # focus (a focus change restyles it, and redraws it twice) but takes no keys.
        widget = self.answer_input
        if widget is not None:
            widget.answered = True
        self.refresh_bindings()

    def action_scroll_feedback(self, action: str) -> None:
        """Scroll the feedback panel (`action`: one of its scrolling actions)."""
        if self._panel is not None:  # offered only while an answer's feedback shows
            getattr(self._panel, f"action_{action}")()

    async def action_continue(self) -> None:
        """The player read the feedback: on to the next question, or to the results."""
        self.session.advance()
        if self.session.finished:
            if self._countdown is not None:
                self._countdown.stop()
            self.dismiss(self.session)
        else:
            await self.show_question()
