"""The list for questions with several right choices: number keys or `Space` toggle a choice,
`Enter` submits. (Apart from `choices.py`, so that a game loads it only when it asks one.)

Choice text is bank data, so it is always shown literally (as `Content`, never parsed as markup).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.widgets import SelectionList
from textual.widgets.selection_list import Selection

from quiz.ui.widgets.answer import AnswerInput
from quiz.ui.widgets.choices import DIGIT_KEYS, numbered

if TYPE_CHECKING:
    from quiz.engine.session import Asked


class MultiChoiceList(AnswerInput, SelectionList[int]):
    """Pick several choices: `1`–`8` or `Space` toggle, `Enter` submits the picked ones."""

    BINDINGS = [
        Binding("space", "select", "Toggle"),
        Binding("enter", "submit", "Submit"),
        *[Binding(key, f"toggle_number({int(key) - 1})", show=False) for key in DIGIT_KEYS],
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.choices: tuple[str, ...] = ()

    def show(self, asked: Asked) -> None:
        """Show the question's choices, as asked, none picked."""
        self.set_choices(asked.choices)

    def set_choices(self, choices: Sequence[str]) -> None:
        """Show new choices in place, none picked."""
        self.choices = tuple(choices)
        self.clear_options()
        self.add_options([Selection(numbered(i, choice), i) for i, choice in enumerate(choices)])
        self.highlighted = 0

    def action_toggle_number(self, index: int) -> None:
        """Toggle a choice by its number, and move the highlight to it."""
        if index < self.option_count:
            self.highlighted = index
            self.toggle(index)

    def press_number(self, index: int) -> None:
        self.action_toggle_number(index)

    def action_submit(self) -> None:
        """Submit the picked choices."""
        self.post_message(self.Answered(frozenset(self.choices[i] for i in self.selected)))
