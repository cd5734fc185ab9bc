"""`order`: put 3 to 8 items in order; the bank lists them in the right order, the game shuffles
them, and only the exact order counts."""

from __future__ import annotations

import random
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from quiz.engine.question_types.base import (
    InputKind,
    QuestionBase,
    Report,
    Response,
    Rule,
    Text,
    ordinal,
    repeats,
)

if TYPE_CHECKING:
    from quiz.engine.checking import Verdict

ARROW = " → "
"""Between the items of an order written on one line (feedback, results, reports)."""


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)  # both QuestionBase's
class OrderQuestion(QuestionBase):
    """Put the items in order."""

    input: ClassVar[InputKind] = "order"
    example: ClassVar[str] = """\
  # order: put 3 to 8 items in order; list them in the right order (the game shuffles them).
  - id: planets-from-the-sun
    type: order
    topic: Planets
    prompt: Put these planets in order, nearest the Sun first.
    items: [Mercury, Venus, Earth, Mars]
    explanation: Mercury is nearest the Sun, then Venus, Earth and Mars.
    context: {context}
"""
    example_context: ClassVar[str] = (
        "Mercury, Venus, Earth and Mars are the four rocky planets closest to the Sun."
    )

    type: Literal["order"]
    """The question's type."""
    items: Annotated[list[Text], Rule("Len", 3, 8)]
    """3 to 8 distinct items, in the right order (the game shuffles them)."""

    def ask(self, rng: random.Random) -> tuple[str, ...]:
        """The items shuffled, never already in the right order, nor in the reverse order
        (the help's example, `321`, would then be the answer)."""
        shuffled = list(self.items)
        given_away = (self.items, self.items[::-1])
        for _ in range(50):  # 3 items: 4 of 6 orders are fair, a few tries at most
            rng.shuffle(shuffled)
            if shuffled not in given_away:
                break
        return tuple(shuffled)

    def how_to_answer(self, options: int) -> str:
        """The example types the numbers backwards: never the answer, as `ask` sees to."""
        example = "".join(str(number) for number in range(options, 0, -1))
        return (
            "Put them in order, first at the top: Shift+↑/↓ moves the highlighted item, or "
            f"type the numbers in their new order (e.g. {example}). Enter submits."
        )

    def check(self, response: Response, known_answers: Collection[str] = ()) -> Verdict:
        """Right only in exactly the bank's order; each misplaced item says where it belongs."""
        from quiz.engine.checking import AnswerRow, Breakdown, Verdict  # with the first answer

        given = tuple(response) if isinstance(response, tuple) else ()
        rows = []
        for place, item in enumerate(given):
            right = self.items[place] if place < len(self.items) else ""
            belongs = self.items.index(item) + 1 if item in self.items else 0
            remark = "" if item == right else f"belongs {ordinal(belongs)}" if belongs else "?"
            rows.append(
                AnswerRow(f"{place + 1}. {item}", f"{place + 1}. {right}", not remark, remark)
            )
        breakdown = Breakdown(("Your order", "Right order"), tuple(rows))
        return Verdict(
            given == tuple(self.items), ARROW.join(given) or "(nothing)", breakdown=breakdown
        )

    def right_response(self) -> Response:
        return tuple(self.items)

    def read(self, typed: str, options: Sequence[str]) -> Response | None:
        """The items' numbers (as asked) in the player's order: `3142`, `3 1 4 2`."""
        digits = [char for char in typed if not char.isspace() and char != ","]
        numbers = [int(d) for d in digits if d.isdigit()]
        if len(numbers) != len(digits) or sorted(numbers) != list(range(1, len(options) + 1)):
            return None
        return tuple(options[number - 1] for number in numbers)

    def typed_form(self, response: Response, options: Sequence[str]) -> str:
        """The items' numbers, as asked, in the response's order (`3142`)."""
        items = response if isinstance(response, tuple) else ()
        return "".join(str(options.index(item) + 1) for item in items)

    def answer_text(self) -> str:
        """The items in order: `Mercury → Venus → Earth → Mars`."""
        return ARROW.join(self.items)

    def part_texts(self) -> list[str]:
        return list(self.items)

    def vocabulary(self) -> Iterable[str]:
        return self.items

    def answer_key(self) -> dict[str, Any]:
        return {"items": list(self.items)}

    def check_rules(self, report: Report) -> None:
        """Items are distinct (ignoring case): an order of two equal items is no question."""
        for index, item, first in repeats(self.items):
            report(("items", index), f"item '{item}' is listed twice (also item {first + 1})")
