"""`truefalse`: is the statement true or false?"""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from quiz.engine.question_types.base import InputKind, QuestionBase, Response
from quiz.engine.question_types.choice import read_number

TRUE_FALSE = ("True", "False")
"""The two choices, always in this order."""

if TYPE_CHECKING:
    from quiz.engine.checking import Verdict


def _said(response: Response) -> bool:
    """What a response says: true or false (`True`/`False` as text, as the choices read)."""
    if isinstance(response, bool):
        return response
    return str(response).strip().casefold() == "true"


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)  # both QuestionBase's
class TrueFalseQuestion(QuestionBase):
    """Is the statement true or false?"""

    input: ClassVar[InputKind] = "choice"
    example: ClassVar[str] = """\
  # truefalse: a statement that is true or false.
  - id: largest-planet
    type: truefalse
    topic: Planets
    difficulty: easy
    prompt: Saturn is the largest planet in the Solar System.
    answer: false                   # true or false
    explanation: Jupiter is the largest; Saturn comes second.
    context: {context}
"""
    example_context: ClassVar[str] = "Jupiter is the largest planet in the Solar System."

    type: Literal["truefalse"]
    """The question's type."""
    answer: bool
    """true or false."""

    def ask(self, rng: random.Random) -> tuple[str, ...]:
        """True, then False (never shuffled)."""
        return TRUE_FALSE

    def how_to_answer(self, options: int) -> str:
        return f"Press 1–{options} or use the arrows, then Enter (or click a choice)."

    def check(self, response: Response, known_answers: Collection[str] = ()) -> Verdict:
        from quiz.engine.checking import Verdict  # with the first answer

        said = _said(response)
        return Verdict(said is self.answer, "True" if said else "False")

    def right_response(self) -> Response:
        return self.answer

    def read(self, typed: str, options: Sequence[str]) -> Response | None:
        """`1`/`2` (as numbered), or `true`/`false`, `t`/`f`."""
        number = read_number(typed, options)
        if number is not None:
            return number == "True"
        word = typed.strip().casefold()
        if word in ("true", "t"):
            return True
        if word in ("false", "f"):
            return False
        return None

    def typed_form(self, response: Response, options: Sequence[str]) -> str:
        """The number of `True` or `False`."""
        return str(options.index("True" if _said(response) else "False") + 1)

    def answer_text(self) -> str:
        """`True` or `False`."""
        return "True" if self.answer else "False"

    def answer_key(self) -> dict[str, Any]:
        return {"answer": self.answer}
