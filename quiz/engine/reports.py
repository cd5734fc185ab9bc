"""What the store tells teachers and players: leaderboards, every answer, and each question's
results with its most-picked wrong answers (the class's misconceptions)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, TextIO

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
    return list(answer_rows(store, filters))


def answer_rows(store: Store, filters: Filters) -> Iterator[dict[str, Any]]:
    """`answers_report`'s rows one at a time, read from the store as they are written out: a
    year of a class's answers is never held in memory whole."""
    condition, parameters = filters.where()
    rows = store.rows(
        "SELECT p.name AS player, a.game_id, a.bank, a.question_id, a.topic, a.difficulty,"
        " a.answer, a.correct, a.points, a.seconds, a.hint_used, a.answered_at"
        " FROM answers a JOIN games g ON g.id = a.game_id JOIN players p ON p.id = g.player_id"
        f" WHERE {condition} ORDER BY a.answered_at, a.id",
        parameters,
    )
    for row in rows:
        yield {**dict(row), "correct": bool(row["correct"]), "hint_used": bool(row["hint_used"])}


def question_report(store: Store, filters: Filters) -> list[dict[str, Any]]:
    """Per question: answered, right, share right and each wrong answer's count; hardest first."""
    condition, parameters = filters.where()
    rows = store.rows(  # one answer at a time: memory grows with questions, not answers
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


def write_report(
    rows: Callable[[], Iterable[dict[str, Any]]], columns: Sequence[str], form: str, out: TextIO
) -> int:
    """Write a report as `form` (table, csv or json) to `out` as its rows come, never holding
    them all: `rows` gives them afresh each time it is called (a table reads them twice, first
    for its columns' widths). Returns the number of rows."""
    if form == "csv":
        return write_csv(rows(), columns, out)
    if form == "json":
        count = write_json(rows(), out)
        out.write("\n")
        return count
    widths = table_widths(rows(), columns)
    if not any(True for _ in rows()):
        out.write("No answers match.\n")
        return 0
    return write_table(rows(), columns, widths, out)


def to_csv(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    """CSV with a header row (see `write_csv`)."""
    out = io.StringIO()
    write_csv(rows, columns, out)
    return out.getvalue()


def write_csv(rows: Iterable[dict[str, Any]], columns: Sequence[str], out: TextIO) -> int:
    """Write CSV with a header row, every cell through `spreadsheet_cell` (the only CSV writer:
    a new CSV output uses it), row by row; return the number of rows."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([spreadsheet_cell(column) for column in columns])
    count = 0
    for row in rows:
        writer.writerow([spreadsheet_cell(row[column]) for column in columns])
        count += 1
    return count


def to_json(rows: Iterable[dict[str, Any]]) -> str:
    """The rows as a JSON list of objects (see `write_json`)."""
    out = io.StringIO()
    write_json(rows, out)
    return out.getvalue()


def write_json(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write the rows as a JSON list of objects, indented, row by row; control and bidi
    characters written as `\\u` escapes (the same data, safe to print). Returns the count."""
    count = 0
    for count, row in enumerate(rows, start=1):
        item = json.dumps(row, indent=2, ensure_ascii=False).replace("\n", "\n  ")
        out.write(("[\n  " if count == 1 else ",\n  ") + terminal_safe(item, multiline=True))
    out.write("\n]" if count else "[]")
    return count


def to_table(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    """An aligned text table for the terminal (see `write_table`)."""
    kept = list(rows)
    out = io.StringIO()
    write_table(kept, columns, table_widths(kept, columns), out)
    return out.getvalue().removesuffix("\n")


def table_widths(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> list[int]:
    """Each column's width in `write_table`: its longest cell, 40 at most (a first pass over
    the rows, which are not kept)."""
    widths = [len(column) for column in columns]
    for row in rows:
        for index, column in enumerate(columns):
            widths[index] = max(widths[index], len(terminal_safe(_text(row[column]))))
    return [min(40, width) for width in widths]


def write_table(
    rows: Iterable[dict[str, Any]], columns: Sequence[str], widths: Sequence[int], out: TextIO
) -> int:
    """Write an aligned text table, row by row (long cells are cut with …), every cell
    terminal-safe; return the number of rows."""

    def line(cells: Iterable[str]) -> str:
        fitted = (
            (text if len(text) <= width else text[: width - 1] + "…").ljust(width)
            for text, width in zip(cells, widths, strict=True)
        )
        return "  ".join(fitted).rstrip() + "\n"

    out.write(line(columns))
    out.write("  ".join("-" * width for width in widths) + "\n")
    count = 0
    for row in rows:
        out.write(line(terminal_safe(_text(row[column])) for column in columns))
        count += 1
    return count


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
