"""`quiz lint`: item-writing flaws in valid banks, each a warning with its place and its fix.

`quiz validate` says what is invalid; lint says what is weak. The rules follow published
item-writing guidelines (Haladyna, Downing & Rodriguez; the item-writing-flaw rubric). Each is a
small unit in one of the modules below, with a name, a one-line description and a flawed and a
sound example, which the guide (docs/authoring.md) shows and the tests lint. A question may
silence a rule with a reason: `lint: {ignore: [rule], why: ...}`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from quiz.authoring.lint import answers, choices, drafts, giveaway, verbatim, wording
from quiz.authoring.lint.core import NEEDLESS_IGNORE, UNKNOWN_RULE, Finding, LintRule, lint_bank
from quiz.engine.discovery import collector_paused, find_bank_files
from quiz.engine.errors import BankError, LoadError, display_path

RULES: tuple[LintRule, ...] = (
    *choices.RULES,
    *verbatim.RULES,
    *wording.RULES,
    *answers.RULES,
    *giveaway.RULES,
    *drafts.RULES,
)
"""Every rule, in the order the guide lists them."""

__all__ = [
    "NEEDLESS_IGNORE",
    "RULES",
    "UNKNOWN_RULE",
    "Finding",
    "LintReport",
    "LintRule",
    "lint_paths",
]


@dataclass
class LintReport:
    """What lint found in the banks at some paths."""

    findings: list[Finding] = field(default_factory=list)
    """Every rule's warnings, silenced ones included."""
    errors: list[LoadError] = field(default_factory=list)
    """Why a bank could not be linted (it is invalid, or missing)."""
    banks: int = 0
    questions: int = 0
    files: int = 0

    @property
    def warnings(self) -> list[Finding]:
        """The warnings no reason silences."""
        return [finding for finding in self.findings if finding.silenced is None]

    @property
    def silenced(self) -> list[Finding]:
        """The warnings a question silences, with its reason."""
        return [finding for finding in self.findings if finding.silenced is not None]


def lint_paths(paths: Iterable[Path] = (), rules: Sequence[LintRule] = RULES) -> LintReport:
    """Lint every bank at the given paths (or the bundled banks and QUIZ_PATH)."""
    files, problems = find_bank_files(list(paths))
    report = LintReport(errors=list(problems), files=len(files))
    with collector_paused():  # as when a library loads: many small objects, no cycles
        for path in files:
            _lint_file(path, rules, report)
    return report


def _lint_file(path: Path, rules: Sequence[LintRule], report: LintReport) -> None:
    """Lint one bank file into `report` (or note why it cannot be linted)."""
    from quiz.engine.loader import load_bank_tree  # the YAML and pydantic machinery

    try:
        bank, root = load_bank_tree(path)
    except BankError as failure:
        report.errors.extend(failure.errors)
        return
    report.banks += 1
    report.questions += len(bank.questions)
    report.findings.extend(lint_bank(bank, rules, display_path(path), root))
