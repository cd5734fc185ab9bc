"""The list for questions with several right choices: number keys or `Space` toggle a choice,
`Enter` submits. (Apart from `choices.py`, so that a game loads it only when it asks one.)

Drawn a line at a time (`PickList`), each choice behind a check box like a `SelectionList`'s:
as a `SelectionList` (an `OptionList`), the next question took 1.4-1.6x the full-screen floor.
A long choice wraps, where a `SelectionList` cut it short with an ellipsis.

Choice text is bank data, so it is always shown literally (as `Content`, never parsed as markup).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.style import Style

from quiz.ui.widgets.answer import AnswerInput
from quiz.ui.widgets.choices import DIGIT_KEYS, numbered
from quiz.ui.widgets.linelist import LineList, PickList

if TYPE_CHECKING:
    from quiz.engine.session import Asked

BUTTON_LEFT, BUTTON_INNER, BUTTON_RIGHT = "▐", "X", "▌"
"""The check box, drawn as Textual's toggle buttons are."""


class MultiChoiceList(AnswerInput, PickList):
    """Pick several choices: `1`–`8` or `Space` toggle, `Enter` submits the picked ones."""

    COMPONENT_CLASSES: ClassVar[set[str]] = PickList.COMPONENT_CLASSES | {
        "multi-choice--button",
        "multi-choice--button-picked",
    }
    DEFAULT_CSS = """
    MultiChoiceList {
        & > .multi-choice--button {
            color: $panel-darken-2;
            background: $panel;
        }
        & > .multi-choice--button-picked {
            color: $text-success;
            background: $panel;
        }
    }
    """

    BINDINGS = [
        Binding("enter", "submit", "Submit"),
        Binding("space", "toggle_highlighted", "Toggle"),
        *[Binding(key, f"toggle_number({int(key) - 1})", show=False) for key in DIGIT_KEYS],
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.choices: tuple[str, ...] = ()
        self.picked: set[int] = set()
        """The choices ticked so far (their places in `choices`)."""

    def show(self, asked: Asked) -> None:
        """Show the question's choices, as asked, none picked."""
        self.set_choices(asked.choices)

    def set_choices(self, choices: Sequence[str]) -> None:
        """Show new choices in place, none picked, the first one highlighted."""
        self.choices = tuple(choices)
        self.picked = set()
        self._redraw(0)

    def entry(self, index: int, choice: str) -> Content:
        """How a choice is listed, after its check box: `1. text`."""
        return numbered(index, choice)

    def _redraw(self, highlighted: int | None) -> None:
        self.set_entries(
            [self._boxed(i, choice) for i, choice in enumerate(self.choices)], highlighted
        )

    def _boxed(self, index: int, choice: str) -> Content:
        """The choice behind its check box (the box's sides on the line's own background)."""
        button = self.get_visual_style(
            "multi-choice--button-picked" if index in self.picked else "multi-choice--button"
        )
        side = Style(foreground=button.background)
        return Content.assemble(
            (BUTTON_LEFT, side),
            (BUTTON_INNER, button),
            (BUTTON_RIGHT, side),
            " ",
            self.entry(index, choice),
        )

    def notify_style_update(self) -> None:
        """The check boxes drawn again in the new styles (a theme change, say)."""
        super().notify_style_update()
        if self.choices:
            self._redraw(self.highlighted)

    def action_toggle_number(self, index: int) -> None:
        """Toggle a choice by its number, and move the highlight to it."""
        if index < len(self.choices):
            self.picked ^= {index}
            self._redraw(index)

    def press_number(self, index: int) -> None:
        self.action_toggle_number(index)

    def action_toggle_highlighted(self) -> None:
        """Toggle the highlighted choice."""
        if self.highlighted is not None:
            self.action_toggle_number(self.highlighted)

    def action_submit(self) -> None:
        """Submit the picked choices."""
        self.post_message(self.Answered(frozenset(self.choices[i] for i in sorted(self.picked))))

    @on(LineList.Clicked)
    def _clicked(self, event: LineList.Clicked) -> None:
        """A click toggles the choice clicked."""
        event.stop()
        self.action_toggle_number(event.index)
