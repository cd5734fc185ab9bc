"""The teachers' guide lists every lint rule, with its examples, exactly as the rules define them."""

from __future__ import annotations

from pathlib import Path

from quiz.authoring.lint import RULES
from quiz.authoring.lint.guide import END, START, rules_list, rules_markdown

GUIDE = Path(__file__).parents[2] / "docs" / "authoring.md"


def test_the_guide_holds_the_generated_rules() -> None:
    text = GUIDE.read_text("utf-8")
    section = text[text.index(START) : text.index(END) + len(END)] + "\n"
    assert section == rules_markdown(RULES), (
        "regenerate the section: uv run python -c 'from quiz.authoring.lint import RULES; "
        "from quiz.authoring.lint.guide import rules_markdown; print(rules_markdown(RULES))'"
    )


def test_the_rules_list_has_one_line_per_rule() -> None:
    lines = rules_list(RULES).splitlines()
    assert [line.split()[0] for line in lines] == [rule.name for rule in RULES]
