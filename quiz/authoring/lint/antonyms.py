"""Words and their opposites, for true/false statements made false by swapping one word of the
text's sentence for its opposite ("poor" for "abundant"): a statement a student answers by
spotting the swap, as with an added "not".

A small list written by hand (no word-frequency or WordNet dependency): the opposites that
come up in statements about trade, politics, places and figures. A pair missing here is a
warning not given, never a false one; add pairs as banks need them.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from quiz.authoring.lint.words import stem

_PAIRS = """
abundant poor, abundant scarce, rich poor, plentiful scarce, large small, big small,
largest smallest, biggest smallest, high low, higher lower, highest lowest, more less,
more fewer, most least, increase decrease, increasing decreasing, rise fall, rising falling,
grow shrink, growing shrinking, growth decline, strengthen weaken, stronger weaker,
strong weak, strengthening weakening, expand reduce, expand contract, improve worsen,
support oppose, supports opposes, accept reject, gain lose, win lose, success failure,
first last, early late, earlier later, before after, new old, open closed, public private,
ally rival, friend enemy, cooperation competition, include exclude, import export,
imports exports, north south, east west, inland coastal, underpopulated overpopulated,
sparsely densely, heavily lightly, secure insecure, stable unstable, legal illegal,
possible impossible, likely unlikely, major minor, vital minor, essential unnecessary,
welcome unwelcome, cheap expensive, fast slow, near far, same different, agree disagree,
deepen weaken, deepening weakening, boost hinder, booming struggling, weakening strengthening
"""

OPPOSITES: frozenset[frozenset[str]] = frozenset(
    frozenset((stem(first), stem(second)))
    for first, second in (pair.split() for pair in _PAIRS.replace("\n", " ").split(","))
)
"""Each pair of opposites, as the stems lint compares."""


def swapped_opposite(statement: Sequence[str], sentence: Sequence[str]) -> tuple[str, str] | None:
    """The (sentence's word, statement's word) when the statement's stems are a stretch of the
    sentence's with exactly one word swapped for its opposite (a word left out or added on
    either side is allowed, as rewording does); else None."""
    if len(statement) < 4:
        return None
    matcher = difflib.SequenceMatcher(a=statement, b=sentence, autojunk=False)
    blocks = [block for block in matcher.get_matching_blocks() if block.size]
    if not blocks or sum(block.size for block in blocks) < len(statement) - 2:
        return None
    swap = None
    start, end = blocks[0].b, blocks[-1].b + blocks[-1].size
    stretch = list(sentence[start:end])
    inner = difflib.SequenceMatcher(a=statement, b=stretch, autojunk=False)
    for tag, a_from, a_to, b_from, b_to in inner.get_opcodes():
        if tag == "equal":
            continue
        theirs, mine = stretch[b_from:b_to], list(statement[a_from:a_to])
        found = [
            (their, my)
            for their in theirs
            for my in mine
            if frozenset((their, my)) in OPPOSITES and their != my
        ]
        if found and swap is None:
            swap = found[0]
        elif len(theirs) > 1 or len(mine) > 1:
            return None  # more than one word reworded: a statement of its own
    return swap
