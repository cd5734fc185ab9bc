"""The host's messages (docs/protocol.md) as the student's app reads them: each a small frozen
record, read field by field with a safe default, so an odd or missing field never stops the
app. Texts stay data: they are shown literally (`quiz.ui.live.text.literal`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from quiz.engine.checking import AnswerRow, Breakdown
from quiz.engine.source import Paragraph
from quiz.engine.terminal_safety import first_unsafe, terminal_safe


def _text(message: Mapping[str, Any], key: str, default: str = "") -> str:
    value = message.get(key)
    return value if isinstance(value, str) else default


def _int(message: Mapping[str, Any], key: str, default: int = 0) -> int:
    value = message.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _float(message: Mapping[str, Any], key: str) -> float | None:
    value = message.get(key)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def _bool(message: Mapping[str, Any], key: str) -> bool:
    return message.get(key) is True


def _texts(message: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = message.get(key)
    if not isinstance(value, list):
        return ()
    return tuple(item for item in value if isinstance(item, str))


def _dicts(message: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = message.get(key)
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


@dataclass(frozen=True)
class Question:
    """`question`: what a student needs to answer (never the answer)."""

    number: int
    total: int
    kind: str
    input: str
    """The input it is answered with: `choice`, `multi` or `typed`."""
    topic: str
    difficulty: str
    prompt: str
    choices: tuple[str, ...]
    items: tuple[str, ...]
    """A match's items (its partners are the `choices`); empty for other inputs."""
    unit: str | None
    seconds_left: float | None
    paused: bool

    @classmethod
    def read(cls, message: Mapping[str, Any]) -> Question:
        return cls(
            number=_int(message, "number"),
            total=_int(message, "total"),
            kind=_text(message, "kind"),
            input=_text(message, "input"),
            topic=_text(message, "topic"),
            difficulty=_text(message, "difficulty"),
            prompt=_text(message, "prompt"),
            choices=_texts(message, "choices"),
            items=_texts(message, "items"),
            unit=_text(message, "unit") or None,
            seconds_left=_float(message, "seconds_left"),
            paused=_bool(message, "paused"),
        )


@dataclass(frozen=True)
class Timer:
    """`timer`: the countdown was paused, resumed or given more time."""

    number: int
    seconds_left: float | None
    paused: bool

    @classmethod
    def read(cls, message: Mapping[str, Any]) -> Timer:
        return cls(
            _int(message, "number"), _float(message, "seconds_left"), _bool(message, "paused")
        )


@dataclass(frozen=True)
class Reveal:
    """`reveal`: the right answer, why, and the passage that proves it (the same for all)."""

    number: int
    answer: str
    right: tuple[int, ...]
    explanation: str
    passage: tuple[Paragraph, ...]
    source_title: str | None = None
    """The source's title (shown above the passage), None when the bank names none."""
    source_publisher: str | None = None

    @classmethod
    def read(cls, message: Mapping[str, Any]) -> Reveal:
        right = message.get("right")
        source = message.get("source")
        source = source if isinstance(source, dict) else {}
        indices = tuple(i for i in right if isinstance(i, int)) if isinstance(right, list) else ()
        return cls(
            number=_int(message, "number"),
            answer=_text(message, "answer"),
            right=indices,
            explanation=_text(message, "explanation"),
            passage=tuple(_paragraph(item) for item in _dicts(message, "passage")),
            source_title=_text(source, "title") or None,
            source_publisher=_text(source, "publisher") or None,
        )


def _paragraph(item: Mapping[str, Any]) -> Paragraph:
    """A passage paragraph, its highlights kept only where they fall inside its text. A text
    with control characters (never from a well-behaved host) is shown escaped, unhighlighted."""
    text = _text(item, "text")
    if first_unsafe(text, multiline=True) is not None:
        return Paragraph(terminal_safe(text, multiline=True))
    spans = item.get("highlights")
    highlights: list[tuple[int, int]] = []
    for span in spans if isinstance(spans, list) else []:
        if (
            isinstance(span, list)
            and len(span) == 2
            and all(isinstance(n, int) and not isinstance(n, bool) for n in span)
            and 0 <= span[0] < span[1] <= len(text)
        ):
            highlights.append((span[0], span[1]))
    return Paragraph(text, tuple(highlights))


@dataclass(frozen=True)
class Result:
    """`result`: this student's own verdict, points and place after a reveal."""

    number: int
    took_part: bool
    answered: bool
    given: str
    correct: bool
    points: int
    note: str
    feedback: tuple[str, ...]
    breakdown: Breakdown | None
    """An answer given in parts (an order), part by part beside the right one."""
    score: int
    rank: int
    moved: int
    players: int

    @classmethod
    def read(cls, message: Mapping[str, Any]) -> Result:
        return cls(
            number=_int(message, "number"),
            took_part=_bool(message, "took_part"),
            answered=_bool(message, "answered"),
            given=_text(message, "given"),
            correct=_bool(message, "correct"),
            points=_int(message, "points"),
            note=_text(message, "note"),
            feedback=_texts(message, "feedback"),
            breakdown=_breakdown(message.get("breakdown")),
            score=_int(message, "score"),
            rank=_int(message, "rank"),
            moved=_int(message, "moved"),
            players=_int(message, "players"),
        )


def _breakdown(value: object) -> Breakdown | None:
    """An answer's breakdown, its texts made terminal-safe here (the table shows them as they
    are), or None."""
    if not isinstance(value, dict):
        return None
    headings = _texts(value, "headings")
    rows = tuple(
        AnswerRow(
            terminal_safe(_text(row, "given")),
            terminal_safe(_text(row, "right")),
            _bool(row, "correct"),
            terminal_safe(_text(row, "remark")),
        )
        for row in _dicts(value, "rows")
    )
    if len(headings) != 2 or not rows:
        return None
    return Breakdown((terminal_safe(headings[0]), terminal_safe(headings[1])), rows)


@dataclass(frozen=True)
class Standing:
    """One line of a leaderboard or the podium."""

    name: str
    score: int
    rank: int
    moved: int

    @classmethod
    def read(cls, message: Mapping[str, Any]) -> Standing:
        return cls(
            _text(message, "name"),
            _int(message, "score"),
            _int(message, "rank"),
            _int(message, "moved"),
        )


@dataclass(frozen=True)
class Leaderboard:
    """`leaderboard`: the top five between questions."""

    number: int
    total: int
    top: tuple[Standing, ...]
    players: int

    @classmethod
    def read(cls, message: Mapping[str, Any]) -> Leaderboard:
        return cls(
            _int(message, "number"),
            _int(message, "total"),
            tuple(Standing.read(item) for item in _dicts(message, "top")),
            _int(message, "players"),
        )


@dataclass(frozen=True)
class End:
    """`end`: the podium and this student's own place, score and right answers."""

    podium: tuple[Standing, ...]
    players: int
    rank: int
    score: int
    right: int
    asked: int

    @classmethod
    def read(cls, message: Mapping[str, Any]) -> End:
        you = message.get("you")
        mine: Mapping[str, Any] = you if isinstance(you, dict) else {}
        return cls(
            tuple(Standing.read(item) for item in _dicts(message, "podium")),
            _int(message, "players"),
            _int(mine, "rank"),
            _int(mine, "score"),
            _int(mine, "right"),
            _int(mine, "asked"),
        )


def place(rank: int) -> str:
    """`1st`, `2nd`, `3rd`, `4th`, `11th`, `21st`."""
    if 10 <= rank % 100 <= 20:
        return f"{rank}th"
    return f"{rank}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(rank % 10, 'th') }"
