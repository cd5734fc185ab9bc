"""The rules for every question that look at more than one field, checked once the schema has
passed: its id's form, its type's own rules (`check_rules`), and its context in the source.

Each rule reports through `report(loc, message, key=False)`, where `loc` is the path of the node
to point at inside the question (`("answer",)`, `("choices", 2)`, `("feedback", "$64 billion")`).
"""

from __future__ import annotations

import re

from quiz.engine.model import ID_PATTERN, AnyQuestion
from quiz.engine.question_types.base import Report
from quiz.engine.source import SourceText

__all__ = ["Report", "check_question"]

_ID = re.compile(ID_PATTERN)


def check_question(question: AnyQuestion, source: SourceText | None, report: Report) -> None:
    """Every rule that applies to one question."""
    if not _ID.match(question.id):
        report(
            ("id",),
            f"id '{question.id}' must be lowercase letters and digits joined by '-' "
            "(for example 'trade-china-2024')",
        )
    question.check_rules(report)
    if source is not None and question.context not in source:
        report(
            ("context",),
            "context is not found in the source text; copy the excerpt "
            "exactly as the source writes it",
        )
