"""What the store tells teachers and players: leaderboards, every answer, and each question's
results with its most-picked wrong answers (the class's misconceptions)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from quiz.engine.store import Store, timestamp
from quiz.engine.terminal_safety import terminal_safe

ANSWER_COLUMNS = (
    "player",
    "game_id",
    "bank",
    "question_id",
    "topic",
    "difficulty",
    "answer",
    "correct",
    "points",
    "seconds",
    "hint_used",
    "answered_at",
)
QUESTION_COLUMNS = (
    "bank",
    "question_id",
    "topic",
    "difficulty",
    "answered",
    "right",
    "share_right",
    "wrong_answers",
)
LEADERBOARD_SIZE = 10


@dataclass(frozen=True)
class Filters:
    """Which answers a report covers; None means any."""

    bank: str | None = None
    player: str | None = None
    since: datetime | None = None
    game: int | None = None
    """A live class game's id (`quiz host` shows it): only its students' answers."""

    def where(self, alias: str = "a") -> tuple[str, list[Any]]:
        """The SQL condition and its parameters."""
        clauses: list[str] = ["1 = 1"]
        parameters: list[Any] = []
        if self.bank:
            clauses.append(f"{alias}.bank = ?")
            parameters.append(self.bank)
        if self.player:
            clauses.append("p.name = ?")
            parameters.append(self.player)
        if self.since:
            clauses.append(f"{alias}.answered_at >= ?")
            parameters.append(timestamp(self.since))
        if self.game is not None:
            clauses.append("g.live_game_id = ?")
            parameters.append(self.game)
        return " AND ".join(clauses), parameters


class DateOutOfRange(ValueError):
    """A date written right, but too far in the past or future for the store's clock."""


def parse_since(text: str) -> datetime:
    """`2026-11-28` (local midnight) or a full ISO time; raises ValueError otherwise (a time
    that cannot be expressed in UTC, like `9999-12-31T23:59:59-23:59`, included)."""
    text = text.strip()
    try:
        try:
            day = date.fromisoformat(text)
        except ValueError:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
            moment = moment if moment.tzinfo else moment.astimezone()
        else:
            moment = datetime(day.year, day.month, day.day).astimezone()
        moment.astimezone(UTC)  # what the store compares with
    except OverflowError:
        raise DateOutOfRange(text) from None
    return moment


def leaderboard(store: Store, bank: str, size: int = LEADERBOARD_SIZE) -> list[dict[str, Any]]:
    """Each player's best finished game in a bank, best first (ties: the earlier game)."""
    rows = store.query(
        """
        SELECT name, score, asked, right, ended_at FROM (
            SELECT p.name AS name, g.score AS score, g.asked AS asked, g.right AS right,
                   g.ended_at AS ended_at,
                   ROW_NUMBER() OVER (PARTITION BY g.player_id ORDER BY g.score DESC, g.ended_at)
                       AS place
            FROM games g JOIN players p ON p.id = g.player_id
            WHERE g.ended_at IS NOT NULL AND g.bank = ?
        ) WHERE place = 1 ORDER BY score DESC, ended_at LIMIT ?
        """,
        (bank, size),
    )
    return [
        {
            "rank": rank,
            "player": row["name"],
            "score": row["score"],
            "accuracy": round(row["right"] / row["asked"], 3) if row["asked"] else 0.0,
            "questions": row["asked"],
            "date": row["ended_at"][:10],
        }
        for rank, row in enumerate(rows, start=1)
    ]


def played_banks(store: Store) -> list[str]:
    """The banks with at least one finished game, by name."""
    rows = store.query("SELECT DISTINCT bank FROM games WHERE ended_at IS NOT NULL ORDER BY bank")
    return [row["bank"] for row in rows]


def answers_report(store: Store, filters: Filters) -> list[dict[str, Any]]:
    """One row per answer, oldest first, with the columns of ANSWER_COLUMNS."""
    condition, parameters = filters.where()
    rows = store.query(
        "SELECT p.name AS player, a.game_id, a.bank, a.question_id, a.topic, a.difficulty,"
        " a.answer, a.correct, a.points, a.seconds, a.hint_used, a.answered_at"
        " FROM answers a JOIN games g ON g.id = a.game_id JOIN players p ON p.id = g.player_id"
        f" WHERE {condition} ORDER BY a.answered_at, a.id",
        parameters,
    )
    return [
        {**dict(row), "correct": bool(row["correct"]), "hint_used": bool(row["hint_used"])}
        for row in rows
    ]


def question_report(store: Store, filters: Filters) -> list[dict[str, Any]]:
    """Per question: answered, right, share right and each wrong answer's count; hardest first."""
    condition, parameters = filters.where()
    rows = store.query(
        "SELECT a.bank, a.question_id, a.topic, a.difficulty, a.answer, a.correct"
        " FROM answers a JOIN games g ON g.id = a.game_id JOIN players p ON p.id = g.player_id"
        f" WHERE {condition}",
        parameters,
    )
    questions: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        entry = questions.setdefault(
            (row["bank"], row["question_id"]),
            {
                "bank": row["bank"],
                "question_id": row["question_id"],
                "topic": row["topic"],
                "difficulty": row["difficulty"],
                "answered": 0,
                "right": 0,
                "wrong_answers": {},
            },
        )
        entry["answered"] += 1
        if row["correct"]:
            entry["right"] += 1
        else:
            wrong = entry["wrong_answers"]
            wrong[row["answer"]] = wrong.get(row["answer"], 0) + 1
    result = []
    for entry in questions.values():
        entry["share_right"] = round(entry["right"] / entry["answered"], 3)
        entry["wrong_answers"] = dict(
            sorted(entry["wrong_answers"].items(), key=lambda kv: (-kv[1], kv[0]))
        )
        result.append(entry)
    result.sort(key=lambda e: (e["share_right"], -e["answered"], e["bank"], e["question_id"]))
    return [{column: entry[column] for column in QUESTION_COLUMNS} for entry in result]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
"""What makes a spreadsheet read a cell as a formula (full-width forms included: some
spreadsheets fold them); such cells get a leading `'`."""


def _text(value: Any) -> str:
    """A value as report text: yes/no, `answer ×count` lists, numbers as written."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return "; ".join(f"{key} ×{count}" for key, count in value.items())
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def spreadsheet_cell(value: Any) -> str:
    """A CSV cell, safe to open in a spreadsheet and to print: the one neutralisation every CSV
    cell goes through. A formula from a player's answer (`=HYPERLINK(...)`) becomes text, never
    run; control characters are shown as `\\x1b` (quiz.engine.terminal_safety). Numbers stay
    numbers."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    text = terminal_safe(_text(value))
    return "'" + text if text.lstrip(" ").startswith(FORMULA_STARTS) else text


def to_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """CSV with a header row, every cell through `spreadsheet_cell` (the only CSV writer: a
    new CSV output uses it)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([spreadsheet_cell(column) for column in columns])
    for row in rows:
        writer.writerow([spreadsheet_cell(row[column]) for column in columns])
    return out.getvalue()


def to_json(rows: Sequence[dict[str, Any]]) -> str:
    """The rows as a JSON list of objects; control and bidi characters written as `\\u` escapes
    (the same data, safe to print)."""
    return terminal_safe(json.dumps(list(rows), indent=2, ensure_ascii=False), multiline=True)


def to_table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """An aligned text table for the terminal (long cells are cut with …), every cell
    terminal-safe."""
    cells = [[terminal_safe(_text(row[column])) for column in columns] for row in rows]
    widths = [
        min(40, max([len(column)] + [len(line[i]) for line in cells]))
        for i, column in enumerate(columns)
    ]

    def fit(text: str, width: int) -> str:
        return text if len(text) <= width else text[: width - 1] + "…"

    lines = ["  ".join(fit(c, w).ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += [
        "  ".join(fit(c, w).ljust(w) for c, w in zip(line, widths, strict=True)).rstrip()
        for line in cells
    ]
    return "\n".join(lines)


def live_games(store: Store, since: datetime) -> list[dict[str, Any]]:
    """Games started since `since`, best score first: player, bank, score, progress, status."""
    rows = store.query(
        "SELECT g.id, p.name, g.bank, g.score, g.asked, g.right, g.questions, g.started_at,"
        " g.ended_at FROM games g JOIN players p ON p.id = g.player_id"
        " WHERE g.started_at >= ? ORDER BY g.score DESC, g.right DESC, g.started_at",
        (timestamp(since),),
    )
    return [
        {
            "rank": rank,
            "player": row["name"],
            "bank": row["bank"],
            "score": row["score"],
            "right": row["right"],
            "asked": row["asked"],
            "questions": row["questions"],
            "finished": row["ended_at"] is not None,
            "game_id": row["id"],
        }
        for rank, row in enumerate(rows, start=1)
    ]


def data_version(store: Store) -> int:
    """A number that changes whenever another connection commits: cheap polling for changes."""
    return int(store.query("PRAGMA data_version")[0][0])
