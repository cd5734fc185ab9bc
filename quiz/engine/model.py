"""The bank format: one frozen dataclass per question type, a `Source` and a `Bank`.

These classes are what the game works with, and they are light to import (no pydantic, no
annotated_types), so a game served from the cache starts fast. Their annotations also carry the
format's constraints (`Rule`, which pydantic reads as the `annotated_types` constraint it names):
`quiz.engine.schema` validates files into these very classes, and derives the JSON Schema from
them. Rules that need several fields at once (an answer
that must be one of the choices, a context found in the source) live in `quiz.engine.rules`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

from typing_extensions import TypedDict  # pydantic reads typing's own only from Python 3.12

from quiz.engine.source import SourceText


class Rule:
    """A constraint of the format on a field, named after the `annotated_types` constraint it
    stands for: `Rule("MinLen", 1)`, `Rule("Len", 2, 8)`, `Rule("Ge", 0)`.

    pydantic reads it as that constraint (`__get_pydantic_core_schema__`) when it validates a
    file or writes the JSON Schema. The game, which plays banks from the cache, never needs it,
    and so never imports annotated_types (a twentieth of its start-up).
    """

    __slots__ = ("arguments", "name")

    def __init__(self, name: str, *arguments: int) -> None:
        self.name = name
        self.arguments = arguments

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        """The schema of `source` under the `annotated_types` constraint this rule names."""
        import annotated_types

        constraint = getattr(annotated_types, self.name)(*self.arguments)
        return handler(Annotated[source, constraint])

    def __repr__(self) -> str:
        return f"Rule({self.name!r}, {', '.join(map(str, self.arguments))})"


Text = Annotated[str, Rule("MinLen", 1)]
"""A non-empty piece of text (surrounding space is dropped when a bank is read)."""

Difficulty = Literal["easy", "medium", "hard"]
QuestionType = Literal["choice", "multi", "truefalse", "number", "text"]

QUESTION_TYPES: tuple[str, ...] = ("choice", "multi", "truefalse", "number", "text")
DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
"""Question ids: lowercase letters and digits, words joined by single hyphens."""

STRICT: dict[str, Any] = {
    "extra": "forbid",
    "str_strip_whitespace": True,
    "allow_inf_nan": False,
    "use_attribute_docstrings": True,
}
"""How pydantic reads these classes: unknown keys are errors, no NaN, outer space dropped."""


@dataclass(frozen=True, kw_only=True)
class Source:
    """Where a bank's questions come from; `text` names the source's full text beside the bank."""

    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT

    title: Text
    """The source's title or headline."""
    publisher: Text | None = None
    """Who published it."""
    url: Text | None = None
    """Where it can be read."""
    text: Text | None = None
    """Path of the source's full text, relative to the bank file."""


# A plain mapping, not a dataclass, so that a question stays flat JSON in the cache. Only
# `quiz lint` reads it; it checks the rule names against the rules it knows.
class LintSilence(TypedDict):
    """Lint rules that do not apply to this question, and why: `{ignore: [rule], why: ...}`."""

    ignore: Annotated[list[Text], Rule("MinLen", 1)]
    """The names of the lint rules that do not apply to this question."""
    why: Text
    """Why they do not apply, for the next teacher who reads the bank."""


LintSilence.__pydantic_config__ = STRICT  # type: ignore[attr-defined]


@dataclass(frozen=True, kw_only=True)
class QuestionBase:
    """The fields every question has, whatever its type."""

    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT

    id: str
    """Unique in the bank: lowercase letters and digits joined by '-'."""
    topic: Text
    """The topic the question belongs to."""
    difficulty: Difficulty = "medium"
    """easy, medium or hard."""
    prompt: Text
    """The question as the student reads it."""
    hint: Text | None = None
    """Shown on request; it halves the points."""
    explanation: Text
    """Why the answer is right, in the bank's own words."""
    context: Text
    """A verbatim excerpt of the source that proves the answer."""
    lint: LintSilence | None = None
    """Lint rules silenced for this question, with the reason (see `quiz lint`)."""

    @property
    def kind(self) -> str:
        """The question's type name (`choice`, `multi`, ...)."""
        return str(getattr(self, "type", "choice"))

    def answer_text(self) -> str:
        """The right answer written out for a student."""
        raise NotImplementedError


@dataclass(frozen=True, kw_only=True)
class ChoiceQuestion(QuestionBase):
    """Pick the one right choice."""

    type: Literal["choice"] = "choice"
    """choice (the default), multi, truefalse, number or text."""
    choices: Annotated[list[Text], Rule("Len", 2, 8)]
    """2 to 8 distinct choices."""
    answer: Text
    """One of the choices."""
    feedback: dict[str, Text] = field(default_factory=dict)
    """Why a particular wrong choice is wrong."""

    def answer_text(self) -> str:
        """The right choice."""
        return self.answer


@dataclass(frozen=True, kw_only=True)
class MultiQuestion(QuestionBase):
    """Pick every right choice, and only those."""

    type: Literal["multi"]
    """choice (the default), multi, truefalse, number or text."""
    choices: Annotated[list[Text], Rule("Len", 2, 8)]
    """2 to 8 distinct choices."""
    answer: Annotated[list[Text], Rule("MinLen", 1)]
    """The right choices, a list."""
    feedback: dict[str, Text] = field(default_factory=dict)
    """Why a particular wrong choice is wrong."""

    def answer_text(self) -> str:
        """The right choices, in the order the bank lists them."""
        right = set(self.answer)
        return ", ".join(choice for choice in self.choices if choice in right)


@dataclass(frozen=True, kw_only=True)
class TrueFalseQuestion(QuestionBase):
    """Is the statement true or false?"""

    type: Literal["truefalse"]
    """choice (the default), multi, truefalse, number or text."""
    answer: bool
    """true or false."""

    def answer_text(self) -> str:
        """`True` or `False`."""
        return "True" if self.answer else "False"


@dataclass(frozen=True, kw_only=True)
class NumberQuestion(QuestionBase):
    """Type a number; anything within the tolerance counts."""

    type: Literal["number"]
    """choice (the default), multi, truefalse, number or text."""
    answer: float
    """The right number."""
    tolerance: Annotated[float, Rule("Ge", 0)] = 0.0
    """Absolute tolerance, 0 by default."""
    unit: Text | None = None
    """The unit, shown beside the input."""

    def answer_text(self) -> str:
        """The number, without a needless `.0`, and its unit."""
        number = format_number(self.answer)
        return f"{number} {self.unit}" if self.unit else number


@dataclass(frozen=True, kw_only=True)
class TextQuestion(QuestionBase):
    """Type a word or a name; case, punctuation and a small typo are forgiven."""

    type: Literal["text"]
    """choice (the default), multi, truefalse, number or text."""
    answer: Text
    """The expected answer."""
    accept: list[Text] = field(default_factory=list)
    """Other spellings that also count."""

    def answer_text(self) -> str:
        """The expected answer."""
        return self.answer


AnyQuestion = ChoiceQuestion | MultiQuestion | TrueFalseQuestion | NumberQuestion | TextQuestion

QUESTION_CLASSES: dict[str, type[QuestionBase]] = {
    "choice": ChoiceQuestion,
    "multi": MultiQuestion,
    "truefalse": TrueFalseQuestion,
    "number": NumberQuestion,
    "text": TextQuestion,
}


@dataclass(frozen=True, kw_only=True, eq=False)  # one per file loaded: compared by identity
class Bank:
    """A loaded, valid bank: its header, its questions, where it came from and its source text."""

    path: Path
    title: str
    description: str | None = None
    source: Source | None = None
    source_text: SourceText | None = None
    questions: Sequence[AnyQuestion]
    """The questions; a bank from the cache reads them on first use (see quiz.engine.cache)."""

    @property
    def question_topics(self) -> Sequence[str]:
        """Each question's topic, in order, without reading questions not yet needed."""
        known: Sequence[str] | None = getattr(self.questions, "topics", None)
        return known if known is not None else [question.topic for question in self.questions]

    @property
    def topics(self) -> list[str]:
        """The bank's topics, in the order they first appear."""
        return list(dict.fromkeys(self.question_topics))

    @property
    def name(self) -> str:
        """The bank's file name without its suffix, as `--bank` accepts it."""
        return self.path.stem


def format_number(value: float) -> str:
    """A number as a person writes it: `95`, `0.5`, `10,000`; four digits stay together, as
    style guides write them and as a year is written (`1991`, `2500`)."""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}" if abs(value) >= 10_000 else str(int(value))
    return f"{value:,.6g}" if abs(value) >= 10_000 else f"{value:g}"
