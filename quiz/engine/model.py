"""The bank format: a `Bank`, its `Source`, and its questions (one class per type, in
`quiz.engine.question_types`, re-exported here).

These classes are what the game works with, and they are light to import (no pydantic, no
annotated_types), so a game served from the cache starts fast. Their annotations also carry the
format's constraints (`Rule`, which pydantic reads as the `annotated_types` constraint it names):
`quiz.engine.schema` validates files into these very classes, and derives the JSON Schema from
them. Rules that need several fields at once (an answer that must be one of the choices) live
with each type; the rules for every question (its id, its context in the source) in
`quiz.engine.rules`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from quiz.engine.question_types import QUESTION_CLASSES, QUESTION_TYPES, AnyQuestion
from quiz.engine.question_types.base import (
    DIFFICULTIES,
    ID_PATTERN,
    STRICT,
    Difficulty,
    LintSilence,
    QuestionBase,
    Rule,
    Text,
)
from quiz.engine.question_types.choice import ChoiceQuestion
from quiz.engine.question_types.multi import MultiQuestion
from quiz.engine.question_types.number import NumberQuestion, format_number
from quiz.engine.question_types.text import TextQuestion
from quiz.engine.question_types.truefalse import TrueFalseQuestion
from quiz.engine.source import SourceText

__all__ = [
    "DIFFICULTIES",
    "ID_PATTERN",
    "QUESTION_CLASSES",
    "QUESTION_TYPES",
    "STRICT",
    "AnyQuestion",
    "Bank",
    "ChoiceQuestion",
    "Difficulty",
    "LintSilence",
    "MultiQuestion",
    "NumberQuestion",
    "QuestionBase",
    "Rule",
    "Source",
    "Text",
    "TextQuestion",
    "TrueFalseQuestion",
    "format_number",
]


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
