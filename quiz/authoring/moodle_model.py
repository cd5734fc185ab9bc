"""Moodle's questions as its importers store them, which every reader builds (`gift_reader`,
`aiken`, `moodle_xml`) and `quiz.authoring.moodle` maps onto bank questions: texts with their
format, answers with their fraction of the mark, and why a question cannot be imported."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from quiz.authoring.markup import to_plain


@dataclass
class Text:
    """A text as Moodle stores it: the characters and the format they are written in."""

    text: str
    format: str = "moodle"


@dataclass
class Answer:
    """One answer: its text, its fraction of the mark (1 is right, may be negative), feedback."""

    text: Text
    fraction: float
    feedback: Text = field(default_factory=lambda: Text(""))
    tolerance: float = 0.0


@dataclass
class MoodleQuestion:
    """A question as Moodle's importer would store it, with the line it starts at."""

    line: int
    qtype: str
    name: str
    text: Text
    topic: str = "Imported"
    general_feedback: Text = field(default_factory=lambda: Text(""))
    answers: list[Answer] = field(default_factory=list)
    single: bool = True
    case_sensitive: bool = False
    pairs: list[tuple[Text, str]] = field(default_factory=list)
    hints: list[Text] = field(default_factory=list)
    unit: str | None = None
    notes: dict[str, str] = field(default_factory=dict)
    """What quiz's own exports wrote for the bank alone: difficulty, hint, unit, lint."""
    losses: list[str] = field(default_factory=list)
    """What the reader already knows is lost (an extra hint, a unit's penalty...)."""


@dataclass
class Refused:
    """Why a question cannot be imported, and the kind of reason (for the summary)."""

    reason: str
    kind: str


class Texts:
    """Converts a question's texts to plain text, collecting what each conversion lost."""

    def __init__(self) -> None:
        self.losses: list[str] = []

    def __call__(self, text: Text, what: str) -> str:
        plain = to_plain(text.text, text.format)
        self.losses += [f"{what}: {loss}" for loss in plain.losses]
        return plain.text


def parse_number(text: str) -> float | None:
    """A number as PHP's is_numeric reads it (`12`, `-1.5`, `.5`, `1e3`), or None."""
    if not re.fullmatch(r"\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*", text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None
