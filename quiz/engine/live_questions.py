"""Questions in a live game, through each question type's own interface (`QuestionBase`): the
question as students see it (never its answer), reading a student's response from the network,
the right answer at the reveal, and how the class's answers are tallied.

What still differs here is the answer input a type is answered with (`QuestionBase.input`): a
choice's index, several indices, typed text, every item's index in order, or each item's
partner's index on the wire. Each function switches over the
inputs once and ends in `assert_never`, so `mypy --strict` points here when a type brings a
new input.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, assert_never

from quiz.engine.checking import normalise_text
from quiz.engine.live_join import has_control_characters
from quiz.engine.model import AnyQuestion, Bank
from quiz.engine.question_types.base import Response
from quiz.engine.question_types.match import MatchQuestion
from quiz.engine.session import Asked

MAX_TYPED = 200
"""The longest typed answer (number or text) a student may send, in characters."""

TALLY_TYPED = 5
"""How many of the commonest typed answers the reveal shows."""


def ask(bank: Bank, question: AnyQuestion, rng: random.Random) -> Asked:
    """The question as this game asks it: its options in this game's order (the type's own)."""
    return Asked(bank, question, question.ask(rng))


def question_part(asked: Asked) -> dict[str, Any]:
    """The per-type part of a `question` message: what a student needs to answer, nothing that
    tells the answer (no answer, accepted spellings, tolerance or feedback)."""
    question = asked.question
    part: dict[str, Any] = {"kind": question.kind, "input": question.input}
    if question.input == "choice" or question.input == "multi" or question.input == "order":
        part["choices"] = list(asked.choices)  # for order: the items, shuffled
    elif question.input == "typed":
        part["unit"] = getattr(question, "unit", None)  # shown beside the input (numbers)
    elif question.input == "match":
        assert isinstance(question, MatchQuestion)
        part["items"] = question.lefts  # matched to the partners, listed in `choices`, shuffled
        part["choices"] = list(asked.choices)
    else:
        assert_never(question.input)
    return part


def read_response(asked: Asked, raw: object) -> Response | None:
    """A student's response as the question's type checks it, or None when it is not a valid
    response to this question: by its input, a choice's index; a list of distinct indices;
    typed text (numbers are typed too, as in the solo game); every item's index, in the
    student's order."""
    question = asked.question
    options = asked.choices
    if question.input == "choice":
        index = _index(raw, len(options))
        return None if index is None else question.read(str(index + 1), options)
    if question.input == "multi":
        if not isinstance(raw, list) or len(raw) > len(options):
            return None
        indices = [_index(item, len(options)) for item in raw]
        if any(index is None for index in indices) or len(set(indices)) != len(indices):
            return None
        return frozenset(options[index] for index in indices if index is not None)
    if question.input == "typed":
        if not isinstance(raw, str) or len(raw) > MAX_TYPED or has_control_characters(raw):
            return None
        return question.read(raw, options)
    if question.input == "order":
        if not isinstance(raw, list) or len(raw) != len(options):
            return None
        places = [_index(item, len(options)) for item in raw]
        if any(place is None for place in places) or len(set(places)) != len(places):
            return None
        return question.read(
            " ".join(str(place + 1) for place in places if place is not None), options
        )
    if question.input == "match":  # each item's partner's index; a partner may serve several
        assert isinstance(question, MatchQuestion)
        if not isinstance(raw, list) or len(raw) != len(question.pairs) or len(options) > 10:
            return None
        partners = [_index(item, len(options)) for item in raw]
        if any(partner is None for partner in partners):
            return None
        typed = " ".join(
            f"{number}{'abcdefghij'[partner]}"
            for number, partner in enumerate(partners, 1)
            if partner is not None
        )
        return question.read(typed, options)
    assert_never(question.input)


def _index(raw: object, size: int) -> int | None:
    if isinstance(raw, bool) or not isinstance(raw, int) or not 0 <= raw < size:
        return None
    return raw


def picked_choices(asked: Asked, response: Response) -> tuple[str, ...]:
    """The options a response picked, in the order they were shown; for an order, the items in
    the student's order; for a match, each item's partner (none for typed answers)."""
    question = asked.question
    if question.input == "choice":
        said = ("True" if response else "False") if isinstance(response, bool) else response
        return tuple(option for option in asked.choices if option == said)
    if question.input == "multi":
        picked = response if isinstance(response, frozenset) else frozenset()
        return tuple(option for option in asked.choices if option in picked)
    if question.input == "order" or question.input == "match":
        given = response if isinstance(response, tuple) else ()
        return tuple(option for option in given if isinstance(option, str))
    if question.input == "typed":
        return ()
    assert_never(question.input)


def right_indices(asked: Asked) -> list[int]:
    """The right options' indices as they were shown (none for typed answers; for an order,
    every item's index, in the right order)."""
    question = asked.question
    if question.input == "choice":
        return [i for i, option in enumerate(asked.choices) if question.check(option).correct]
    if question.input == "multi":
        right = question.right_response()
        assert isinstance(right, frozenset)
        return [i for i, option in enumerate(asked.choices) if option in right]
    if question.input == "typed":
        return []
    if question.input == "order" or question.input == "match":  # for a match: each item's partner
        right = question.right_response()
        assert isinstance(right, tuple)
        return [asked.choices.index(item) for item in right]
    assert_never(question.input)


def answer_part(asked: Asked) -> dict[str, Any]:
    """The per-type part of a `reveal` message: the right answer written out, and the right
    options' indices."""
    return {"answer": asked.question.answer_text(), "right": right_indices(asked)}


@dataclass(frozen=True)
class TallyRow:
    """One bar of the reveal's chart: an option (or a typed answer, an order, a match), how many
    gave it, whether it is right. `picks`: for an order, its items' indices as shown, in the
    order given; for a match, each item's partner's index (so a screen can write it short, with
    the options' marks); empty otherwise."""

    label: str
    count: int
    correct: bool
    picks: tuple[int, ...] = ()

    def as_message(self) -> dict[str, Any]:
        """The row as the `reveal` message carries it."""
        return {"label": self.label, "count": self.count, "correct": self.correct}


def tally(asked: Asked, answers: Sequence[tuple[tuple[str, ...], str, bool]]) -> list[TallyRow]:
    """How the class answered: for options, how many picked each (in the order shown); for typed
    answers, orders and matches, the commonest answers and how many gave each (the right ones
    first among equals). `answers` holds each answer's picked options (an order's items, a
    match's partners), its text as given, and whether it was right."""
    question = asked.question
    if question.input == "choice" or question.input == "multi":
        right = set(right_indices(asked))
        counts = Counter(option for picked, _given, _correct in answers for option in picked)
        return [
            TallyRow(option, counts[option], index in right)
            for index, option in enumerate(asked.choices)
        ]
    if question.input == "typed" or question.input == "order" or question.input == "match":
        groups: dict[object, list[tuple[tuple[str, ...], str, bool]]] = {}
        for picked, given, correct in answers:  # an order or a match: the same picks, one bar
            key = picked if question.input != "typed" and picked else normalise_text(given)
            groups.setdefault(key, []).append((picked, given, correct))
        commonest = sorted(groups.values(), key=lambda group: (-len(group), not group[0][2]))
        rows = []
        for group in commonest[:TALLY_TYPED]:
            picked, _given, correct = group[0]
            label = Counter(given for _picked, given, _correct in group).most_common(1)[0][0]
            picks = tuple(
                asked.choices.index(option) for option in picked if option in asked.choices
            )
            rows.append(
                TallyRow(label, len(group), correct, picks if question.input != "typed" else ())
            )
        return rows
    assert_never(question.input)
