"""The student's answer inputs: the solo game's widgets, with each choice marked as the
projector marks it (letter, shape, colour), and what each kind of question sends the host.

The keys are the solo game's (`1`–`8`, arrows, `Space`, `Enter`), and the letters the projector
shows (`a`–`h`) pick the same choices.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.binding import Binding
from textual.content import Content
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from quiz.ui.live.marks import COLOURS, LETTERS, mark
from quiz.ui.live.messages import Question
from quiz.ui.live.text import literal
from quiz.ui.widgets.choices import ChoiceList
from quiz.ui.widgets.multichoice import MultiChoiceList

LETTER_KEYS = tuple(letter.lower() for letter in LETTERS)


def marked(index: int, text: str) -> Content:
    """` A ▲  text`: the mark on the choice's colour, as a small tile like the projector's
    (readable on a highlighted line too), then the text, literal."""
    return Content.assemble(
        (f" {mark(index)} ", f"bold #ffffff on {COLOURS[index]}"), " ", literal(text)
    )


def input_kind(kind: str) -> str:
    """The input a question's `kind` is answered with: `choice`, `multi` or `typed`."""
    if kind in ("choice", "truefalse"):
        return "choice"
    if kind == "multi":
        return "multi"
    return "typed"


def how_to_answer(question: Question) -> Content:
    """One line under the prompt saying how this question is answered."""
    count = len(question.choices)
    keys = f"{LETTERS[0]}–{LETTERS[count - 1]} (or 1–{count})" if count else ""
    if question.kind == "multi":
        return Content(f"Pick every right answer: {keys} or Space to toggle, Enter to send.")
    if question.kind == "number":
        unit = Content.assemble(", in ", literal(question.unit)) if question.unit else ""
        return Content.assemble("Type a number", unit, ", then press Enter.")
    if question.kind == "text":
        return Content("Type your answer, then press Enter; capitals and small typos are fine.")
    return Content(f"Press {keys} or use the arrows, then Enter.")


def choice_response(question: Question, index: int) -> object:
    """What the host takes for a picked choice: its index, or true/false."""
    if question.kind == "truefalse":
        return question.choices[index] == "True"
    return index


class MarkedChoiceList(ChoiceList):
    """Pick one choice, marked as on the projector; `a`–`h` pick like `1`–`8`."""

    BINDINGS = [Binding(key, f"pick({index})", show=False) for index, key in enumerate(LETTER_KEYS)]

    def set_choices(self, choices: Sequence[str]) -> None:
        """Show new choices in place, the first one highlighted."""
        self.clear_options()
        self.add_options([Option(marked(i, choice), id=str(i)) for i, choice in enumerate(choices)])
        self.highlighted = 0


class MarkedMultiChoiceList(MultiChoiceList):
    """Pick several choices, marked as on the projector; `a`–`h` toggle like `1`–`8`."""

    BINDINGS = [
        Binding(key, f"toggle_number({index})", show=False) for index, key in enumerate(LETTER_KEYS)
    ]

    def set_choices(self, choices: Sequence[str]) -> None:
        """Show new choices in place, none picked."""
        self.clear_options()
        self.add_options([Selection(marked(i, choice), i) for i, choice in enumerate(choices)])
        self.highlighted = 0
