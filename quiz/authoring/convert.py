"""What importers share: the result of an import (with what was skipped or lost, by line), ids
from titles, the bank header's metadata as `key: value` comment lines, and YAML output."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import yaml

from quiz.authoring.schema import modeline
from quiz.engine.model import ID_PATTERN

_ID = re.compile(ID_PATTERN)


@dataclass(frozen=True)
class Skipped:
    """A question that could not be imported: its line in the source file, why (a sentence), and
    the kind of reason the summary counts it under (`essay`, `cloze`, `unreadable`...)."""

    line: int
    reason: str
    kind: str = "unsupported"


@dataclass(frozen=True)
class Loss:
    """Something a question had that the bank cannot keep (partial credit, feedback on a right
    answer, an image...), reported as a warning at its line."""

    line: int
    message: str


FIELD_ORDER = (
    "id",
    "type",
    "topic",
    "difficulty",
    "prompt",
    "choices",
    "items",
    "pairs",
    "distractors",
    "answer",
    "accept",
    "tolerance",
    "unit",
    "feedback",
    "hint",
    "explanation",
    "context",
    "lint",
)
"""The order fields are written in, as teachers write them."""

HEADER_KEYS = (
    "title",
    "description",
    "source title",
    "source publisher",
    "source url",
    "source text",
)
"""The bank header fields that exports keep in `key: value` comment lines (GIFT and Moodle XML
have no place for them), and that imports read back."""


@dataclass(frozen=True)
class ImportResult:
    """An imported bank, as data ready to be written as YAML, and what was left out or lost."""

    bank: dict[str, Any]
    skipped: list[Skipped]
    losses: list[Loss] = field(default_factory=list)

    @classmethod
    def build(
        cls,
        title: str,
        questions: list[dict[str, Any]],
        skipped: list[Skipped],
        losses: list[Loss] | None = None,
        header: dict[str, str] | None = None,
    ) -> ImportResult:
        """The bank from question fields (in any order, `None` and empty values left out) and
        the header read from the file's comments, if any."""
        tidy = [
            {key: q[key] for key in FIELD_ORDER if key in q and q[key] not in (None, [], {})}
            for q in questions
        ]
        for question in tidy:
            if question.get("tolerance") == 0:
                del question["tolerance"]
            for key in ("answer", "tolerance"):
                value = question.get(key)
                if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
                    question[key] = int(value)
        bank: dict[str, Any] = {"title": (header or {}).get("title") or title}
        if header and header.get("description"):
            bank["description"] = header["description"]
        source = {
            name: header[f"source {name}"]
            for name in ("title", "publisher", "url", "text")
            if header and header.get(f"source {name}")
        }
        if source.get("title"):
            bank["source"] = source
        bank["questions"] = tidy
        ordered_losses = sorted(losses or [], key=lambda loss: loss.line)
        return cls(bank, sorted(skipped, key=lambda s: s.line), ordered_losses)

    @property
    def missing_context(self) -> list[str]:
        """The ids of the questions that still need a `context` before the bank validates."""
        return [q["id"] for q in self.bank["questions"] if "context" not in q]

    def summary(self) -> str:
        """One line: how many questions came in, were skipped (by kind) and lost something."""
        count = len(self.bank["questions"])
        parts = [f"{count} question{'s' * (count != 1)} imported"]
        if self.skipped:
            kinds = Counter(s.kind for s in self.skipped)
            detail = ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items()))
            parts.append(f"{len(self.skipped)} skipped ({detail})")
        else:
            parts.append("0 skipped")
        warnings = len(self.losses)
        parts.append(f"{warnings} warning{'s' * (warnings != 1)}")
        return ", ".join(parts)

    def to_yaml(self) -> str:
        """The bank as YAML, with the schema line editors use."""
        body = yaml.safe_dump(
            self.bank, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
        )
        return f"{modeline()}\n{body}"


def slug(text: str, used: set[str]) -> str:
    """A question id from a title or prompt: `Capital of France?` → `capital-of-france`, a
    title that already is an id kept whole, made unique against `used` (which it updates)."""
    if _ID.match(text) and len(text) <= 80:
        base = text
    else:
        ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        words = re.findall(r"[a-z0-9]+", ascii_text.lower())[:6]
        base = "-".join(words) or "question"
    candidate, number = base, 1
    while candidate in used:
        number += 1
        candidate = f"{base}-{number}"
    used.add(candidate)
    return candidate


def header_lines(
    title: str, description: str | None, source: dict[str, str | None] | None
) -> list[str]:
    """A bank's header as `key: value` lines (new lines written `\\n`), for an export's
    comments."""
    values = {"title": title, "description": description}
    for name, value in (source or {}).items():
        values[f"source {name}"] = value
    return [f"{key}: {encode_note(values[key] or '')}" for key in HEADER_KEYS if values.get(key)]


def read_header_line(line: str) -> tuple[str, str] | None:
    """`title: Xi in Kazakhstan` → ("title", "Xi in Kazakhstan"), for the keys of HEADER_KEYS."""
    key, colon, value = line.partition(":")
    key = " ".join(key.split()).lower()
    if not colon or key not in HEADER_KEYS or not value.strip():
        return None
    return key, decode_note(value.strip())


def encode_note(text: str) -> str:
    """A value on one comment line: backslashes doubled, new lines as `\\n`."""
    return text.replace("\\", "\\\\").replace("\n", "\\n")


def decode_note(text: str) -> str:
    """`encode_note` undone (`\\-` is a `-`, which XML comments need after another `-`)."""
    return re.sub(r"\\(\\|n|-)", lambda m: {"n": "\n"}.get(m.group(1), m.group(1)), text)


def number_text(value: float) -> str:
    """A number in full, as every GIFT and XML reader takes it: `1234567`, `0.000000005`, `-2.5`."""
    text = format(Decimal(repr(float(value))), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def lint_note(lint: Mapping[str, Any]) -> str:
    """A question's `lint:` silence on one line (JSON), for an export's comment."""
    return json.dumps({"ignore": list(lint["ignore"]), "why": lint["why"]}, ensure_ascii=False)


def read_lint_note(text: str) -> dict[str, Any] | None:
    """`lint_note` read back, or None when it is not one."""
    try:
        value = json.loads(text)
    except ValueError:
        return None
    if not isinstance(value, dict) or set(value) != {"ignore", "why"}:
        return None
    ignore, why = value["ignore"], value["why"]
    if not isinstance(why, str) or not isinstance(ignore, list):
        return None
    if not all(isinstance(rule, str) for rule in ignore):
        return None
    return {"ignore": ignore, "why": why}


def with_article(word: str) -> str:
    """`a choice`, `an order`, `a multi`: the indefinite article a word takes (by its first
    letter: a vowel takes `an`)."""
    return f"{'an' if word[:1].lower() in 'aeiou' and word else 'a'} {word}"
