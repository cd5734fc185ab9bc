"""The question types, one module each, and the one registry of them.

Adding a type: write its module (a `QuestionBase` subclass: fields, rules, asking, checking,
fingerprint, example), then add it to `AnyQuestion` and `QUESTION_CLASSES` below. mypy then
names each place that switches over the types and does not know the new one yet (each such
switch ends in `typing.assert_never`): its GIFT and Moodle XML exports (and, for a new kind of
answer input, the game's choice of widget). See "Adding a question type" in docs/authoring.md.
"""

from __future__ import annotations

from quiz.engine.question_types.base import QuestionBase
from quiz.engine.question_types.choice import ChoiceQuestion
from quiz.engine.question_types.match import MatchQuestion
from quiz.engine.question_types.multi import MultiQuestion
from quiz.engine.question_types.number import NumberQuestion
from quiz.engine.question_types.order import OrderQuestion
from quiz.engine.question_types.text import TextQuestion
from quiz.engine.question_types.truefalse import TrueFalseQuestion

AnyQuestion = (
    ChoiceQuestion
    | MultiQuestion
    | TrueFalseQuestion
    | NumberQuestion
    | TextQuestion
    | OrderQuestion
    | MatchQuestion
)
"""Any question of a registered type."""

QUESTION_CLASSES: dict[str, type[AnyQuestion]] = {
    "choice": ChoiceQuestion,
    "multi": MultiQuestion,
    "truefalse": TrueFalseQuestion,
    "number": NumberQuestion,
    "text": TextQuestion,
    "order": OrderQuestion,
    "match": MatchQuestion,
}
"""Each type's class by the name a bank's `type` field gives it (`choice` when none)."""

QUESTION_TYPES: tuple[str, ...] = tuple(QUESTION_CLASSES)

__all__ = ["QUESTION_CLASSES", "QUESTION_TYPES", "AnyQuestion", "QuestionBase"]
