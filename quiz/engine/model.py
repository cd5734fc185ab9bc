"""The bank format as pydantic models: one class per question type, a `Source` and a `Bank`.

These models are the single description of the format: the loader validates with them and
`quiz schema` prints their JSON Schema. Rules that need more than one field at a time (an answer
that must be one of the choices, a context that must be found in the source text) live in
`quiz.engine.rules`, where the loader can point at the exact line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, StringConstraints, Tag

from quiz.engine.source import SourceText

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""A non-empty piece of text; surrounding space is dropped."""

QuestionId = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$"),
]
"""Lowercase letters and digits, words joined by single hyphens: `trade-china-2024`."""

Difficulty = Literal["easy", "medium", "hard"]
QuestionType = Literal["choice", "multi", "truefalse", "number", "text"]

QUESTION_TYPES: tuple[str, ...] = ("choice", "multi", "truefalse", "number", "text")
DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")


class _Strict(BaseModel):
    """Shared settings: unknown keys are errors, models are immutable, no NaN or infinity."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Source(_Strict):
    """Where a bank's questions come from; `text` names the source's full text beside the bank."""

    title: Text = Field(description="The source's title or headline.")
    publisher: Text | None = Field(default=None, description="Who published it.")
    url: Text | None = Field(default=None, description="Where it can be read.")
    text: Text | None = Field(
        default=None,
        description="Path of the source's full text, relative to the bank file.",
    )


class QuestionBase(_Strict):
    """The fields every question has, whatever its type."""

    id: QuestionId = Field(description="Unique in the bank: lowercase letters, digits and '-'.")
    topic: Text = Field(description="The topic the question belongs to.")
    difficulty: Difficulty = Field(default="medium", description="easy, medium or hard.")
    prompt: Text = Field(description="The question as the student reads it.")
    hint: Text | None = Field(default=None, description="Shown on request; costs points.")
    explanation: Text = Field(description="Why the answer is right, in the bank's own words.")
    context: Text = Field(description="A verbatim excerpt of the source that proves the answer.")

    @property
    def kind(self) -> str:
        """The question's type name (`choice`, `multi`, ...)."""
        return str(getattr(self, "type", "choice"))

    def answer_text(self) -> str:
        """The right answer written out for a student."""
        raise NotImplementedError


class ChoiceQuestion(QuestionBase):
    """Pick the one right choice."""

    type: Literal["choice"] = "choice"
    choices: list[Text] = Field(min_length=2, max_length=8, description="2 to 8 distinct choices.")
    answer: Text = Field(description="One of the choices.")
    feedback: dict[str, Text] = Field(
        default_factory=dict, description="Why a particular wrong choice is wrong."
    )

    def answer_text(self) -> str:
        """The right choice."""
        return self.answer


class MultiQuestion(QuestionBase):
    """Pick every right choice, and only those."""

    type: Literal["multi"]
    choices: list[Text] = Field(min_length=2, max_length=8, description="2 to 8 distinct choices.")
    answer: list[Text] = Field(min_length=1, description="The right choices, a list.")
    feedback: dict[str, Text] = Field(
        default_factory=dict, description="Why a particular wrong choice is wrong."
    )

    def answer_text(self) -> str:
        """The right choices, in the order the bank lists them."""
        right = set(self.answer)
        return ", ".join(choice for choice in self.choices if choice in right)


class TrueFalseQuestion(QuestionBase):
    """Is the statement true or false?"""

    type: Literal["truefalse"]
    answer: bool = Field(description="true or false.")

    def answer_text(self) -> str:
        """`True` or `False`."""
        return "True" if self.answer else "False"


class NumberQuestion(QuestionBase):
    """Type a number; anything within the tolerance counts."""

    type: Literal["number"]
    answer: float = Field(description="The right number.")
    tolerance: float = Field(default=0.0, ge=0, description="Absolute tolerance, 0 by default.")
    unit: Text | None = Field(default=None, description="The unit, shown beside the input.")

    def answer_text(self) -> str:
        """The number, without a needless `.0`, and its unit."""
        number = format_number(self.answer)
        return f"{number} {self.unit}" if self.unit else number


class TextQuestion(QuestionBase):
    """Type a word or a name; case, punctuation and a small typo are forgiven."""

    type: Literal["text"]
    answer: Text = Field(description="The expected answer.")
    accept: list[Text] = Field(default_factory=list, description="Other spellings that count.")

    def answer_text(self) -> str:
        """The expected answer."""
        return self.answer


def question_type_of(data: Any) -> str:
    """The type a raw question declares, `choice` when it declares none (pydantic discriminator)."""
    if isinstance(data, dict):
        return str(data.get("type", "choice"))
    return str(getattr(data, "type", "choice"))


Question = Annotated[
    Annotated[ChoiceQuestion, Tag("choice")]
    | Annotated[MultiQuestion, Tag("multi")]
    | Annotated[TrueFalseQuestion, Tag("truefalse")]
    | Annotated[NumberQuestion, Tag("number")]
    | Annotated[TextQuestion, Tag("text")],
    Discriminator(question_type_of),
]
"""Any question; its `type` field (default `choice`) says which class."""

AnyQuestion = ChoiceQuestion | MultiQuestion | TrueFalseQuestion | NumberQuestion | TextQuestion

QUESTION_CLASSES: dict[str, type[QuestionBase]] = {
    "choice": ChoiceQuestion,
    "multi": MultiQuestion,
    "truefalse": TrueFalseQuestion,
    "number": NumberQuestion,
    "text": TextQuestion,
}


class BankHeader(_Strict):
    """A bank's fields other than its questions."""

    title: Text = Field(description="The bank's title.")
    description: Text | None = Field(default=None, description="A sentence on what it teaches.")
    source: Source | None = Field(default=None, description="Where the questions come from.")


class BankDocument(BankHeader):
    """A whole bank file as written: the shape the JSON Schema describes."""

    model_config = ConfigDict(title="Quiz question bank")

    questions: list[Question] = Field(min_length=1, description="The bank's questions.")


class Bank(BaseModel):
    """A loaded, valid bank: its header, its questions, where it came from and its source text."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    path: Path
    title: str
    description: str | None = None
    source: Source | None = None
    source_text: SourceText | None = None
    questions: tuple[AnyQuestion, ...]

    @property
    def topics(self) -> list[str]:
        """The bank's topics, in the order they first appear."""
        return list(dict.fromkeys(question.topic for question in self.questions))

    @property
    def name(self) -> str:
        """The bank's file name without its suffix, as `--bank` accepts it."""
        return self.path.stem


def format_number(value: float) -> str:
    """A number as a person writes it: `95`, `0.5`, `1,000`."""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) >= 1000 else f"{value:g}"
