"""The choice list: number keys pick, arrows move, the mouse clicks, `Enter` confirms.

Choice text is bank data, so it is always shown literally (as `Content`, never parsed as markup).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from quiz.ui.widgets.answer import AnswerInput

if TYPE_CHECKING:
    from quiz.engine.session import Asked

DIGIT_KEYS = tuple(str(number) for number in range(1, 9))


def numbered(index: int, text: str) -> Content:
    """`1. text`, with the number styled and the text literal."""
    return Content.assemble((f"{index + 1}. ", "bold"), text)


class ChoiceList(AnswerInput, OptionList):
    """Pick one choice: `1`–`8` move to a choice, `Enter` (or a click) confirms it."""

    BINDINGS = [
        Binding("enter", "select", "Confirm"),
        *[Binding(key, f"pick({int(key) - 1})", show=False) for key in DIGIT_KEYS],
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.choices: tuple[str, ...] = ()

    def show(self, asked: Asked) -> None:
        """Show the question's choices, as asked."""
        self.set_choices(asked.choices)

    def set_choices(self, choices: Sequence[str]) -> None:
        """Show new choices in place, the first one highlighted."""
        self.choices = tuple(choices)
        self.clear_options()
        self.add_options(
            [Option(numbered(i, choice), id=str(i)) for i, choice in enumerate(choices)]
        )
        self.highlighted = 0

    def action_pick(self, index: int) -> None:
        """Move the highlight to a choice by its number."""
        if index < self.option_count:
            self.highlighted = index

    def press_number(self, index: int) -> None:
        self.action_pick(index)

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Answered(self.choices[event.option_index]))
