"""Words as the lint rules compare them: tokens, crude stems, phrases, numbers and sentences.

Deliberately simple and predictable (a teacher must be able to see why a rule fired): tokens are
case-folded runs of letters and digits, stems drop a plural and an -ing or -ed ending, and
"content" words are those not in a short list of function words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from functools import lru_cache
from types import MappingProxyType

_TOKEN = re.compile(r"[^\W_]+")
_POSSESSIVE = re.compile(r"['’]s\b")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’]?\s+")
_FIGURE = re.compile(
    r"(?<![\w.,])(?:[$€£¥]\s?)?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w])"
    r"(?:\s*(%|percent|thousand|million|billion|trillion))?",
    re.IGNORECASE,
)
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def word_set(words: str) -> frozenset[str]:
    """The words of a text separated by spaces, as a set (for word lists written as text)."""
    return frozenset(words.split())


STOPWORDS = word_set(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom whose why will with would you your yours yourself
    yourselves s t ll d re ve m one two three many much
    """
)
"""Function words: never a cue that ties one question to another."""


def fold(text: str) -> str:
    """NFC and case-folded, with curly apostrophes made straight."""
    return unicodedata.normalize("NFC", text).casefold().replace("’", "'")


@lru_cache(maxsize=16384)  # the rules look at the same prompts, choices and contexts in turn
def tokens(text: str) -> tuple[str, ...]:
    """The words and numbers of a text, case-folded, punctuation and possessive 's dropped
    (`China's` → `china`; `1,000` → `1`, `000`: compare numbers with `figures`)."""
    return tuple(_TOKEN.findall(_POSSESSIVE.sub("", fold(text))))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem, enough to match `balancing` with `balance` and `hubs` with `hub`."""
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 4 and word.endswith(("ses", "xes", "ches", "shes")):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


@lru_cache(maxsize=16384)
def content_stems(text: str) -> frozenset[str]:
    """The stems of a text's content words (no function words, no bare numbers)."""
    return frozenset(content_words(text))


@lru_cache(maxsize=16384)
def content_words(text: str) -> Mapping[str, str]:
    """The stems of a text's content words, each with the word as written (for messages)."""
    found: dict[str, str] = {}
    for word in tokens(text):
        if word not in STOPWORDS and len(word) > 2 and not word.isdigit():
            found.setdefault(stem(word), word)
    return MappingProxyType(found)


def has_phrase(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    """Whether the token list `needle` occurs, contiguous, in `haystack`."""
    if not needle or len(needle) > len(haystack):
        return False
    first = needle[0]
    size = len(needle)
    return any(
        haystack[start : start + size] == needle
        for start, word in enumerate(haystack[: len(haystack) - size + 1])
        if word == first
    )


@lru_cache(maxsize=16384)
def figures(text: str) -> tuple[tuple[float, str], ...]:
    """Each number written in digits in a text, as (value as written, the words that write it):
    `$95 billion` gives (95, '$95 billion'); the scale word is part of the words, not the value."""
    return tuple(
        (float(match[1].replace(",", "")), match[0].strip()) for match in _FIGURE.finditer(text)
    )


def scaled(value: float, written: str) -> float:
    """A figure's full value: `80 million` is 80,000,000."""
    last = written.split()[-1].casefold() if written.split() else ""
    return value * _SCALES.get(last, 1.0)


def sentences(text: str) -> list[str]:
    """A text cut into sentences (at `.`, `!`, `?` or `…` followed by a space)."""
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]
