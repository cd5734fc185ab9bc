"""`number`: type a number; anything within the tolerance counts."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from quiz.engine.question_types.base import (
    InputKind,
    QuestionBase,
    Response,
    Rule,
    Text,
)

if TYPE_CHECKING:
    from quiz.engine.checking import Verdict


def format_number(value: float) -> str:
    """A number as a person writes it: `95`, `0.5`, `10,000`; four digits stay together, as
    style guides write them and as a year is written (`1991`, `2500`)."""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}" if abs(value) >= 10_000 else str(int(value))
    return f"{value:,.6g}" if abs(value) >= 10_000 else f"{value:g}"


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)  # both QuestionBase's
class NumberQuestion(QuestionBase):
    """Type a number; anything within the tolerance counts."""

    input: ClassVar[InputKind] = "typed"
    example: ClassVar[str] = """\
  # number: typed; anything within the tolerance counts ("8", "8.0" and "8 minutes" all work).
  - id: sunlight-minutes
    type: number
    topic: Light
    difficulty: hard
    prompt: About how many minutes does sunlight take to reach Earth?
    answer: 8
    tolerance: 1                    # absolute; 0 when left out
    unit: minutes                   # optional, shown beside the input
    explanation: Sunlight needs about 8 minutes to cross the distance from the Sun to Earth.
    context: {context}
"""
    example_context: ClassVar[str] = "Light from the Sun takes about 8 minutes to reach Earth."

    type: Literal["number"]
    """The question's type."""
    answer: float
    """The right number."""
    tolerance: Annotated[float, Rule("Ge", 0)] = 0.0
    """Absolute tolerance, 0 by default."""
    unit: Text | None = None
    """The unit, shown beside the input."""

    def how_to_answer(self, options: int) -> str:
        unit = f", in {self.unit}" if self.unit else ""
        return f"Type a number{unit}, then press Enter."

    def check(self, response: Response, known_answers: Collection[str] = ()) -> Verdict:
        """A typed number (`95`, `$95`, `95 billion`, `1,000`, `about 80 million`, `two`,
        `second`) within the tolerance, read in the question's unit."""
        from quiz.engine.checking import Verdict, number_readings  # with the first answer

        typed = str(response)
        readings = number_readings(typed, self.unit)
        given = typed.strip()
        if not readings:
            return Verdict(False, given, "That is not a number.")
        right = any(abs(value - self.answer) <= self.tolerance + 1e-9 for value in readings)
        return Verdict(right, given)

    def right_response(self) -> Response:
        return format_number(self.answer).replace(",", "")

    def read(self, typed: str, options: Sequence[str]) -> Response | None:
        return typed.strip() or None

    def typed_form(self, response: Response, options: Sequence[str]) -> str:
        return str(response)

    def answer_text(self) -> str:
        """The number, without a needless `.0`, and its unit."""
        number = format_number(self.answer)
        return f"{number} {self.unit}" if self.unit else number

    def answer_key(self) -> dict[str, Any]:
        return {"answer": self.answer, "tolerance": self.tolerance}
