"""`match`: match each of 2 to 8 left-hand items to its right-hand partner, among the partners
and any distractors; only a wholly right match counts.

`pairs` is written either as `left: right` lines or as a list of `[left, right]`; both read as
the same list of pairs, and a mistake in either points at its own line.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from quiz.engine.question_types.base import (
    InputKind,
    QuestionBase,
    Report,
    Response,
    Text,
    repeats,
)

if TYPE_CHECKING:
    from quiz.engine.checking import Verdict

MIN_PAIRS, MAX_PAIRS = 2, 8
LETTERS = "abcdefghij"
"""The keys of the right-hand items: at most this many (partners and distractors together)."""
ARROW = " → "


class Pairs:
    """How pydantic reads `pairs`: `left: right` lines or a list of `[left, right]`, each
    validated as itself (errors keep their place in what was written), then as a list of
    (left, right). Imported with pydantic only, when a file is read."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        mapping, listing = _pair_schemas()

        def read(value: Any) -> list[tuple[str, str]]:
            if isinstance(value, dict):
                return list(_validators()[0].validate_python(value).items())
            return [(left, right) for left, right in _validators()[1].validate_python(value)]

        return core_schema.no_info_plain_validator_function(
            read, json_schema_input_schema=core_schema.union_schema([mapping, listing])
        )


@cache
def _pair_schemas() -> tuple[Any, Any]:
    from pydantic_core import core_schema

    text = core_schema.str_schema(min_length=1, strip_whitespace=True)
    mapping = core_schema.dict_schema(text, text, min_length=MIN_PAIRS, max_length=MAX_PAIRS)
    pair = core_schema.tuple_schema([text, text])
    listing = core_schema.list_schema(pair, min_length=MIN_PAIRS, max_length=MAX_PAIRS)
    return mapping, listing


@cache
def _validators() -> tuple[Any, Any]:
    from pydantic_core import SchemaValidator

    mapping, listing = _pair_schemas()
    return SchemaValidator(mapping), SchemaValidator(listing)


@dataclass(frozen=True, kw_only=True, repr=False, eq=False)  # both QuestionBase's
class MatchQuestion(QuestionBase):
    """Match each left-hand item to its partner."""

    input: ClassVar[InputKind] = "match"
    example: ClassVar[str] = """\
  # match: 2 to 8 pairs, `left: right` (or a list of [left, right]); the player matches each
  # left item to its right-hand partner, shown shuffled among any distractors.
  - id: largest-moons
    type: match
    topic: Moons
    prompt: Match each planet to its largest moon.
    pairs:
      Earth: the Moon
      Jupiter: Ganymede
      Saturn: Titan
    distractors: [Phobos]             # optional: right-hand items that match nothing
    explanation: Titan is Saturn's largest moon and Ganymede is Jupiter's; Earth has one moon.
    context: {context}
"""
    example_context: ClassVar[str] = (
        "Titan is Saturn's largest moon, Ganymede is Jupiter's, and Earth has just one, the Moon."
    )

    type: Literal["match"]
    """The question's type."""
    pairs: Annotated[list[tuple[Text, Text]], Pairs]
    """2 to 8 pairs: `left: right` lines, or a list of [left, right]."""
    distractors: list[Text] = field(default_factory=list)
    """Right-hand items that match nothing, shown among the partners."""

    def __post_init__(self) -> None:
        # From the cache, pairs come back as JSON lists: the same pairs, as tuples.
        if self.pairs and not isinstance(self.pairs[0], tuple):
            object.__setattr__(self, "pairs", [(left, right) for left, right in self.pairs])

    @property
    def lefts(self) -> list[str]:
        """The left-hand items, in the bank's order (as the game lists them)."""
        return [left for left, _ in self.pairs]

    @property
    def partners(self) -> list[str]:
        """Each left-hand item's right partner, in the bank's order."""
        return [right for _, right in self.pairs]

    def right_items(self) -> list[str]:
        """Every right-hand item once: the partners (one may match several items), then the
        distractors."""
        return list(dict.fromkeys([*self.partners, *self.distractors]))

    def ask(self, rng: random.Random) -> tuple[str, ...]:
        """The right-hand items shuffled. Any order may come, lined up with the items or not:
        ruling one out would tell the player something (with two pairs, the answer)."""
        items = self.right_items()
        rng.shuffle(items)
        return tuple(items)

    def how_to_answer(self, options: int) -> str:
        """No example pairing: with few pairs, any example could be the answer."""
        return (
            "Press an item's number, then its partner's letter; or click an item, then its "
            "partner. Enter submits."
        )

    def check(self, response: Response, known_answers: Collection[str] = ()) -> Verdict:
        """Right only when every item has its partner; each pair says whether it is right."""
        from quiz.engine.checking import AnswerRow, Breakdown, Verdict  # with the first answer

        given = list(response) if isinstance(response, tuple) else []
        given += [""] * (len(self.pairs) - len(given))
        rows = tuple(
            AnswerRow(
                f"{left}{ARROW}{mine or '(nothing)'}",
                right,
                mine == right,
                "" if mine == right else "wrong" if mine else "not matched",
            )
            for (left, right), mine in zip(self.pairs, given, strict=False)
        )
        written = "; ".join(
            f"{left}{ARROW}{mine or '(nothing)'}"
            for left, mine in zip(self.lefts, given, strict=False)
        )
        breakdown = Breakdown(("Your matches", "Right partner"), rows)
        return Verdict(all(row.correct for row in rows), written, breakdown=breakdown)

    def right_response(self) -> Response:
        return tuple(self.partners)

    def read(self, typed: str, options: Sequence[str]) -> Response | None:
        """Each item's number and its partner's letter, as asked: `1b 2a 3c` (spaces and
        commas optional)."""
        keys = [char for char in typed.casefold() if not char.isspace() and char != ","]
        if len(keys) % 2:
            return None
        chosen: dict[int, str] = {}
        for digit, letter in zip(keys[::2], keys[1::2], strict=True):
            number, partner = int(digit) if digit.isdigit() else 0, LETTERS.find(letter)
            if not 1 <= number <= len(self.pairs) or partner < 0 or partner >= len(options):
                return None
            if number in chosen:
                return None
            chosen[number] = options[partner]
        if len(chosen) != len(self.pairs):
            return None
        return tuple(chosen[number] for number in range(1, len(self.pairs) + 1))

    def typed_form(self, response: Response, options: Sequence[str]) -> str:
        """Each item's number and its partner's letter, as asked (`1b2a3c`)."""
        partners = response if isinstance(response, tuple) else ()
        return "".join(
            f"{number}{LETTERS[options.index(partner)]}"
            for number, partner in enumerate(partners, 1)
            if partner in options
        )

    def answer_text(self) -> str:
        """Every pair: `Turkmenistan → gas; Kazakhstan → uranium`."""
        return "; ".join(f"{left}{ARROW}{right}" for left, right in self.pairs)

    def part_texts(self) -> list[str]:
        return [*self.lefts, *self.right_items()]

    def vocabulary(self) -> Iterable[str]:
        return self.part_texts()

    def answer_key(self) -> dict[str, Any]:
        return {
            "pairs": sorted([left, right] for left, right in self.pairs),
            "distractors": sorted(self.distractors),
        }

    def check_rules(self, report: Report) -> None:
        """Left-hand items are distinct; distractors are distinct and match nothing; every
        right-hand item has a letter."""
        for index, left, first in repeats(self.lefts):
            report(
                ("pairs", index),
                f"left item '{left}' is listed twice (also pair {first + 1})",
                key=True,
            )
        partners = {right.casefold(): place for place, right in enumerate(self.partners)}
        for index, distractor in enumerate(self.distractors):
            if distractor.casefold() in partners:
                pair = partners[distractor.casefold()] + 1
                report(
                    ("distractors", index),
                    f"distractor '{distractor}' is the right side of pair {pair}; "
                    "a distractor matches nothing",
                )
        for index, distractor, first in repeats(self.distractors):
            report(
                ("distractors", index),
                f"distractor '{distractor}' is listed twice (also distractor {first + 1})",
            )
        count = len(self.right_items())
        if count > len(LETTERS):
            report(
                ("distractors",),
                f"{count} right-hand items (partners and distractors); at most "
                f"{len(LETTERS)} fit the keys a–{LETTERS[-1]}",
            )

    @classmethod
    def describe_error(cls, kind: str, loc: Sequence[str | int], value: Any) -> str | None:
        """`pairs` said in pairs: a pair with no right side, a pair of three, too few pairs."""
        if not loc or loc[0] != "pairs":
            return None
        if len(loc) == 1:
            if kind in ("too_short", "too_long"):
                count = len(value) if isinstance(value, list | dict) else 0
                return f"a match needs {MIN_PAIRS} to {MAX_PAIRS} pairs, found {count}"
            if kind in ("list_type", "dict_type"):
                return (
                    "'pairs' must be 'left: right' lines or a list of [left, right] pairs, "
                    f"not {'nothing' if value is None else repr(value)}"
                )
            return None
        where = loc[1]
        if isinstance(where, str):  # `left: right` lines
            if kind == "string_type":
                shown = (
                    "nothing"
                    if value is None
                    else "a list"
                    if isinstance(value, list)
                    else "a mapping"
                )
                return f"pair '{where}' has {shown} on its right side; write 'left: right'"
            if kind == "string_too_short":
                side = "left" if loc[-1] == "[key]" else "right"
                return f"pair '{where}' has an empty {side} side"
            return None
        number = where + 1
        if len(loc) == 2:
            if kind == "too_short":
                return f"pair {number} has no right side; write it as [left, right]"
            if kind == "too_long":
                return f"pair {number} has {len(value)} items; a pair is [left, right]"
            if kind in ("tuple_type", "list_type"):
                return f"pair {number} must be a list [left, right], not {value!r}"
            return None
        side = "left" if loc[2] == 0 else "right"
        if kind == "missing":
            return f"pair {number} has no right side; write it as [left, right]"
        if kind == "string_too_short":
            return f"pair {number} has an empty {side} side"
        if kind == "string_type":
            return f"pair {number}'s {side} side must be text, not {'nothing' if value is None else 'a list or a mapping'}"
        return None
