"""How typed answers are matched, and `check` for any question (each type checks its own).

Numbers count within the question's tolerance and may be typed as `95`, `95.0`, `$95`,
`95 billion`, `1,000`, `about 80 million`, `two` or `second`; a scale word (`million`) counts
as the question's unit says (`80 million` is 80 in "million people", 80,000,000 in "people").
Text ignores case, surrounding space, punctuation and a leading "the", "a" or "an", reads `&` as
"and", takes the `accept` spellings, and forgives a small typo (Levenshtein distance from
rapidfuzz) unless the typed text is itself a different answer the bank knows, or differs in its
digits.

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
    "number_readings",
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


_APPROXIMATELY = re.compile(
    r"^(?:about|approximately|approx\.?|around|roughly|nearly|almost|some|circa|ca\.|"
    r"just over|just under|over|more than|under|less than|up to|~|≈)\s*",
    re.IGNORECASE,
)
"""Words a student puts before a figure, as the text does ("about 80 million")."""


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SCALE_AFTER = re.compile(r"^(?P<scale>thousand|million|billion|trillion)\b", re.IGNORECASE)
_UNITS = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_TENS = _words("twenty thirty forty fifty sixty seventy eighty ninety")
_ORDINALS = _words(
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
)
_TENTHS = _words("twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth")
_WORD_VALUES: dict[str, int] = {
    **{word: value for value, word in enumerate(_UNITS)},
    **{word: value for value, word in enumerate(_ORDINALS)},
    **{word: 20 + 10 * index for index, word in enumerate(_TENS)},
    **{word: 20 + 10 * index for index, word in enumerate(_TENTHS)},
    "a": 1,
    "an": 1,
    "once": 1,  # "how many times": once, twice, thrice
    "twice": 2,
    "thrice": 3,
}
_NUMBER_WORDS = re.compile(
    r"^(?P<tens>"
    + "|".join(_TENS)
    + r")(?:[\s-]+(?P<unit>"
    + "|".join(_UNITS[1:10] + _ORDINALS[1:10])
    + r"))?\b"
    r"|^(?P<word>" + "|".join(sorted(_WORD_VALUES, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_THE = re.compile(r"^the\s+(?=\S)", re.IGNORECASE)
"""`the` before an ordinal (`the second`), dropped."""
_ORDINAL_SUFFIX = re.compile(r"^(?P<number>\d+)(?:st|nd|rd|th)\b", re.IGNORECASE)


@dataclass(frozen=True)
class TypedNumber:
    """A number as a student typed it: its value, and the scale word after it, if any."""

    value: float
    """The number without its scale word (`80` in `80 million`)."""
    scale: float = 1.0
    """What the scale word multiplies by (1e6 for `million`; 1 without one)."""


def read_number(text: str) -> TypedNumber | None:
    """The number a student typed (`95`, `$95 billion`, `about 80 million`, `two`, `second`,
    `the 2nd`, `twice`, `a million`), or None when the text holds no single number."""
    text = _APPROXIMATELY.sub("", text.replace("\u00a0", " ").strip())
    text = _THE.sub("", text)
    words = _NUMBER_WORDS.match(text)
    ordinal = _ORDINAL_SUFFIX.match(text)
    if words:
        if words["tens"]:
            value = float(_WORD_VALUES[words["tens"].casefold()])
            value += _WORD_VALUES[words["unit"].casefold()] if words["unit"] else 0
        else:
            value = float(_WORD_VALUES[words["word"].casefold()])
        rest = text[words.end() :]
    elif ordinal:
        value, rest = float(ordinal["number"]), text[ordinal.end() :]
    else:
        match = _NUMBER.match(text)
        if match is None:
            return None
        value = float(match["number"].replace(",", ""))
        value = -value if match["sign"] in ("-", "−") else value
        rest = match["rest"]
    if any(character.isdigit() for character in rest):
        return None
    if (
        words
        and words["word"]
        and words["word"].casefold() in ("a", "an")
        and not _SCALE_AFTER.match(rest.strip())
    ):
        return None  # "a" alone is a word, not a number
    scale = _SCALE_AFTER.match(rest.strip())
    return TypedNumber(value, _SCALES[scale["scale"].casefold()] if scale else 1.0)


def parse_number(text: str) -> float | None:
    """The number a student typed, without its scale word (`95` for `$95 billion`), or None
    when the text holds no single number."""
    number = read_number(text)
    return None if number is None else number.value


def unit_scale(unit: str | None) -> float:
    """The scale a question's unit counts in: 1e6 for "million people", 1 for "people"."""
    first = (unit or "").split()[:1]
    return _SCALES.get(first[0].casefold(), 1.0) if first else 1.0


def number_readings(text: str, unit: str | None = None) -> tuple[float, ...]:
    """What a typed number can mean in a question's unit: `80 million` is 80 in "million
    people" and 80,000,000 in "people"; `80,000,000` is also 80 in "million people" (the figure
    in full). With no unit at all, a scale word may be the unit the prompt asked in ("95
    billion" when asked how many billions): both readings count."""
    number = read_number(text)
    if number is None:
        return ()
    scale = unit_scale(unit)
    if number.scale != 1.0:
        full = number.value * number.scale / scale
        return (full, number.value) if unit is None else (full,)
    return (number.value,) if scale == 1.0 else (number.value, number.value / scale)


_AMPERSAND = re.compile(r"&")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an) (?=\S)")


def normalise_text(text: str) -> str:
    """Text as answers are compared: NFC, case folded, `&` read as "and", punctuation dropped,
    single spaces, and a leading "the", "a" or "an" dropped."""
    text = _AMPERSAND.sub(" and ", unicodedata.normalize("NFC", text).casefold())
    kept = "".join(
        " " if unicodedata.category(char).startswith("P") or char.isspace() else char
        for char in text
    )
    return _LEADING_ARTICLE.sub("", " ".join(kept.split()))


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
