"""The rules that look at several fields at once, checked after the schema has passed.

Each rule reports through `report(loc, message, key=False)`, where `loc` is the path of the node
to point at inside the question (`("answer",)`, `("choices", 2)`, `("feedback", "$64 billion")`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from quiz.engine.model import ID_PATTERN, AnyQuestion, ChoiceQuestion, MultiQuestion, TextQuestion
from quiz.engine.source import SourceText

_ID = re.compile(ID_PATTERN)

Report = Callable[..., None]
"""`report(loc: Sequence[str | int], message: str, *, key: bool = False) -> None`."""


def _nearest(value: str, options: Sequence[str]) -> str:
    folded = value.casefold().strip()
    same = next((option for option in options if option.casefold().strip() == folded), None)
    return f" (did you mean '{same}'?)" if same else ""


def check_choices(question: ChoiceQuestion | MultiQuestion, report: Report) -> None:
    """Choices are distinct (ignoring case); answers and feedback keys are among them."""
    seen: dict[str, int] = {}
    for index, choice in enumerate(question.choices):
        folded = choice.casefold()
        if folded in seen:
            report(
                ("choices", index),
                f"choice '{choice}' is listed twice (also choice {seen[folded] + 1})",
            )
        else:
            seen[folded] = index
    answers = [question.answer] if isinstance(question, ChoiceQuestion) else question.answer
    for index, answer in enumerate(answers):
        loc: tuple[str | int, ...] = (
            ("answer",) if isinstance(question, ChoiceQuestion) else ("answer", index)
        )
        if answer not in question.choices:
            report(
                loc,
                f"answer '{answer}' is not one of the choices" + _nearest(answer, question.choices),
            )
    if isinstance(question, MultiQuestion) and len(set(question.answer)) < len(question.answer):
        report(("answer",), "an answer is listed twice")
    for choice in question.feedback:
        if choice not in question.choices:
            report(
                ("feedback", choice),
                f"feedback for '{choice}', which is not one of the "
                "choices" + _nearest(choice, question.choices),
                key=True,
            )
        elif choice in answers:
            report(
                ("feedback", choice),
                f"feedback for '{choice}', which is a right answer; "
                "feedback explains wrong choices",
                key=True,
            )


def check_accept(question: TextQuestion, report: Report) -> None:
    """Other spellings differ from the answer and from each other."""
    seen = {question.answer.casefold()}
    for index, spelling in enumerate(question.accept):
        if spelling.casefold() in seen:
            report(
                ("accept", index), f"spelling '{spelling}' is listed twice or repeats the answer"
            )
        seen.add(spelling.casefold())


def check_question(question: AnyQuestion, source: SourceText | None, report: Report) -> None:
    """Every rule that applies to one question."""
    if not _ID.match(question.id):
        report(
            ("id",),
            f"id '{question.id}' must be lowercase letters and digits joined by '-' "
            "(for example 'trade-china-2024')",
        )
    if isinstance(question, ChoiceQuestion | MultiQuestion):
        check_choices(question, report)
    elif isinstance(question, TextQuestion):
        check_accept(question, report)
    if source is not None and question.context not in source:
        report(
            ("context",),
            "context is not found in the source text; copy the excerpt "
            "exactly as the source writes it",
        )
