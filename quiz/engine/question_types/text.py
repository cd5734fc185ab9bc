"""`text`: type a word or a name; case, punctuation and a small typo are forgiven."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from quiz.engine.question_types.base import (
    InputKind,
    QuestionBase,
    Report,
    Response,
    Text,
    repeats,
)

if TYPE_CHECKING:
    from quiz.engine.checking import Verdict


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)  # both QuestionBase's
class TextQuestion(QuestionBase):
    """Type a word or a name; case, punctuation and a small typo are forgiven."""

    input: ClassVar[InputKind] = "typed"
    example: ClassVar[str] = """\
  # text: typed; case, punctuation and a small typo are forgiven.
  - id: ringed-planet
    type: text
    topic: Planets
    prompt: Which planet is famous for its bright rings?
    answer: Saturn
    accept: [Saturne]               # other spellings that also count
    explanation: Saturn's rings are made of ice and rock.
    context: {context}
"""
    example_context: ClassVar[str] = "Saturn is famous for its bright rings of ice and rock."

    type: Literal["text"]
    """The question's type."""
    answer: Text
    """The expected answer."""
    accept: list[Text] = field(default_factory=list)
    """Other spellings that also count."""

    def how_to_answer(self, options: int) -> str:
        return "Type a word or a name, then press Enter; capitals and small typos are fine."

    def check(self, response: Response, known_answers: Collection[str] = ()) -> Verdict:
        """Typed text against the answer and its accepted spellings, a small typo forgiven
        unless what was typed is itself another answer the game knows (`known_answers`) or
        differs in its digits."""
        from quiz.engine.checking import Verdict, forgives_typo, normalise_text  # 1st answer

        typed = str(response)
        given = typed.strip()
        guess = normalise_text(typed)
        if not guess:
            return Verdict(False, given)
        targets = [normalise_text(text) for text in (self.answer, *self.accept)]
        if guess in targets:
            return Verdict(True, given)
        if guess not in known_answers and forgives_typo(guess, targets):
            return Verdict(True, given, f"Accepted with a typo: it is spelt '{self.answer}'.")
        return Verdict(False, given)

    def right_response(self) -> Response:
        return self.answer

    def read(self, typed: str, options: Sequence[str]) -> Response | None:
        return typed.strip() or None

    def typed_form(self, response: Response, options: Sequence[str]) -> str:
        return str(response)

    def answer_text(self) -> str:
        """The expected answer."""
        return self.answer

    def vocabulary(self) -> Iterable[str]:
        return (self.answer, *self.accept)

    @classmethod
    def prepare_checking(cls) -> None:
        """Load the typo distance (rapidfuzz) now rather than on the first inexact answer."""
        from quiz.engine.checking import prepare_typo_check

        prepare_typo_check()

    def answer_key(self) -> dict[str, Any]:
        return {"answer": self.answer, "accept": sorted(self.accept)}

    def check_rules(self, report: Report) -> None:
        """Other spellings differ from the answer and from each other."""
        for index, spelling, _first in repeats([self.answer, *self.accept]):
            report(
                ("accept", index - 1),
                f"spelling '{spelling}' is listed twice or repeats the answer",
            )
