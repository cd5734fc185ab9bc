"""The choice list: number keys pick, arrows move, the mouse clicks, `Enter` confirms.

Choice text is bank data, so it is always shown literally (as `Content`, never parsed as markup).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import on
from textual.binding import Binding
from textual.content import Content

from quiz.ui.widgets.answer import AnswerInput
from quiz.ui.widgets.linelist import LineList, PickList

if TYPE_CHECKING:
    from quiz.engine.session import Asked

DIGIT_KEYS = tuple(str(number) for number in range(1, 9))


def numbered(index: int, text: str) -> Content:
    """`1. text`, with the number styled and the text literal."""
    return Content.assemble((f"{index + 1}. ", "bold"), text)


class ChoiceList(AnswerInput, PickList):
    """Pick one choice: `1`–`8` move to a choice, `Enter` (or a click) confirms it.

    Drawn a line at a time (`PickList`): as an `OptionList`, it put the next four-choice
    question at 1.5-1.7x the full-screen floor."""

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
        self.set_entries([self.entry(i, choice) for i, choice in enumerate(choices)], 0)

    def entry(self, index: int, choice: str) -> Content:
        """How a choice is listed: `1. text`."""
        return numbered(index, choice)

    def action_pick(self, index: int) -> None:
        """Move the highlight to a choice by its number."""
        if index < len(self.choices):
            self.highlight(index)

    def press_number(self, index: int) -> None:
        self.action_pick(index)

    def action_select(self) -> None:
        """Answer with the highlighted choice."""
        if self.highlighted is not None and self.highlighted < len(self.choices):
            self.post_message(self.Answered(self.choices[self.highlighted]))

    @on(LineList.Clicked)
    def _clicked(self, event: LineList.Clicked) -> None:
        """A click answers with the choice clicked."""
        event.stop()
        self.highlight(event.index)
        self.action_select()
