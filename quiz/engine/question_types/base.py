"""What every question has, and what each question type must say for itself.

A question type is one class, in its own module of this package, registered in its
`__init__`: its fields (whose annotations carry the format's constraints, see `Rule`), its
rules between fields, how it is asked, checked, written out and fingerprinted, and which answer
input the game gives it. `QuestionBase` lists that interface; a class that leaves a part of it
out cannot be made (they are abstract methods), and the test that walks every registered type
through a whole game fails.

This module is light to import (no pydantic, no annotated_types): a game served from the cache
starts with it.
"""

from __future__ import annotations

import hashlib
import json
import random
from abc import ABC, abstractmethod
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, Protocol

from typing_extensions import TypedDict  # pydantic reads typing's own only from Python 3.12

if TYPE_CHECKING:
    from quiz.engine.checking import Verdict  # with the first answer, not at start-up

Response = str | bool | frozenset[str] | tuple[str, ...]
"""What a player gives: a choice's text, true/false, a set of choices, typed text, or a
sequence (the items in the player's order; a match's right-hand items, one per left item)."""

InputKind = Literal["choice", "multi", "typed", "order", "match"]
"""The answer inputs the game has; each type names the one it is answered with."""


class Rule:
    """A constraint of the format on a field, named after the `annotated_types` constraint it
    stands for: `Rule("MinLen", 1)`, `Rule("Len", 2, 8)`, `Rule("Ge", 0)`.

    pydantic reads it as that constraint (`__get_pydantic_core_schema__`) when it validates a
    file or writes the JSON Schema. The game, which plays banks from the cache, never needs it,
    and so never imports annotated_types (a twentieth of its start-up).
    """

    __slots__ = ("arguments", "name")

    def __init__(self, name: str, *arguments: int) -> None:
        self.name = name
        self.arguments = arguments

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        """The schema of `source` under the `annotated_types` constraint this rule names."""
        import annotated_types

        constraint = getattr(annotated_types, self.name)(*self.arguments)
        return handler(Annotated[source, constraint])

    def __repr__(self) -> str:
        return f"Rule({self.name!r}, {', '.join(map(str, self.arguments))})"


Text = Annotated[str, Rule("MinLen", 1)]
"""A non-empty piece of text (surrounding space is dropped when a bank is read)."""

Difficulty = Literal["easy", "medium", "hard"]
DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
"""Question ids: lowercase letters and digits, words joined by single hyphens."""

STRICT: dict[str, Any] = {
    "extra": "forbid",
    "str_strip_whitespace": True,
    "allow_inf_nan": False,
    "use_attribute_docstrings": True,
}
"""How pydantic reads these classes: unknown keys are errors, no NaN, outer space dropped."""


class Report(Protocol):
    """Where a rule reports a mistake: `loc` is the path of the node to point at inside the
    question (`("answer",)`, `("choices", 2)`), `key` points at a mapping's key, not its value."""

    def __call__(self, loc: Sequence[str | int], message: str, *, key: bool = False) -> None: ...


def repeats(texts: Iterable[str]) -> Iterator[tuple[int, str, int]]:
    """Each text that repeats an earlier one, ignoring case: (its index, it, the first's index)."""
    seen: dict[str, int] = {}
    for index, text in enumerate(texts):
        folded = text.casefold()
        if folded in seen:
            yield index, text, seen[folded]
        else:
            seen[folded] = index


def ordinal(number: int) -> str:
    """`1st`, `2nd`, `3rd`, `4th`, ... `11th`, `12th`, `13th`, `21st`."""
    suffix = "th" if 10 <= number % 100 <= 20 else SUFFIXES.get(number % 10, "th")
    return f"{number}{suffix}"


SUFFIXES = {1: "st", 2: "nd", 3: "rd"}


# A plain mapping, not a dataclass, so that a question stays flat JSON in the cache. Only
# `quiz lint` reads it; it checks the rule names against the rules it knows.
class LintSilence(TypedDict):
    """Lint rules that do not apply to this question, and why: `{ignore: [rule], why: ...}`."""

    ignore: Annotated[list[Text], Rule("MinLen", 1)]
    """The names of the lint rules that do not apply to this question."""
    why: Text
    """Why they do not apply, for the next teacher who reads the bank."""


LintSilence.__pydantic_config__ = STRICT  # type: ignore[attr-defined]


# Abstract: each type's own dataclass makes its `__init__`, so none is made here; the types'
# `__repr__` (by id) and `__eq__` (by value) are this class's, one for all (`repr=False,
# eq=False` in each type's decorator). Each method a dataclass makes is compiled by an `exec`
# as its module is imported, on the game's start-up path: see docs/architecture.md.
@dataclass(frozen=True, kw_only=True, init=False, repr=False, eq=False)
class QuestionBase(ABC):
    """The fields every question has, and the interface each type implements."""

    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT

    input: ClassVar[InputKind]
    """The answer input the game gives questions of this type."""
    example: ClassVar[str]
    """A commented example of the type in YAML, as `quiz new` writes it: one item of the
    question list (two spaces in), whose `context:` is `{context}` (filled in by `quiz new`)."""
    example_context: ClassVar[str]
    """The example's context when `quiz new` has no source text to take excerpts from."""

    id: str
    """Unique in the bank: lowercase letters and digits joined by '-'."""
    topic: Text
    """The topic the question belongs to."""
    difficulty: Difficulty = "medium"
    """easy, medium or hard."""
    prompt: Text
    """The question as the student reads it."""
    hint: Text | None = None
    """Shown on request; it halves the points."""
    explanation: Text
    """Why the answer is right, in the bank's own words."""
    context: Text
    """A verbatim excerpt of the source that proves the answer."""
    lint: LintSilence | None = None
    """Lint rules silenced for this question, with the reason (see `quiz lint`)."""

    def __repr__(self) -> str:
        """`ChoiceQuestion(id='red-planet')`: which question, without its texts."""
        return f"{type(self).__name__}(id={self.id!r})"

    def __eq__(self, other: object) -> bool:
        """Questions of the same type with the same fields are equal, as dataclasses are.
        (Defining `__eq__` makes them unhashable, which most were already: they hold lists.)"""
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, f.name) == getattr(other, f.name) for f in fields(self))

    @property
    def kind(self) -> str:
        """The question's type name (`choice`, `multi`, ...)."""
        return str(getattr(self, "type", "choice"))

    # ---- asking ----

    def ask(self, rng: random.Random) -> tuple[str, ...]:
        """What the player picks from, in this game's order (shuffled); `()` for typed answers."""
        return ()

    @abstractmethod
    def how_to_answer(self, options: int) -> str:
        """One line under the prompt saying how to answer (`options`: how many were asked)."""

    # ---- checking ----

    @abstractmethod
    def check(self, response: Response, known_answers: Collection[str] = ()) -> Verdict:
        """Whether `response` answers the question, and how to show it.

        `known_answers` are the normalised answers of the game's questions (see
        `quiz.engine.checking.vocabulary`), for types that forgive typos."""

    @abstractmethod
    def right_response(self) -> Response:
        """The right answer as a player gives it (what `check` counts as right)."""

    @abstractmethod
    def read(self, typed: str, options: Sequence[str]) -> Response | None:
        """An answer typed as text (`2`, `13`, `3142`, `1b 2a`), against the options as asked,
        as the response it stands for; None when it cannot stand for one."""

    @abstractmethod
    def typed_form(self, response: Response, options: Sequence[str]) -> str:
        """The response written as a player types it, against the options as asked (`read`
        reads it back). Typed as keys into the type's answer input, then `Enter`, it answers:
        every input takes its type's typed form (the tests and the benchmarks answer so)."""

    @abstractmethod
    def answer_text(self) -> str:
        """The right answer written out for a student (feedback, results, reports)."""

    def part_texts(self) -> list[str]:
        """The texts of the question's parts, beyond its prompt, hint, explanation and context:
        its choices and their feedback, its items... (what an export must write faithfully)."""
        return []

    def vocabulary(self) -> Iterable[str]:
        """Texts of this question a typed answer elsewhere in the game could mean (its
        choices, its answers): a typo is never forgiven when it is exactly one of them."""
        return ()

    @classmethod  # noqa: B027  # a hook: most types need nothing
    def prepare_checking(cls) -> None:
        """Load what checking this type needs, before the first answer (for most, nothing)."""

    # ---- review ----

    @abstractmethod
    def answer_key(self) -> dict[str, Any]:
        """What makes an answer right (answer, choices, tolerance...), as JSON-ready data:
        its fingerprint changes when this changes, and not when a prompt's typo is fixed."""

    def fingerprint(self) -> str:
        """A short hash of the type and `answer_key`: review cards recorded under another
        fingerprint no longer apply (the teacher changed what counts as right)."""
        parts = {"type": self.kind, **self.answer_key()}
        digest = hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode())
        return digest.hexdigest()[:16]

    # ---- validating ----

    def check_rules(self, report: Report) -> None:  # noqa: B027  # a hook: some have none
        """The type's rules between fields (checked once each field is valid on its own)."""

    @classmethod
    def describe_error(cls, kind: str, loc: Sequence[str | int], value: Any) -> str | None:
        """A better sentence than the general one for a validation error of this type's own
        fields (`kind` is pydantic's error type), or None."""
        return None
