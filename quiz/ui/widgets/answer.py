"""The answer inputs behind one interface, and the one place that picks a question's.

Each kind of input (`InputKind`: choice list, multiple-answer list, typed answer, ...) is one
widget that mixes in `AnswerInput`: the game screen shows a question with `show(asked)`, and the
widget posts one `AnswerInput.Answered` with the player's response when they answer. The screen
never looks at the question's type; which widget a question gets is its type's `input`.

Each widget's module is imported the first time a game needs it, so the first question appears
without the others.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, assert_never

from textual import events
from textual.message import Message

from quiz.engine.question_types.base import InputKind, Response

if TYPE_CHECKING:
    from textual.widget import Widget

    from quiz.engine.session import Asked

SCREEN_HEIGHTS: list[tuple[int, str]] = [(0, "-short"), (24, "-tall")]
"""The apps' `VERTICAL_BREAKPOINTS`: below 24 rows (a 60×20 terminal) a screen has the class
`-short`, and the answer lists drop their borders so that every option shows."""


class AnswerInput:
    """What every answer widget does (mixed into a Textual widget)."""

    class Answered(Message):
        """The player answered the question on screen with `response`."""

        def __init__(self, response: Response) -> None:
            self.response = response
            super().__init__()

    answered = False
    """Set by the game screen while an answer's feedback shows. The widget, hidden, keeps the
    focus (giving it up and taking it back restyles the widget, about 2 ms of each key press),
    so meanwhile it offers no keys and takes none: they go on to the screen's."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """None of the widget's keys while `answered` (nor in the key bar)."""
        if self.answered:
            return False
        return super().check_action(action, parameters)  # type: ignore[misc,no-any-return]

    def on_key(self, event: events.Key) -> None:
        """While `answered`, the widget's own handling of keys is skipped (an input would type
        them): they go on to the screen's (`Space` goes on to the next question)."""
        if self.answered:
            event.prevent_default()

    def on_hide(self, event: events.Hide) -> None:
        """Keep the focus while an answer's feedback hides the widget: Textual blurs a widget it
        hides (its default action), and giving the focus up and taking it back restyles the
        widget and redraws the whole screen."""
        if self.answered:
            event.prevent_default()

    def show(self, asked: Asked) -> None:
        """Get ready for a question, in place: its options shown, nothing picked or typed."""
        raise NotImplementedError

    def press_number(self, index: int) -> None:
        """A number key (`index` from 0) pressed while the widget lacked the focus (it has it
        now): do what the key does in it. Most widgets have nothing to do."""


def make_answer_input(kind: InputKind) -> Widget:
    """A new answer widget for this kind of input, with the kind as its id."""
    if kind == "choice":
        from quiz.ui.widgets.choices import ChoiceList

        return ChoiceList(id=kind)
    if kind == "multi":
        from quiz.ui.widgets.multichoice import MultiChoiceList

        return MultiChoiceList(id=kind)
    if kind == "typed":
        from quiz.ui.widgets.typed import TypedAnswer

        return TypedAnswer(id=kind)
    if kind == "order":
        from quiz.ui.widgets.order import OrderList

        return OrderList(id=kind)
    if kind == "match":
        from quiz.ui.widgets.match import MatchGrid

        return MatchGrid(id=kind)
    assert_never(kind)
