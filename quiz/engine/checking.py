"""How typed answers are matched, and `check` for any question (each type checks its own).

Numbers count within the question's tolerance and may be typed as `95`, `95.0`, `$95`,
`95 billion` or `1,000`. Text ignores case, surrounding space and punctuation, takes the `accept`
spellings, and forgives a small typo (Levenshtein distance from rapidfuzz) unless the typed text is
itself a different answer the bank knows, or differs in its digits.

The game imports this module with its first answer (or while the first question is read), not
at start-up.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from quiz.engine.model import AnyQuestion
from quiz.engine.question_types.base import Response

__all__ = [
    "AnswerRow",
    "Breakdown",
    "Response",
    "Verdict",
    "check",
    "forgives_typo",
    "normalise_text",
    "parse_number",
    "prepare_typo_check",
    "typo_allowance",
    "vocabulary",
]


@dataclass(frozen=True)
class AnswerRow:
    """One part of an answer given in parts (a place in an order, a pair of a match)."""

    given: str
    """The part as the player gave it."""
    right: str
    """The part as it should be."""
    correct: bool
    remark: str = ""
    """What is wrong with it, in words (`belongs 3rd`); empty when it is right."""


@dataclass(frozen=True)
class Breakdown:
    """An answer given in parts, part by part: the player's beside the right one."""

    headings: tuple[str, str]
    """What the two columns are (`Your order`, `Right order`)."""
    rows: tuple[AnswerRow, ...]


@dataclass(frozen=True)
class Verdict:
    """Whether an answer counts, the answer as given, and what to tell the player about it."""

    correct: bool
    given: str
    """The answer written out, as the feedback, the store and the reports show it."""
    note: str | None = None
    """A remark on the answer (a forgiven typo, say)."""
    feedback: tuple[str, ...] = ()
    """The bank's words on each wrong choice the player picked."""
    breakdown: Breakdown | None = None
    """The answer part by part, for the types answered in parts."""


_NUMBER = re.compile(
    r"""^\s*(?P<sign>[-+−]?)\s*[$€£¥]?\s*
    (?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)
    \s*(?P<rest>[^\d]*)$""",
    re.VERBOSE,
)


def parse_number(text: str) -> float | None:
    """The number a student typed, or None when the text holds no single number."""
    match = _NUMBER.match(text.replace("\u00a0", " "))
    if match is None:
        return None
    value = float(match["number"].replace(",", ""))
    return -value if match["sign"] in ("-", "−") else value


def normalise_text(text: str) -> str:
    """Text as answers are compared: NFC, case folded, punctuation dropped, single spaces."""
    text = unicodedata.normalize("NFC", text).casefold()
    kept = "".join(
        " " if unicodedata.category(char).startswith("P") or char.isspace() else char
        for char in text
    )
    return " ".join(kept.split())


def typo_allowance(length: int) -> int:
    """How many edits a typo may take: none for short words, one up to 7 letters, then two."""
    if length <= 3:
        return 0
    return 1 if length <= 7 else 2


def _digits(text: str) -> str:
    return "".join(char for char in text if char.isdigit())


def forgives_typo(guess: str, targets: Sequence[str]) -> bool:
    """Whether normalised `guess` is a small typo of one of the normalised `targets` (with the
    same digits: `G20` is never a typo of `G21`)."""
    from rapidfuzz.distance import Levenshtein  # loaded on the first typed answer, not at start-up

    for target in targets:
        allowance = typo_allowance(len(target))
        if allowance and _digits(guess) == _digits(target):
            distance = Levenshtein.distance(guess, target, score_cutoff=allowance)
            if distance <= allowance:
                return True
    return False


def check(
    question: AnyQuestion, response: Response, other_answers: Collection[str] = ()
) -> Verdict:
    """Whether `response` answers `question` (its type's `check`)."""
    return question.check(response, other_answers)


def prepare_typo_check() -> None:
    """Load rapidfuzz now, rather than on the first typed answer that is not exact (a game
    calls this while the player reads its first question)."""
    import rapidfuzz.distance  # noqa: F401


def vocabulary(questions: Iterable[AnyQuestion]) -> frozenset[str]:
    """Every answer, spelling and choice of the given questions, normalised.

    A typed answer that is exactly one of these but not the question's own answer is a different
    answer, so the typo allowance never applies to it.
    """
    return frozenset(
        normalise_text(text) for question in questions for text in question.vocabulary()
    )
