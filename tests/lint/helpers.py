"""Banks for lint tests: questions written as the guide's examples, with the fields a rule does
not look at filled in, and the bundled article as their source text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from quiz.authoring.lint import LintReport, lint_paths
from quiz.engine.discovery import bundled_folder

ARTICLE = bundled_folder() / "sources" / "xi-kazakhstan-central-asia.txt"
DEFAULTS: dict[str, Any] = {
    "topic": "Example",
    "explanation": "The article says so.",
    "context": "Chinese President Xi Jinping is visiting Kazakhstan",
}


def example_bank(folder: Path, questions: str, name: str = "example.yaml") -> Path:
    """A bank of the questions in `questions` (YAML, as under `questions:`), beside the article."""
    items: list[dict[str, Any]] = yaml.safe_load(questions)
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    (folder / "sources" / ARTICLE.name).write_text(ARTICLE.read_text("utf-8"), encoding="utf-8")
    bank = {
        "title": "Examples",
        "source": {"title": "The article", "text": f"sources/{ARTICLE.name}"},
        "questions": [{**DEFAULTS, **item} for item in items],
    }
    path = folder / name
    path.write_text(yaml.safe_dump(bank, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def lint_example(folder: Path, questions: str) -> LintReport:
    """Lint a bank of these example questions; it must be valid."""
    report = lint_paths([example_bank(folder, questions)])
    assert report.errors == []
    return report
