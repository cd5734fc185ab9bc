"""`quiz draft`: a draft bank from an article, every question tied to the sentence that proves it.

The article is read by careful rules (`facts`, with English in `english`), candidate questions are
built from what it states (`questions`), the best are kept, and the bank is written with a
`# draft:` line above each question for the teacher to review: it passes `quiz validate` as
written, and the same article always gives the same file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from quiz.authoring.convert import FIELD_ORDER, slug
from quiz.authoring.draft.facts import Article
from quiz.authoring.draft.questions import Candidate, candidates, choose
from quiz.authoring.schema import modeline

DRAFT_MARK = "# draft: check this question against the article, then delete this line"
"""The line above every drafted question; `quiz lint` reports those still there
(quiz.authoring.lint.drafts, which knows it by its start)."""


class DraftError(Exception):
    """Nothing could be drafted; the message says why."""


@dataclass(frozen=True)
class Draft:
    """A drafted bank: its title and questions, written as YAML by `to_yaml`."""

    title: str
    source_title: str
    source_file: str
    questions: list[dict[str, Any]]

    def to_yaml(self) -> str:
        """The bank as a teacher reads it: a header, then each question under its draft mark."""
        header = {
            "title": self.title,
            "description": f"A draft drawn from “{self.source_title}”: review every question.",
            "source": {"title": self.source_title, "text": self.source_file},
        }
        lines = [modeline(), _dump(header).rstrip(), "questions:"]
        for question in self.questions:
            body = _dump([question]).rstrip().splitlines()
            lines.append("")
            lines.append(f"  {DRAFT_MARK}")
            lines.extend(f"  {line}" for line in body)
        return "\n".join(lines) + "\n"


def _dump(data: Any) -> str:
    return yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )


def question_types() -> frozenset[str]:
    """The question types this version of quiz has (a draft asks `match`/`order` where it can)."""
    schema = json.loads(_schema())
    found: set[str] = set()
    for definition in schema.get("$defs", {}).values():
        kind = definition.get("properties", {}).get("type", {})
        found.update(v for v in [kind.get("const"), kind.get("default")] if isinstance(v, str))
        found.update(v for v in kind.get("enum", []) if isinstance(v, str))
    return frozenset(found)


def _schema() -> str:
    from quiz.authoring.schema import schema_text

    return schema_text()


def draft_bank(
    text: str, source_file: str, title: str | None = None, count: int | None = None
) -> Draft:
    """The draft of `text` (whose copy the bank names `source_file`), at most `count` questions."""
    if not text.strip():
        raise DraftError("the article is empty")
    article = Article.read(text)
    chosen = choose(article, candidates(article, question_types()), count)
    if not chosen:
        raise DraftError(
            "found nothing to ask: the drafter reads English text for figures, names, quotes "
            "and lists, and found none it could ask about"
        )
    headline = article.title or chosen[0].sentence.text[:120]
    return Draft(
        title=title or headline,
        source_title=headline,
        source_file=source_file,
        questions=_finish(chosen),
    )


def _finish(chosen: list[Candidate]) -> list[dict[str, Any]]:
    """The questions with ids, their fields in the guide's order, and whole numbers as integers."""
    used: set[str] = set()
    finished = []
    for candidate in chosen:
        question = dict(candidate.question)
        question["id"] = slug(_id_words(question), used)
        for key in ("answer", "tolerance"):
            value = question.get(key)
            if isinstance(value, float) and value.is_integer():
                question[key] = int(value)
        if question.get("tolerance") == 0:
            del question["tolerance"]
        finished.append(
            {key: question[key] for key in FIELD_ORDER if question.get(key) not in (None, [], "")}
        )
    return finished


def _id_words(question: dict[str, Any]) -> str:
    answer = question.get("answer")
    topic = str(question["topic"])
    if isinstance(answer, str):
        return f"{topic} {answer}"
    if question.get("pairs"):
        return f"{topic} {' '.join(str(pair[0]) for pair in question['pairs'])}"
    return f"{topic} {question['prompt']}"


def write_draft(
    article: Path,
    output: Path,
    title: str | None = None,
    count: int | None = None,
    force: bool = False,
) -> list[Path]:
    """Draft `article` into the bank `output`, its text copied into `sources/` beside it, as
    `quiz new --source` does (the same rules: `quiz.authoring.starter.write_bank`); returns the
    files written. DraftError when nothing can be drafted, StarterError when a file cannot be
    read or written."""
    from quiz.authoring.starter import read_source, source_copy, write_bank

    data, text = read_source(article)
    copy = source_copy(output, article, data)
    draft = draft_bank(text, f"sources/{copy.name}", title, count)
    return write_bank(output, draft.to_yaml(), article, (copy, data), force=force)
