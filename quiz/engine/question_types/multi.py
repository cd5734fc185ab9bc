"""`multi`: pick every right answer among 2 to 8 choices, and only those."""

from __future__ import annotations

import random
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from quiz.engine.quantities import all_quantities
from quiz.engine.question_types.base import (
    InputKind,
    QuestionBase,
    Report,
    Response,
    Rule,
    Text,
)
from quiz.engine.question_types.choice import check_choice_list

if TYPE_CHECKING:
    from quiz.engine.checking import Verdict


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)  # both QuestionBase's
class MultiQuestion(QuestionBase):
    """Pick every right choice, and only those."""

    input: ClassVar[InputKind] = "multi"
    example: ClassVar[str] = """\
  # multi: pick every right answer.
  - id: rocky-planets
    type: multi
    topic: Planets
    prompt: Which of these are rocky planets? Pick all that apply.
    choices: [Mercury, Venus, Jupiter, Saturn]
    answer: [Mercury, Venus]        # a list of the right choices
    explanation: The four planets closest to the Sun are rocky; Jupiter and Saturn are gas giants.
    context: {context}
"""
    example_context: ClassVar[str] = (
        "Mercury, Venus, Earth and Mars are the four rocky planets closest to the Sun."
    )

    type: Literal["multi"]
    """The question's type."""
    choices: Annotated[list[Text], Rule("Len", 2, 8)]
    """2 to 8 distinct choices."""
    answer: Annotated[list[Text], Rule("MinLen", 1)]
    """The right choices, a list."""
    feedback: dict[str, Text] = field(default_factory=dict)
    """Why a particular wrong choice is wrong."""

    def ask(self, rng: random.Random) -> tuple[str, ...]:
        """The choices, shuffled; choices that are all numbers keep the bank's order (smallest
        first, as `quiz lint` asks), so that a list of figures reads in order."""
        choices = list(self.choices)
        if not all_quantities(choices):
            rng.shuffle(choices)
        return tuple(choices)

    def how_to_answer(self, options: int) -> str:
        return f"Pick every right answer: 1–{options} or Space to toggle, Enter to submit."

    def check(self, response: Response, known_answers: Collection[str] = ()) -> Verdict:
        from quiz.engine.checking import Verdict  # with the first answer

        picked = response if isinstance(response, frozenset) else frozenset()
        ordered = [choice for choice in self.choices if choice in picked]
        correct = picked == frozenset(self.answer)
        notes = () if correct else tuple(self.feedback[c] for c in ordered if c in self.feedback)
        return Verdict(correct, ", ".join(ordered) or "(nothing)", feedback=notes)

    def right_response(self) -> Response:
        return frozenset(self.answer)

    def read(self, typed: str, options: Sequence[str]) -> Response | None:
        """The choices' numbers, in any order (`13`, `1 3`)."""
        digits = [char for char in typed if not char.isspace() and char != ","]
        if not digits or not all(d.isdigit() and 1 <= int(d) <= len(options) for d in digits):
            return None
        return frozenset(options[int(d) - 1] for d in digits)

    def typed_form(self, response: Response, options: Sequence[str]) -> str:
        """The picked choices' numbers (`13`)."""
        picked = response if isinstance(response, frozenset) else frozenset()
        return "".join(str(i + 1) for i, choice in enumerate(options) if choice in picked)

    def answer_text(self) -> str:
        """The right choices, in the order the bank lists them."""
        right = set(self.answer)
        return ", ".join(choice for choice in self.choices if choice in right)

    def part_texts(self) -> list[str]:
        return [*self.choices, *self.feedback.values()]

    def vocabulary(self) -> Iterable[str]:
        return self.choices

    def answer_key(self) -> dict[str, Any]:
        return {"answer": sorted(self.answer), "choices": sorted(self.choices)}

    def check_rules(self, report: Report) -> None:
        answers = [(("answer", index), answer) for index, answer in enumerate(self.answer)]
        check_choice_list(self.choices, answers, self.feedback, report)
        if len(set(self.answer)) < len(self.answer):
            report(("answer",), "an answer is listed twice")
