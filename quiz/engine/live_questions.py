"""What differs per question type in a live game, in one place: the question as students see it
(never its answer), reading a student's response from the network, the right answer at the
reveal, and how the class's answers are tallied.

Every function switches over the question types once and ends in `assert_never`, so
`mypy --strict` points here when a new type is added.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, assert_never

from quiz.engine.checking import Response, normalise_text
from quiz.engine.model import (
    AnyQuestion,
    Bank,
    ChoiceQuestion,
    MultiQuestion,
    NumberQuestion,
    TextQuestion,
    TrueFalseQuestion,
)
from quiz.engine.session import TRUE_FALSE, Asked

MAX_TYPED = 200
"""The longest typed answer (number or text) a student may send, in characters."""

TALLY_TYPED = 5
"""How many of the commonest typed answers the reveal shows."""


def ask(bank: Bank, question: AnyQuestion, rng: random.Random) -> Asked:
    """The question as this game asks it: choices shuffled (true/false kept in order)."""
    if isinstance(question, ChoiceQuestion | MultiQuestion):
        choices = list(question.choices)
        rng.shuffle(choices)
        return Asked(bank, question, tuple(choices))
    if isinstance(question, TrueFalseQuestion):
        return Asked(bank, question, TRUE_FALSE)
    if isinstance(question, NumberQuestion | TextQuestion):
        return Asked(bank, question)
    assert_never(question)


def question_part(asked: Asked) -> dict[str, Any]:
    """The per-type part of a `question` message: what a student needs to answer, nothing that
    tells the answer (no answer, accepted spellings, tolerance or feedback)."""
    question = asked.question
    if isinstance(question, ChoiceQuestion):
        return {"kind": "choice", "choices": list(asked.choices)}
    if isinstance(question, MultiQuestion):
        return {"kind": "multi", "choices": list(asked.choices)}
    if isinstance(question, TrueFalseQuestion):
        return {"kind": "truefalse", "choices": list(asked.choices)}
    if isinstance(question, NumberQuestion):
        return {"kind": "number", "unit": question.unit}
    if isinstance(question, TextQuestion):
        return {"kind": "text"}
    assert_never(question)


def read_response(asked: Asked, raw: object) -> Response | None:
    """A student's response as the checker takes it, or None when it is not a valid response
    to this question: a choice's index; a list of distinct indices; true or false; typed text
    (numbers are typed too, as in the solo game)."""
    question = asked.question
    if isinstance(question, ChoiceQuestion):
        index = _index(raw, len(asked.choices))
        return None if index is None else asked.choices[index]
    if isinstance(question, MultiQuestion):
        if not isinstance(raw, list) or len(raw) > len(asked.choices):
            return None
        indices = [_index(item, len(asked.choices)) for item in raw]
        if any(index is None for index in indices) or len(set(indices)) != len(indices):
            return None
        return frozenset(asked.choices[index] for index in indices if index is not None)
    if isinstance(question, TrueFalseQuestion):
        return raw if isinstance(raw, bool) else None
    if isinstance(question, NumberQuestion | TextQuestion):
        if not isinstance(raw, str) or not raw.strip() or len(raw) > MAX_TYPED:
            return None
        return raw
    assert_never(question)


def _index(raw: object, size: int) -> int | None:
    if isinstance(raw, bool) or not isinstance(raw, int) or not 0 <= raw < size:
        return None
    return raw


def picked_choices(asked: Asked, response: Response) -> tuple[str, ...]:
    """The choices a response picked, in the order they were shown (none for typed answers)."""
    if isinstance(response, frozenset):
        return tuple(choice for choice in asked.choices if choice in response)
    if isinstance(response, bool):
        return ("True" if response else "False",)
    return (response,) if response in asked.choices else ()


def answer_part(asked: Asked) -> dict[str, Any]:
    """The per-type part of a `reveal` message: the right answer written out, and (for choices)
    the indices of the right ones as they were shown."""
    question = asked.question
    if isinstance(question, ChoiceQuestion):
        right = [asked.choices.index(question.answer)]
    elif isinstance(question, MultiQuestion):
        wanted = set(question.answer)
        right = [index for index, choice in enumerate(asked.choices) if choice in wanted]
    elif isinstance(question, TrueFalseQuestion):
        right = [0 if question.answer else 1]
    elif isinstance(question, NumberQuestion | TextQuestion):
        right = []
    else:
        assert_never(question)
    return {"answer": question.answer_text(), "right": right}


def tally(asked: Asked, answers: Sequence[tuple[tuple[str, ...], str, bool]]) -> list[TallyRow]:
    """How the class answered: for choices, how many picked each (in the order shown); for typed
    answers, the commonest answers and how many gave each. `answers` holds each answer's picked
    choices, its text as given, and whether it was right."""
    question = asked.question
    if isinstance(question, ChoiceQuestion | MultiQuestion | TrueFalseQuestion):
        right = set(answer_part(asked)["right"])
        counts = Counter(choice for picked, _given, _correct in answers for choice in picked)
        return [
            TallyRow(choice, counts[choice], index in right)
            for index, choice in enumerate(asked.choices)
        ]
    if isinstance(question, NumberQuestion | TextQuestion):
        groups: dict[str, list[tuple[str, bool]]] = {}
        for _picked, given, correct in answers:
            groups.setdefault(normalise_text(given), []).append((given, correct))
        commonest = sorted(groups.values(), key=lambda group: -len(group))[:TALLY_TYPED]
        return [
            TallyRow(Counter(g for g, _ in group).most_common(1)[0][0], len(group), group[0][1])
            for group in commonest
        ]
    assert_never(question)


@dataclass(frozen=True)
class TallyRow:
    """One bar of the reveal's chart: a choice (or a typed answer), how many gave it, whether
    it is right."""

    label: str
    count: int
    correct: bool

    def as_message(self) -> dict[str, Any]:
        """The row as the `reveal` message carries it."""
        return {"label": self.label, "count": self.count, "correct": self.correct}


def feedback_for(asked: Asked, picked: Sequence[str], correct: bool) -> list[str]:
    """The bank's words on each wrong choice a student picked (none when the answer was right)."""
    question = asked.question
    if correct:
        return []
    if isinstance(question, ChoiceQuestion | MultiQuestion):
        return [question.feedback[choice] for choice in picked if choice in question.feedback]
    if isinstance(question, TrueFalseQuestion | NumberQuestion | TextQuestion):
        return []
    assert_never(question)
