"""The fast report writers give the same bytes as the rule applied cell by cell.

`write_csv_plain` and `write_json_plain` write whole batches with the C writers and check each
batch's text; these tests feed them what a hostile store could hold (formulas, control and bidi
characters, quotes, commas, line breaks, full-width forms, odd types) and compare with the
slow way: every cell through `spreadsheet_cell`, every JSON row through `write_json`.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.engine import report_output
from quiz.engine.report_output import (
    FORMULA_STARTS,
    Field,
    select_list,
    spreadsheet_cell,
    write_csv_plain,
    write_json,
    write_json_plain,
)
from quiz.engine.terminal_safety import UNSAFE_CHARACTERS

FIELDS = (
    Field("player", "player", "text"),
    Field("game_id", "game_id", "number"),
    Field("answer", "answer", "text"),
    Field("correct", "correct", "flag"),
    Field("seconds", "seconds", "number"),
)
COLUMNS = tuple(field.name for field in FIELDS)
TRICKY = "".join(sorted(UNSAFE_CHARACTERS)) + "".join(FORMULA_STARTS) + " ,\"\\'aZ9é—Жﾟ"
texts = st.text(alphabet=st.sampled_from(TRICKY), max_size=6) | st.sampled_from(
    ["Ann", "Жанна", "O'Brien", "44, 64", "-3", " =1", "=HYPERLINK(1)", ""]
)
values = (
    texts
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=False)
    | st.none()
    | st.binary(max_size=3)
)


def _store(rows: list[tuple[Any, ...]]) -> sqlite3.Connection:
    """The rows in an SQLite table without column types, as a damaged or hand-made store could
    hold them: any value in any column."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE answers (n, player, game_id, answer, correct, seconds)")
    db.executemany("INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?)", rows)
    return db


def _batches(db: sqlite3.Connection, form: str, size: int) -> list[list[tuple[Any, ...]]]:
    select = select_list(FIELDS, form)  # type: ignore[arg-type]
    cursor = db.execute(f"SELECT {select} FROM answers ORDER BY n")
    batches = []
    while batch := cursor.fetchmany(size):
        batches.append(batch)
    return batches


def _slow_csv(rows: list[tuple[Any, ...]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([spreadsheet_cell(column) for column in COLUMNS])
    writer.writerows([spreadsheet_cell(value) for value in row] for row in rows)
    return out.getvalue()


rows_strategy = st.lists(
    st.tuples(texts | values, values, texts | values, values, values), max_size=12
)


@settings(max_examples=300, deadline=None)
@given(rows=rows_strategy, size=st.integers(1, 5))
def test_csv_batches_give_the_rules_bytes(rows: list[tuple[Any, ...]], size: int) -> None:
    db = _store([(n, *row) for n, row in enumerate(rows)])
    batches = _batches(db, "csv", size)
    out = io.StringIO()
    assert write_csv_plain(batches, COLUMNS, out) == len(rows)
    assert out.getvalue() == _slow_csv([row for batch in batches for row in batch])


@settings(max_examples=300, deadline=None)
@given(rows=rows_strategy, size=st.integers(1, 5))
def test_json_batches_give_write_jsons_bytes(rows: list[tuple[Any, ...]], size: int) -> None:
    db = _store([(n, *row) for n, row in enumerate(rows)])
    batches = _batches(db, "json", size)
    out = io.StringIO()
    assert write_json_plain(batches, FIELDS, out) == len(rows)
    expected = io.StringIO()
    plain = [
        {
            field.name: value == "true" if field.kind == "flag" else value
            for field, value in zip(FIELDS, row[1:], strict=True)
        }
        for batch in batches
        for row in batch
    ]
    write_json(plain, expected)
    assert out.getvalue() == expected.getvalue()


def test_clean_batches_take_the_fast_way_and_hostile_ones_the_rule(monkeypatch: Any) -> None:
    """A batch of plain text and numbers is written without calling the rule; one formula
    sends its batch (and only its batch) through it."""
    calls: list[Any] = []

    def counted(value: Any) -> str:
        calls.append(value)
        return spreadsheet_cell(value)

    monkeypatch.setattr(report_output, "spreadsheet_cell", counted)
    clean = [(n, "Ann", n, "an answer", 1, 4.5) for n in range(4)]
    hostile = [(4, "Bo", 4, "=HYPERLINK(1)", 0, 2.25), (5, "Cy", 5, "x", 1, 1.0)]
    db = _store(clean + hostile)
    out = io.StringIO()
    write_csv_plain(_batches(db, "csv", 4), COLUMNS, out)
    header = len(COLUMNS)
    assert len(calls) == header + 2 * len(COLUMNS)  # the header, then the hostile batch's cells
    assert "'=HYPERLINK(1)" in out.getvalue()
    parsed = list(csv.reader(io.StringIO(out.getvalue())))
    assert parsed[1] == ["Ann", "0", "an answer", "yes", "4.5"]
