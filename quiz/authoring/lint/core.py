"""The lint machinery: what a rule is, what it finds, and running every rule over a bank.

A rule is a small unit (`LintRule`): a name, a one-line description, a flawed and a sound
example (the guide shows both, and the tests lint both), and a check that looks at one question
with what it may need to know about the whole bank (`BankFacts`, worked out once per bank, on
first use). A check yields `Flag`s: where in the question (a path like `("choices", 2)`) and a
one-line message that says what is wrong and how to fix it.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from functools import cached_property
from typing import Any, TypeVar

from yaml.nodes import Node

from quiz.authoring.lint.keys import remembering_answers
from quiz.engine import yamltree
from quiz.engine.model import AnyQuestion, Bank

Loc = tuple[str | int, ...]
T = TypeVar("T")

UNKNOWN_RULE = "unknown-rule"
NEEDLESS_IGNORE = "needless-ignore"


@dataclass(frozen=True)
class Flag:
    """One weakness a rule found in a question: where (a path inside it) and what to do."""

    loc: Loc
    message: str


Check = Callable[[AnyQuestion, "BankFacts"], Iterable[Flag]]


@dataclass(frozen=True)
class LintRule:
    """One item-writing rule: its name (as `lint.ignore` names it), what it finds, a flawed and
    a sound example (questions in YAML, as under `questions:`), and its check."""

    name: str
    doc: str
    flawed: str
    sound: str
    check: Check


@dataclass(frozen=True)
class Finding:
    """A rule's warning at a file, line and column; `silenced` holds the bank's reason when the
    question silences the rule."""

    file: str
    line: int
    column: int
    question: str
    rule: str
    message: str
    silenced: str | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.rule}: question '{self.question}': {self.message}"

    def as_dict(self) -> dict[str, Any]:
        """`{file, line, column, question, rule, message, silenced}`, for `--format json`."""
        return asdict(self)


class BankFacts:
    """What rules need to know about a whole bank, each worked out once, when first asked for."""

    def __init__(self, bank: Bank, root: Node | None = None) -> None:
        self.bank = bank
        self.questions: Sequence[AnyQuestion] = bank.questions
        self._root = root
        self._shared: dict[str, Any] = {}

    def shared(self, key: str, make: Callable[[], T]) -> T:
        """A bank-wide value a rule needs (an index, say), made by `make` on first use."""
        if key not in self._shared:
            self._shared[key] = make()
        value: T = self._shared[key]
        return value

    @cached_property
    def evidence(self) -> str:
        """The source text, or every context of the bank when it has none."""
        if self.bank.source_text is not None:
            return self.bank.source_text.text
        return "\n\n".join(question.context for question in self.questions)

    @cached_property
    def index_of(self) -> dict[str, int]:
        """Each question's place in the bank, by id."""
        return {question.id: index for index, question in enumerate(self.questions)}

    def line_of(self, question_id: str) -> int:
        """The line a question starts on (0 when unknown)."""
        if self._root is None:
            return 0
        index = self.index_of[question_id]
        return yamltree.position(yamltree.find_node(self._root, ("questions", index)))[0]


def lint_bank(
    bank: Bank, rules: Sequence[LintRule], shown: str, root: Node | None = None
) -> list[Finding]:
    """Every rule's findings in one bank, in file order, silenced ones included."""
    with remembering_answers():  # each question's answer worked out once, not by each rule
        return _lint_bank(bank, rules, shown, root)


def _lint_bank(
    bank: Bank, rules: Sequence[LintRule], shown: str, root: Node | None
) -> list[Finding]:
    facts = BankFacts(bank, root)
    known = {rule.name for rule in rules}
    findings: list[Finding] = []

    def place(index: int, loc: Loc) -> tuple[int, int]:
        if root is None:
            return 0, 0
        return yamltree.position(yamltree.find_node(root, ("questions", index, *loc)))

    def placer(index: int) -> Callable[[Loc], tuple[int, int]]:
        return lambda loc: place(index, loc)

    for index, question in enumerate(bank.questions):
        ignore = list(question.lint["ignore"]) if question.lint else []
        why = question.lint["why"] if question.lint else None
        fired: set[str] = set()
        for rule in rules:
            for flag in rule.check(question, facts):
                fired.add(rule.name)
                line, column = place(index, flag.loc)
                silenced = why if rule.name in ignore else None
                findings.append(
                    Finding(shown, line, column, question.id, rule.name, flag.message, silenced)
                )
        findings.extend(_silence_findings(ignore, known, fired, question.id, shown, placer(index)))
    findings.sort(key=lambda finding: (finding.line, finding.column, finding.rule))
    return findings


def _silence_findings(
    ignore: list[str],
    known: set[str],
    fired: set[str],
    question: str,
    shown: str,
    place: Callable[[Loc], tuple[int, int]],
) -> Iterator[Finding]:
    """A `lint.ignore` naming a rule that does not exist, or one that finds nothing here."""
    for position, name in enumerate(ignore):
        line, column = place(("lint", "ignore", position))
        if name not in known:
            close = difflib.get_close_matches(name, sorted(known), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            message = f"'{name}' is not a lint rule{hint}; see 'quiz lint --rules'"
            yield Finding(shown, line, column, question, UNKNOWN_RULE, message)
        elif name not in fired:
            message = f"rule '{name}' finds nothing in this question; take it out of lint.ignore"
            yield Finding(shown, line, column, question, NEEDLESS_IGNORE, message)


def rule(name: str, doc: str, *, flawed: str, sound: str) -> Callable[[Check], LintRule]:
    """Make a check function into a `LintRule` (used as a decorator)."""

    def make(check: Check) -> LintRule:
        return LintRule(name, doc, flawed, sound, check)

    return make
