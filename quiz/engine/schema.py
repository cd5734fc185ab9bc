"""Validation of bank data into the model's dataclasses, and the bank format's JSON Schema.

This is the only engine module that imports pydantic; it is loaded when a file has to be read
(not when a bank comes from the cache), which keeps a warm start-up fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Union

from annotated_types import MinLen
from pydantic import Discriminator, Tag, TypeAdapter

from quiz.engine.model import ID_PATTERN, QUESTION_CLASSES, STRICT, AnyQuestion, Source, Text


def question_type_of(data: Any) -> str:
    """The type a raw question declares, `choice` when it declares none (the discriminator)."""
    if isinstance(data, dict):
        return str(data.get("type", "choice"))
    return str(getattr(data, "type", "choice"))


if TYPE_CHECKING:
    Question = AnyQuestion
else:
    Question = Annotated[
        Union[tuple(Annotated[cls, Tag(name)] for name, cls in QUESTION_CLASSES.items())],  # noqa: UP007  # a Union of a registry's classes is only written this way
        Discriminator(question_type_of),
    ]
"""Any question of a registered type; its `type` field (default `choice`) says which class."""


@dataclass(frozen=True, kw_only=True)
class BankHeader:
    """A bank's fields other than its questions."""

    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT

    title: Text
    """The bank's title."""
    description: Text | None = None
    """A sentence on what the bank teaches."""
    source: Source | None = None
    """Where the questions come from."""


@dataclass(frozen=True, kw_only=True)
class BankDocument(BankHeader):
    """A quiz question bank: the shape of a whole bank file."""

    questions: Annotated[list[Question], MinLen(1)]
    """The bank's questions."""


@cache
def question_adapter() -> TypeAdapter[AnyQuestion]:
    """Validates one question (built once, on first use)."""
    return TypeAdapter(Question)


@cache
def header_adapter() -> TypeAdapter[BankHeader]:
    """Validates a bank's header fields."""
    return TypeAdapter(BankHeader)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a bank file."""
    schema = TypeAdapter(BankDocument).json_schema()
    for name, definition in schema.get("$defs", {}).items():
        if name.endswith("Question"):
            definition["properties"]["id"]["pattern"] = ID_PATTERN
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Quiz question bank",
        **{k: v for k, v in schema.items() if k != "title"},
    }
