"""What the store tells teachers and players: leaderboards, every answer, and each question's
results with its most-picked wrong answers (the class's misconceptions)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import partial
from typing import Any, Literal, TextIO

from quiz.engine.report_output import (
    BATCH_ROWS,
    Field,
    close_json,
    select_list,
    write_csv_plain,
    write_json_plain,
)
from quiz.engine.report_output import to_csv as to_csv
from quiz.engine.report_output import to_json as to_json
from quiz.engine.report_output import to_table as to_table
from quiz.engine.report_output import write_report as write_report
from quiz.engine.report_split import SPLIT_ROWS, Batches, SecondHalf, WriteRows
from quiz.engine.store import Store, StoreError, timestamp

ANSWER_FIELDS = (
    Field("player", "p.name", "text"),
    Field("game_id", "a.game_id", "number"),
    Field("bank", "a.bank", "text"),
    Field("question_id", "a.question_id", "text"),
    Field("topic", "a.topic", "text"),
    Field("difficulty", "a.difficulty", "text"),
    Field("answer", "a.answer", "text"),
    Field("correct", "a.correct", "flag"),
    Field("points", "a.points", "number"),
    Field("seconds", "a.seconds", "number"),
    Field("hint_used", "a.hint_used", "flag"),
    Field("answered_at", "a.answered_at", "text"),
    Field("live_game_id", "g.live_game_id", "optional_number"),
)
"""The columns of the answers report: one row per answer. `live_game_id` is the class game the
answer was given in (`quiz report --game` takes it), empty for a game played alone; it comes
last, so that a spreadsheet made from the report before it had the column reads the same."""
ANSWER_COLUMNS = tuple(field.name for field in ANSWER_FIELDS)
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


_ANSWERS_FROM = (
    " FROM answers a JOIN games g ON g.id = a.game_id JOIN players p ON p.id = g.player_id"
    " WHERE {condition} ORDER BY a.answered_at, a.id"
)
"""The answers report's FROM, WHERE (its condition to fill in) and ORDER BY."""


def answer_rows(store: Store, filters: Filters) -> Iterator[dict[str, Any]]:
    """`answers_report`'s rows one at a time, read from the store as they are written out: a
    year of a class's answers is never held in memory whole."""
    condition, parameters = filters.where()
    columns = ", ".join(f"{field.sql} AS {field.name}" for field in ANSWER_FIELDS)
    rows = store.rows(f"SELECT {columns}" + _ANSWERS_FROM.format(condition=condition), parameters)
    for row in rows:
        yield {**dict(row), "correct": bool(row["correct"]), "hint_used": bool(row["hint_used"])}


def write_answers(
    store: Store,
    filters: Filters,
    form: Literal["csv", "json"],
    out: TextIO,
    second_half: SecondHalf | None = None,
) -> int:
    """The answers report as CSV or JSON, the same as `write_report` writes from
    `answer_rows`, at the speed of the C writers: rows straight from SQLite, a batch at a time
    (see quiz.engine.report_output). With `second_half` (a forked child, see
    quiz.engine.report_split), a big report is written a half by each process. Returns the
    number of rows."""
    condition, parameters = filters.where()
    select = f"SELECT {select_list(ANSWER_FIELDS, form)}"
    split = _split_at(store, filters) if second_half else None
    if second_half is None or split is None:
        if second_half:
            second_half.dismiss()
        sql = select + _ANSWERS_FROM.format(condition=condition)
        count = _write_part(form, store.batches(sql, parameters, BATCH_ROWS), out, written=0)
        return _finish(form, out, count)
    # Each answer in one half, in the report's order: the key compared as stored (`+` drops the
    # column's affinity, as ORDER BY does), and one with no time (a damaged store) in the
    # first half, where ORDER BY puts it, not in neither (its comparison is NULL).
    at_or_after = "(+a.answered_at, a.id) >= (?, ?)"
    before, after = (
        select + _ANSWERS_FROM.format(condition=f"{condition} AND a.id <= ? AND {key}")
        for key in (f"({at_or_after}) IS NOT TRUE", at_or_after)
    )
    parameters = [*parameters, *split]
    try:
        second_half.start(store.path, after, parameters)
        count = _write_part(form, store.batches(before, parameters, BATCH_ROWS), out, written=0)
        read = store.identity  # the file the first half came from (replaced, if damaged)
        opening = _json_opening if form == "json" and count == 0 else str
        rest = second_half.copy_to(out, read, opening)
        if rest is None:  # the child failed, or read another file: this process writes it
            second = store.batches(after, parameters, BATCH_ROWS)
            rest = _write_part(form, second, out, written=count, first=False)
            if store.identity != read:
                raise StoreError(
                    f"the scores file {store.path} was replaced while the report was written"
                    " (another game found it damaged); run the report again"
                )
        return _finish(form, out, count + rest)
    finally:
        second_half.dismiss()


def _write_part(
    form: Literal["csv", "json"], batches: Batches, out: TextIO, written: int, first: bool = True
) -> int:
    """Rows of the answers report, after `written` rows: the first part with the CSV header,
    a JSON list left open (`_finish` ends it). Returns how many."""
    if form == "csv":
        return write_csv_plain(batches, ANSWER_COLUMNS, out, header=first)
    return write_json_plain(batches, ANSWER_FIELDS, out, written=written, close=False)


def _finish(form: Literal["csv", "json"], out: TextIO, count: int) -> int:
    """End the answers report of `count` rows (a JSON list is closed); return the count."""
    if form == "json":
        close_json(out, count)
        out.write("\n")
    return count


def second_half_writer(form: Literal["csv", "json"]) -> WriteRows:
    """How the child of quiz.engine.report_split writes the second half of the answers
    report: rows alone, none first."""
    return partial(_write_part, form, written=1, first=False)


def _json_opening(text: str) -> str:
    """The second half's first text as the report's first (the first half was empty): `[`
    in place of the separating `,`."""
    return "[" + text.removeprefix(",")


def _split_at(store: Store, filters: Filters) -> tuple[int, Any, int] | None:
    """Where to split the answers report in two (None if it is too small to be worth it, or
    the file cannot tell): the highest answer id now, and the key (answered_at, id) of the
    answer halfway between the lowest and highest ids. Ids rise as answers are recorded, about
    in time order, so the halves come out about even: three seeks by id, where a count would
    take longer than the fork saves. A bank's answers are spread over the year, and split as
    evenly; one player's, one game's or those since a date are not split (few, or all late).

    Read before the store's integrity check has said anything: a damaged file that fails
    here is not split, and the report reads it as one process does (replaced, as at open)."""
    if filters.player is not None or filters.game is not None or filters.since is not None:
        return None
    try:
        lowest, highest = store.query(
            "SELECT (SELECT min(id) FROM answers), (SELECT max(id) FROM answers)"
        )[0]
        if not isinstance(lowest, int) or not isinstance(highest, int):
            return None  # no answers, or ids that are not numbers (a damaged store)
        if highest - lowest + 1 < SPLIT_ROWS:
            return None
        middle = store.query(
            "SELECT answered_at, id FROM answers WHERE id >= ? ORDER BY id LIMIT 1",
            ((lowest + highest) // 2,),
        )
    except sqlite3.DatabaseError:
        return None
    if not middle:
        return None
    return highest, middle[0][0], int(middle[0][1])


def question_report(store: Store, filters: Filters) -> list[dict[str, Any]]:
    """Per question: answered, right, share right and each wrong answer's count; hardest first."""
    condition, parameters = filters.where()
    rows = store.rows(  # counted by SQLite: a row per question and answer, not per answer given
        "SELECT a.bank, a.question_id, a.topic, a.difficulty, a.answer, a.correct != 0 AS correct,"
        " count(*) AS times"
        " FROM answers a JOIN games g ON g.id = a.game_id JOIN players p ON p.id = g.player_id"
        f" WHERE {condition} GROUP BY a.bank, a.question_id, a.answer, a.correct != 0",
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
        entry["answered"] += row["times"]
        if row["correct"]:
            entry["right"] += row["times"]
        else:
            entry["wrong_answers"][row["answer"]] = row["times"]
    result = []
    for entry in questions.values():
        entry["share_right"] = round(entry["right"] / entry["answered"], 3)
        entry["wrong_answers"] = dict(
            sorted(entry["wrong_answers"].items(), key=lambda kv: (-kv[1], kv[0]))
        )
        result.append(entry)
    result.sort(key=lambda e: (e["share_right"], -e["answered"], e["bank"], e["question_id"]))
    return [{column: entry[column] for column in QUESTION_COLUMNS} for entry in result]


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
