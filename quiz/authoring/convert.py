"""What importers share: the result of an import, ids from titles, and YAML output."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import yaml

from quiz.authoring.schema import modeline


@dataclass(frozen=True)
class Skipped:
    """A question that could not be imported: its line in the source file and why."""

    line: int
    reason: str


@dataclass(frozen=True)
class ImportResult:
    """An imported bank, as data ready to be written as YAML, and what was left out."""

    bank: dict[str, Any]
    skipped: list[Skipped]

    @classmethod
    def build(
        cls, title: str, questions: list[dict[str, Any]], skipped: list[Skipped]
    ) -> ImportResult:
        order = (
            "id",
            "type",
            "topic",
            "difficulty",
            "prompt",
            "choices",
            "answer",
            "accept",
            "tolerance",
            "unit",
            "feedback",
            "hint",
            "explanation",
            "context",
        )
        tidy = [
            {key: q[key] for key in order if key in q and q[key] not in (None, [], {})}
            for q in questions
        ]
        for question in tidy:
            if question.get("tolerance") == 0:
                del question["tolerance"]
            for key in ("answer", "tolerance"):
                value = question.get(key)
                if isinstance(value, float) and value.is_integer():
                    question[key] = int(value)
        return cls({"title": title, "questions": tidy}, skipped)

    @property
    def missing_context(self) -> int:
        """How many questions still need a `context` before the bank validates."""
        return sum(1 for q in self.bank["questions"] if "context" not in q)

    def to_yaml(self) -> str:
        """The bank as YAML, with the schema line editors use."""
        body = yaml.safe_dump(
            self.bank, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
        )
        return f"{modeline()}\n{body}"


def slug(text: str, used: set[str]) -> str:
    """A question id from a title or prompt: `Capital of France?` → `capital-of-france`,
    made unique against `used` (which it updates)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())[:6]
    base = "-".join(words) or "question"
    candidate, number = base, 1
    while candidate in used:
        number += 1
        candidate = f"{base}-{number}"
    used.add(candidate)
    return candidate
