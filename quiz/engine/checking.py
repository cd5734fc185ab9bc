"""Is this answer right? One function per question type, and `check` to pick the right one.

Numbers count within the question's tolerance and may be typed as `95`, `95.0`, `$95`,
`95 billion` or `1,000`. Text ignores case, surrounding space and punctuation, takes the `accept`
spellings, and forgives a small typo (Levenshtein distance from rapidfuzz) unless the typed text is
itself a different answer the bank knows, or differs in its digits.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from quiz.engine.model import (
    AnyQuestion,
    ChoiceQuestion,
    MultiQuestion,
    NumberQuestion,
    TextQuestion,
    TrueFalseQuestion,
)

Response = str | bool | frozenset[str]
"""What a player gives: a choice's text, true/false, a set of choices, or typed text."""

_NUMBER = re.compile(
    r"""^\s*(?P<sign>[-+−]?)\s*[$€£¥]?\s*
    (?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)
    \s*(?P<rest>[^\d]*)$""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Verdict:
    """Whether an answer counts, the answer as given, and a note (a forgiven typo, say)."""

    correct: bool
    given: str
    note: str | None = None


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


def check_text(question: TextQuestion, typed: str, other_answers: Collection[str] = ()) -> Verdict:
    """A typed answer against the answer and its accepted spellings.

    `other_answers` are normalised answers the bank knows (see `vocabulary`): a typo is never
    forgiven when what was typed is exactly one of them.
    """
    given = typed.strip()
    guess = normalise_text(typed)
    if not guess:
        return Verdict(False, given)
    targets = [normalise_text(text) for text in (question.answer, *question.accept)]
    if guess in targets:
        return Verdict(True, given)
    if guess in other_answers:
        return Verdict(False, given)
    from rapidfuzz.distance import Levenshtein  # loaded on the first typed answer, not at start-up

    for target in targets:
        allowance = typo_allowance(len(target))
        if allowance and _digits(guess) == _digits(target):
            distance = Levenshtein.distance(guess, target, score_cutoff=allowance)
            if distance <= allowance:
                return Verdict(
                    True, given, f"Accepted with a typo: it is spelt '{question.answer}'."
                )
    return Verdict(False, given)


def check_number(question: NumberQuestion, typed: str) -> Verdict:
    """A typed number against the answer, within the tolerance."""
    value = parse_number(typed)
    given = typed.strip()
    if value is None:
        return Verdict(False, given, "That is not a number.")
    correct = abs(value - question.answer) <= question.tolerance + 1e-9
    return Verdict(correct, given)


def check(
    question: AnyQuestion, response: Response, other_answers: Collection[str] = ()
) -> Verdict:
    """Whether `response` answers `question`."""
    if isinstance(question, ChoiceQuestion):
        return Verdict(response == question.answer, str(response))
    if isinstance(question, MultiQuestion):
        picked = response if isinstance(response, frozenset) else frozenset()
        ordered = [choice for choice in question.choices if choice in picked]
        return Verdict(picked == frozenset(question.answer), ", ".join(ordered) or "(nothing)")
    if isinstance(question, TrueFalseQuestion):
        said = (
            response if isinstance(response, bool) else str(response).strip().casefold() == "true"
        )
        return Verdict(said is question.answer, "True" if said else "False")
    if isinstance(question, NumberQuestion):
        return check_number(question, str(response))
    return check_text(question, str(response), other_answers)


def prepare_typo_check() -> None:
    """Load rapidfuzz now, rather than on the first typed answer that is not exact (a game
    calls this while the player reads its first question)."""
    import rapidfuzz.distance  # noqa: F401


def vocabulary(questions: Iterable[AnyQuestion]) -> frozenset[str]:
    """Every answer, spelling and choice of the given questions, normalised.

    A typed answer that is exactly one of these but not the question's own answer is a different
    answer, so the typo allowance never applies to it.
    """
    words: set[str] = set()
    for question in questions:
        if isinstance(question, TextQuestion):
            words.update(normalise_text(t) for t in (question.answer, *question.accept))
        elif isinstance(question, ChoiceQuestion | MultiQuestion):
            words.update(normalise_text(choice) for choice in question.choices)
    return frozenset(words)
