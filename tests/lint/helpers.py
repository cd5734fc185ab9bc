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
    header = {
        "title": "Examples",
        "source": {"title": "The article", "text": f"sources/{ARTICLE.name}"},
    }
    comments = _comments_above(questions)
    lines = [yaml.safe_dump(header, allow_unicode=True, sort_keys=False).rstrip(), "questions:"]
    for item in items:
        lines += [f"  {comment}" for comment in comments.get(str(item.get("id")), [])]
        body = yaml.safe_dump([{**DEFAULTS, **item}], allow_unicode=True, sort_keys=False)
        lines += [f"  {line}" for line in body.rstrip().splitlines()]
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _comments_above(questions: str) -> dict[str, list[str]]:
    """The comment lines written just above each question (by id), kept in the bank written:
    some rules read them (a `quiz draft` mark)."""
    found: dict[str, list[str]] = {}
    waiting: list[str] = []
    for line in questions.splitlines():
        text = line.strip()
        if text.startswith("#"):
            waiting.append(text)
        elif text.startswith("- id:"):
            found[text.removeprefix("- id:").strip()] = waiting
            waiting = []
        elif text:
            waiting = []
    return found


def lint_example(folder: Path, questions: str) -> LintReport:
    """Lint a bank of these example questions; it must be valid."""
    report = lint_paths([example_bank(folder, questions)])
    assert report.errors == []
    return report
