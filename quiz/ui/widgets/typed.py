"""The typed answer: a number or a name, typed, then `Enter`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.widgets import Input

from quiz.ui.widgets.answer import AnswerInput

if TYPE_CHECKING:
    from quiz.engine.session import Asked


class TypedAnswer(AnswerInput, Input):
    """An input line; `Enter` answers with what was typed (nothing typed is not an answer)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, placeholder="Type your answer, then press Enter")
        self._answered = False

    NOT_TYPED = frozenset("?")
    """Characters left to the screen's keys (`?` asks for the hint): answers are compared
    without punctuation, so no answer needs them."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Printable keys are typed, but for `NOT_TYPED`: those reach the screen's bindings
        (and the footer offers them while the input has the focus). None once answered."""
        return (
            not self.answered
            and character not in self.NOT_TYPED
            and super().check_consume_key(key, character)
        )

    @property
    def answered(self) -> bool:
        """`AnswerInput.answered`; the cursor stops blinking meanwhile (the input is hidden)."""
        return self._answered

    @answered.setter
    def answered(self, answered: bool) -> None:
        self._answered = answered
        self.cursor_blink = not answered

    def show(self, asked: Asked) -> None:
        """Empty, for a new answer."""
        self.value = ""

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            self.notify("Type an answer first, then press Enter.", severity="warning")
            return
        self.post_message(self.Answered(event.value))
