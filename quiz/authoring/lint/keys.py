"""What each question type's answer is, as lint's rules read it: the one switch over the types
in lint, ending in `typing.assert_never`, so that `mypy --strict` names it when a new type is
registered and lint has not been told what its answer is.

Every rule asks `answer_of(question)` rather than testing types itself: a rule about right
choices gets none from a type without choices, and a rule about answers gets each type's own.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import pairwise
from typing import assert_never

from quiz.authoring.lint.words import STOPWORDS, content_stems, tokens, word_set
from quiz.engine.model import (
    AnyQuestion,
    ChoiceQuestion,
    MultiQuestion,
    NumberQuestion,
    TextQuestion,
    TrueFalseQuestion,
    format_number,
)
from quiz.engine.question_types.match import MatchQuestion
from quiz.engine.question_types.order import OrderQuestion

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Shown:
    """A part of a question a student reads (before or after answering): where it is, what it
    is called in a warning, and its text."""

    loc: Loc
    name: str
    text: str


@dataclass(frozen=True)
class LintAnswer:
    """A question's answer, in the forms lint's rules look for it."""

    texts: tuple[str, ...] = ()
    """Words that are the answer (its spellings, each right choice): a text naming one gives it
    away. None for true/false (no words), order and match (every item is shown)."""
    choices: tuple[str, ...] = ()
    """The choices picked among (choice and multi questions)."""
    right: frozenset[str] = frozenset()
    """The right ones among `choices`."""
    sequence: tuple[str, ...] = ()
    """An order question's items in the right order: its answer is the sequence."""
    pairs: tuple[tuple[str, str], ...] = ()
    """A match question's pairs (item, partner): its answer is the pairs."""
    feedback: tuple[tuple[str, str], ...] = ()
    """Feedback shown for a choice: (the choice, its text)."""
    shown: tuple[Shown, ...] = ()
    """The parts beyond prompt and hint that tell a student something: the right choices (the
    game shows them once answered), an order's items, a match's items and partners."""


_remembered: dict[int, tuple[AnyQuestion, LintAnswer]] | None = None
"""While a bank is linted (`remembering_answers`): each question's answer, by the question's
identity (its lists make it unhashable). A question's rules ask for it about fifteen times."""


@contextmanager
def remembering_answers() -> Iterator[None]:
    """Within the block, `answer_of` works each question's answer out once."""
    global _remembered
    outer, _remembered = _remembered, _remembered if _remembered is not None else {}
    try:
        yield
    finally:
        _remembered = outer


def answer_of(question: AnyQuestion) -> LintAnswer:
    """The answer of `question` as lint reads it."""
    if _remembered is None:
        return _answer_of(question)
    kept = _remembered.get(id(question))
    if kept is None or kept[0] is not question:
        kept = _remembered[id(question)] = (question, _answer_of(question))
    return kept[1]


def _answer_of(question: AnyQuestion) -> LintAnswer:
    match question:
        case ChoiceQuestion():
            return LintAnswer(
                texts=(question.answer,),
                choices=tuple(question.choices),
                right=frozenset((question.answer,)),
                feedback=tuple(question.feedback.items()),
                shown=_right_choices(question.choices, {question.answer}),
            )
        case MultiQuestion():
            return LintAnswer(
                texts=tuple(question.answer),
                choices=tuple(question.choices),
                right=frozenset(question.answer),
                feedback=tuple(question.feedback.items()),
                shown=_right_choices(question.choices, set(question.answer)),
            )
        case TextQuestion():
            return LintAnswer(texts=(question.answer, *question.accept))
        case NumberQuestion():
            return LintAnswer(texts=(format_number(question.answer),))
        case TrueFalseQuestion():
            return LintAnswer()  # true or false: no words to give away
        case OrderQuestion():
            return LintAnswer(
                sequence=tuple(question.items),
                shown=tuple(
                    Shown(("items", index), "item", item)
                    for index, item in enumerate(question.items)
                ),
            )
        case MatchQuestion():
            shown: list[Shown] = []
            for index, (item, partner) in enumerate(question.pairs):
                shown += [Shown(("pairs", index), "item", item)]
                shown += [Shown(("pairs", index), "partner", partner)]
            return LintAnswer(pairs=tuple(question.pairs), shown=tuple(shown))
        case _:
            assert_never(question)


def _right_choices(choices: list[str], right: set[str]) -> tuple[Shown, ...]:
    return tuple(
        Shown(("choices", index), "right choice", choice)
        for index, choice in enumerate(choices)
        if choice in right
    )


FIRST_WORDS = word_set(
    "first top largest biggest highest greatest leads leading ahead earliest begins starts heads"
)
"""Words that put an item first: a text naming an order's first item with one names it first."""


def _place(words: Sequence[str], item: str) -> int | None:
    """Where `item` is named among `words` (as written, or without its leading and trailing
    function words: `the EU` as `EU`), or None."""
    item_words = tokens(item)
    start, end = 0, len(item_words)
    while start < end and item_words[start] in STOPWORDS:
        start += 1
    while end > start and item_words[end - 1] in STOPWORDS:
        end -= 1
    for needle in (item_words, item_words[start:end]):
        size = len(needle)
        for at in range(len(words) - size + 1) if size else ():
            if tuple(words[at : at + size]) == tuple(needle):
                return at
    return None


def order_given(text: str, sequence: Sequence[str]) -> str | None:
    """How `text` gives away an order's sequence: it names two or more of its items, all in
    their right order, or names the first item with a word that puts it first; else None."""
    words = tokens(text)
    places = [_place(words, item) for item in sequence]
    named = [
        (place, item) for place, item in zip(places, sequence, strict=True) if place is not None
    ]
    if len(named) >= 2 and all(a[0] < b[0] for a, b in pairwise(named)):
        return f"names '{named[0][1]}' before '{named[1][1]}', in the answer's order"
    if places[0] is not None:
        first = next((word for word in words if word in FIRST_WORDS), None)
        if first:
            return f"names '{sequence[0]}' with '{first}': the first item"
    return None


def pair_given(text: str, pairs: Sequence[tuple[str, str]]) -> tuple[str, str] | None:
    """A pair (item, partner) of a match that `text` names together: the partner as written and
    at least half the item's content words. None when it names none."""
    words = tokens(text)
    stems = content_stems(text)
    for item, partner in pairs:
        partner_words = tokens(partner)
        if not partner_words or set(partner_words) <= STOPWORDS:
            continue
        item_stems = content_stems(item)
        if not item_stems or len(item_stems & stems) * 2 < len(item_stems):
            continue
        if _place(words, partner) is not None:
            return item, partner
    return None
