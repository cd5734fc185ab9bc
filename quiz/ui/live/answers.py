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

from quiz.engine.question_types.base import InputKind, Response
from quiz.ui.live.marks import COLOURS, LETTERS, mark
from quiz.ui.live.messages import Question
from quiz.ui.live.text import literal
from quiz.ui.widgets.choices import ChoiceList
from quiz.ui.widgets.match import MatchGrid
from quiz.ui.widgets.multichoice import MultiChoiceList
from quiz.ui.widgets.order import OrderList
from quiz.ui.widgets.typed import TypedAnswer

LETTER_KEYS = tuple(letter.lower() for letter in LETTERS)
INPUT_KINDS: tuple[InputKind, ...] = ("choice", "multi", "typed", "order", "match")
ORDER_ARROW = " → "


def marked(index: int, text: str) -> Content:
    """` A ▲  text`: the mark on the choice's colour, as a small tile like the projector's
    (readable on a highlighted line too), then the text, literal."""
    return Content.assemble(
        (f" {mark(index)} ", f"bold #ffffff on {COLOURS[index]}"), " ", literal(text)
    )


def input_kind(question: Question) -> InputKind | None:
    """The input the host says a question is answered with; None for one this quiz does not
    know (a newer host's)."""
    for kind in INPUT_KINDS:
        if question.input == kind:
            return kind
    return None


def how_to_answer(question: Question) -> Content:
    """One line under the prompt saying how this question is answered."""
    kind = input_kind(question)
    if kind is None:
        return Content("This kind of question needs a newer quiz: update quiz to answer it.")
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
    if kind == "order":
        example = "".join(str(number) for number in range(count, 0, -1))
        return Content(
            "Put them in order, first at the top: Shift+↑/↓ moves the highlighted item, or type "
            f"the numbers in their new order (e.g. {example}). Enter sends."
        )
    if kind == "match":
        return Content(
            "Press an item's number, then its partner's letter; or click an item, then its "
            "partner. Enter sends."
        )
    assert_never(kind)


def make_input(kind: InputKind) -> Widget:
    """A new answer widget for this kind of input, with the kind as its id."""
    if kind == "choice":
        return MarkedChoiceList(id=kind)
    if kind == "multi":
        return MarkedMultiChoiceList(id=kind)
    if kind == "typed":
        return TypedAnswer(id=kind)
    if kind == "order":
        return LiveOrderList(id=kind)
    if kind == "match":
        return MatchGrid(id=kind)
    assert_never(kind)


def ready_input(widget: Widget, question: Question) -> None:
    """Ready an answer widget for a question, in place: its choices, nothing picked or typed."""
    if isinstance(widget, MarkedChoiceList | MarkedMultiChoiceList):
        widget.set_choices(question.choices)
    elif isinstance(widget, TypedAnswer):
        widget.value = ""
    elif isinstance(widget, LiveOrderList):
        widget.set_items(question.choices)
    elif isinstance(widget, MatchGrid):
        widget.set_pairs(question.items, question.choices)


def host_response(question: Question, response: Response) -> tuple[object, str] | None:
    """What the host takes for an answer (a choice's index, a list of them, the typed text),
    and the answer as the student gave it; None when it is not an answer to this question."""
    kind = input_kind(question)
    choices = question.choices
    if kind is None:
        return None
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
    if kind == "order":
        items = response if isinstance(response, tuple) else ()
        if sorted(items) != sorted(choices):
            return None
        return [choices.index(item) for item in items], ORDER_ARROW.join(items)
    if kind == "match":  # each item's partner, by its index
        partners = response if isinstance(response, tuple) else ()
        if len(partners) != len(question.items) or not set(partners) <= set(choices):
            return None
        given = "; ".join(
            f"{item}{ORDER_ARROW}{partner}"
            for item, partner in zip(question.items, partners, strict=True)
        )
        return [choices.index(partner) for partner in partners], given
    assert_never(kind)


class MarkedChoiceList(ChoiceList):
    """Pick one choice, marked as on the projector; `a`–`h` pick like `1`–`8`."""

    BINDINGS = [Binding(key, f"pick({index})", show=False) for index, key in enumerate(LETTER_KEYS)]

    def entry(self, index: int, choice: str) -> Content:
        """` A ▲  text`, as on the projector."""
        return marked(index, choice)


class MarkedMultiChoiceList(MultiChoiceList):
    """Pick several choices, marked as on the projector; `a`–`h` toggle like `1`–`8`."""

    BINDINGS = [
        Binding(key, f"toggle_number({index})", show=False) for index, key in enumerate(LETTER_KEYS)
    ]

    def entry(self, index: int, choice: str) -> Content:
        """` A ▲  text`, as on the projector."""
        return marked(index, choice)


class LiveOrderList(OrderList):
    """The solo game's order list, given the items of a question message."""

    def set_items(self, items: Sequence[str]) -> None:
        """The items as the host shuffled them, none picked up, nothing typed."""
        self.items = list(items)
        self.picked_up = None
        self.typed = []
        self._redraw(0)
