"""Drafts left unreviewed: a question `quiz draft` wrote still carries its `# draft:` line."""

from __future__ import annotations

from collections.abc import Iterator

from quiz.authoring.lint.core import BankFacts, Flag, LintRule, rule
from quiz.engine.model import AnyQuestion

DRAFT_MARK = "# draft:"
"""How the line `quiz draft` writes above each question begins (quiz.authoring.draft)."""


def _lines(facts: BankFacts) -> list[str]:
    """The bank file's lines (none when it cannot be read again)."""
    try:
        return facts.bank.path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


@rule(
    "draft-unreviewed",
    "A question `quiz draft` wrote that nobody has checked yet: its `# draft:` line is still there.",
    flawed="""\
  # draft: check this question against the article, then delete this line
  - id: summit-city
    prompt: 'Fill in the blank: The gathering, taking place in _____, includes leaders from the region.'
    choices: [Astana, Moscow, Tashkent]
    answer: Astana
""",
    sound="""\
  - id: summit-city
    prompt: In which city do the Central Asian leaders meet Xi Jinping?
    choices: [Astana, Moscow, Tashkent]
    answer: Astana
""",
)
def draft_unreviewed(question: AnyQuestion, facts: BankFacts) -> Iterator[Flag]:
    lines = facts.shared("draft-lines", lambda: _lines(facts))
    above = facts.line_of(question.id) - 2  # the line above the question's first, 0-based
    while above >= 0 and not lines[above].strip():
        above -= 1
    if 0 <= above < len(lines) and lines[above].strip().startswith(DRAFT_MARK):
        yield Flag(
            (),
            "drafted by 'quiz draft' and not yet reviewed: check it against the article, "
            "rewrite or delete it, then delete its '# draft:' line",
        )


RULES: tuple[LintRule, ...] = (draft_unreviewed,)
