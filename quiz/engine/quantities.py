"""Choices that are numbers (`$44 billion`, `About 2 times`, `Over a million`): what each
amounts to, and whether a question's choices all are.

The game keeps such choices in the bank's order instead of shuffling them (a list of figures
reads best smallest first, and `quiz lint` asks teachers to write them so); lint uses the same
reading to compare them and to tell a choice of another kind. Light: the game builds its
questions with it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

_NUMBER_WORDS = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "dozen": 12,
}
_SCALES = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_QUANTITY = (
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<unit>%|[^\W\d_]+)?"
    r"|\b(?P<word>a|one|two|three|four|five|six|seven|eight|nine|ten|a dozen)\s+"
    r"(?P<scale>hundred|thousand|million|billion|trillion)\b"
)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    """The quantity pattern, compiled the first time a choice may be a number (most games'
    choices are words, told apart without it: see `_may_be_number`)."""
    return re.compile(_QUANTITY, re.IGNORECASE)


def _may_be_number(text: str) -> bool:
    """A quick test: a number has a digit or a scale word."""
    if any(character.isdigit() for character in text):
        return True
    folded = text.casefold()
    return any(scale in folded for scale in _SCALES)


@lru_cache(maxsize=16384)  # the same choices are asked about again and again
def quantity(text: str) -> tuple[float, str] | None:
    """What a choice that is a number amounts to, and its kind: `$95 billion` → (95e9,
    'money'), `About 2 times` → (2, 'times'), `Over a million` → (1e6, ''). None for a choice
    that is not a number, or is a sentence that mentions one (`They were cut in 1991`)."""
    if not _may_be_number(text):
        return None
    found = list(_pattern().finditer(text))
    if len(found) != 1:
        return None
    match = found[0]
    if len((text[: match.start()] + " " + text[match.end() :]).split()) > 2:
        return None
    if match["number"]:
        value = float(match["number"].replace(",", ""))
        unit = (match["unit"] or "").casefold()
    else:
        value = _NUMBER_WORDS[match["word"].split()[-1].casefold()]
        unit = match["scale"].casefold()
    if unit in _SCALES:
        value *= _SCALES[unit]
        unit = ""
    if any(symbol in text for symbol in "$€£¥") or unit in ("dollars", "euros", "pounds"):
        unit = "money"
    return value, unit


def all_quantities(choices: Sequence[str]) -> bool:
    """Whether every choice is a number (the game then keeps them in the bank's order)."""
    return bool(choices) and all(quantity(choice) is not None for choice in choices)
