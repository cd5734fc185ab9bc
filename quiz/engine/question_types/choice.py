"""`choice`: pick the one right answer among 2 to 8 choices (the default type)."""

from __future__ import annotations

import random
from collections.abc import Collection, Iterable, Mapping, Sequence
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
    repeats,
)

if TYPE_CHECKING:
    from quiz.engine.checking import Verdict


def nearest(value: str, options: Sequence[str]) -> str:
    """` (did you mean 'X'?)` when an option differs from `value` only in case or space."""
    folded = value.casefold().strip()
    same = next((option for option in options if option.casefold().strip() == folded), None)
    return f" (did you mean '{same}'?)" if same else ""


def check_choice_list(
    choices: Sequence[str],
    answers: Sequence[tuple[tuple[str | int, ...], str]],
    feedback: Mapping[str, str],
    report: Report,
) -> None:
    """The rules of a list of choices (`choice` and `multi`): choices are distinct (ignoring
    case); each answer (with where it is written) and each feedback key is one of them."""
    for index, choice, first in repeats(choices):
        report(("choices", index), f"choice '{choice}' is listed twice (also choice {first + 1})")
    for loc, answer in answers:
        if answer not in choices:
            report(loc, f"answer '{answer}' is not one of the choices" + nearest(answer, choices))
    right = {answer for _, answer in answers}
    for choice in feedback:
        if choice not in choices:
            report(
                ("feedback", choice),
                f"feedback for '{choice}', which is not one of the "
                "choices" + nearest(choice, choices),
                key=True,
            )
        elif choice in right:
            report(
                ("feedback", choice),
                f"feedback for '{choice}', which is a right answer; "
                "feedback explains wrong choices",
                key=True,
            )


def read_number(typed: str, options: Sequence[str]) -> str | None:
    """The option a typed number (from 1) stands for, or None."""
    text = typed.strip()
    if text.isdigit() and 1 <= int(text) <= len(options):
        return options[int(text) - 1]
    return None


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)  # both QuestionBase's
class ChoiceQuestion(QuestionBase):
    """Pick the one right choice."""

    input: ClassVar[InputKind] = "choice"
    example: ClassVar[str] = """\
  # choice (the default type): one right answer among 2 to 8 choices.
  - id: red-planet                  # unique; lowercase letters, digits and '-'
    topic: Planets                  # questions are grouped and reported by topic
    difficulty: easy                # easy | medium | hard (medium when left out)
    prompt: Which planet is called the Red Planet?
    choices: [Mars, Venus, Jupiter, Mercury]
    answer: Mars                    # must be one of the choices, written the same way
    feedback:                       # optional: why a wrong choice is wrong
      Venus: Venus looks white-yellow, covered by thick clouds.
    hint: Think of rust.            # optional; using it halves the points
    explanation: Iron oxide (rust) on its surface makes Mars look red.
    context: {context}  # the words of the source that prove the answer
"""
    example_context: ClassVar[str] = (
        "Mars is often called the Red Planet because of the iron oxide on its surface."
    )

    type: Literal["choice"] = "choice"
    """The question's type (choice when left out)."""
    choices: Annotated[list[Text], Rule("Len", 2, 8)]
    """2 to 8 distinct choices."""
    answer: Text
    """One of the choices."""
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
        return f"Press 1–{options} or use the arrows, then Enter (or click a choice)."

    def check(self, response: Response, known_answers: Collection[str] = ()) -> Verdict:
        from quiz.engine.checking import Verdict  # with the first answer

        given = str(response)
        correct = given == self.answer
        notes = () if correct or given not in self.feedback else (self.feedback[given],)
        return Verdict(correct, given, feedback=notes)

    def right_response(self) -> Response:
        return self.answer

    def read(self, typed: str, options: Sequence[str]) -> Response | None:
        return read_number(typed, options)

    def typed_form(self, response: Response, options: Sequence[str]) -> str:
        """The choice's number."""
        return str(options.index(str(response)) + 1)

    def answer_text(self) -> str:
        """The right choice."""
        return self.answer

    def part_texts(self) -> list[str]:
        return [*self.choices, *self.feedback.values()]

    def vocabulary(self) -> Iterable[str]:
        return self.choices

    def answer_key(self) -> dict[str, Any]:
        return {"answer": self.answer, "choices": sorted(self.choices)}

    def check_rules(self, report: Report) -> None:
        check_choice_list(self.choices, [(("answer",), self.answer)], self.feedback, report)
