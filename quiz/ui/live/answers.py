"""The student's answer inputs: the solo game's widgets (one per kind of input, each posting one
`AnswerInput.Answered`), with every choice marked as the projector marks it (letter, shape,
colour), and what each kind of input sends the host (docs/protocol.md).

The keys are the solo game's (`1`–`8`, arrows, `Space`, `Enter`), and the letters the projector
shows (`a`–`h`) pick the same choices.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import assert_never

from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from quiz.engine.question_types.base import InputKind, Response
from quiz.ui.live.marks import COLOURS, LETTERS, mark
from quiz.ui.live.messages import Question
from quiz.ui.live.text import literal
from quiz.ui.widgets.choices import ChoiceList
from quiz.ui.widgets.multichoice import MultiChoiceList
from quiz.ui.widgets.typed import TypedAnswer

LETTER_KEYS = tuple(letter.lower() for letter in LETTERS)
INPUT_KINDS: tuple[InputKind, ...] = ("choice", "multi", "typed")


def marked(index: int, text: str) -> Content:
    """` A ▲  text`: the mark on the choice's colour, as a small tile like the projector's
    (readable on a highlighted line too), then the text, literal."""
    return Content.assemble(
        (f" {mark(index)} ", f"bold #ffffff on {COLOURS[index]}"), " ", literal(text)
    )


def input_kind(question: Question) -> InputKind:
    """The input the host says a question is answered with."""
    for kind in INPUT_KINDS:
        if question.input == kind:
            return kind
    return "choice" if question.choices else "typed"  # a host that does not say


def how_to_answer(question: Question) -> Content:
    """One line under the prompt saying how this question is answered."""
    kind = input_kind(question)
    count = len(question.choices)
    keys = f"{LETTERS[0]}–{LETTERS[max(0, count - 1)]} (or 1–{count})"
    if kind == "choice":
        return Content(f"Press {keys} or use the arrows, then Enter.")
    if kind == "multi":
        return Content(f"Pick every right answer: {keys} or Space to toggle, Enter to send.")
    if kind == "typed":
        if question.kind == "number":
            unit = Content.assemble(", in ", literal(question.unit)) if question.unit else ""
            return Content.assemble("Type a number", unit, ", then press Enter.")
        return Content("Type your answer, then press Enter; capitals and small typos are fine.")
    assert_never(kind)


def make_input(kind: InputKind) -> Widget:
    """A new answer widget for this kind of input, with the kind as its id."""
    if kind == "choice":
        return MarkedChoiceList(id=kind)
    if kind == "multi":
        return MarkedMultiChoiceList(id=kind)
    if kind == "typed":
        return TypedAnswer(id=kind)
    assert_never(kind)


def ready_input(widget: Widget, question: Question) -> None:
    """Ready an answer widget for a question, in place: its choices, nothing picked or typed."""
    if isinstance(widget, MarkedChoiceList | MarkedMultiChoiceList):
        widget.set_choices(question.choices)
    elif isinstance(widget, TypedAnswer):
        widget.value = ""


def host_response(question: Question, response: Response) -> tuple[object, str] | None:
    """What the host takes for an answer (a choice's index, a list of them, the typed text),
    and the answer as the student gave it; None when it is not an answer to this question."""
    kind = input_kind(question)
    choices = question.choices
    if kind == "choice":
        if not isinstance(response, str) or response not in choices:
            return None
        return choices.index(response), response
    if kind == "multi":
        picked = response if isinstance(response, frozenset) else frozenset()
        indices = [index for index, choice in enumerate(choices) if choice in picked]
        return indices, ", ".join(choices[index] for index in indices) or "(nothing)"
    if kind == "typed":
        return str(response), str(response).strip()
    assert_never(kind)


class MarkedChoiceList(ChoiceList):
    """Pick one choice, marked as on the projector; `a`–`h` pick like `1`–`8`."""

    BINDINGS = [Binding(key, f"pick({index})", show=False) for index, key in enumerate(LETTER_KEYS)]

    def set_choices(self, choices: Sequence[str]) -> None:
        """Show new choices in place, the first one highlighted."""
        self.choices = tuple(choices)
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
        self.choices = tuple(choices)
        self.clear_options()
        self.add_options([Selection(marked(i, choice), i) for i, choice in enumerate(choices)])
        self.highlighted = 0
