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
WITH_OPTIONAL = (*FIELDS, Field("live_game_id", "live_game_id", "optional_number"))
"""The fields and a number-or-nothing column (the class game an answer was given in)."""
TRICKY = "".join(sorted(UNSAFE_CHARACTERS)) + "".join(FORMULA_STARTS) + " ,\"\\'aZ9é—Жﾟ"
texts = st.text(alphabet=st.sampled_from(TRICKY), max_size=6) | st.sampled_from(
    ["Ann", "Жанна", "O'Brien", "44, 64", "-3", " =1", "=HYPERLINK(1)", "", "None", 'say "hi"']
)
values = (
    texts
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=False)
    | st.sampled_from([0.1 + 0.2, 1e16, 1e-7, 2.5e-324, float("inf"), -0.0])
    | st.none()
    | st.binary(max_size=3)
)


def _store(rows: list[tuple[Any, ...]]) -> sqlite3.Connection:
    """The rows in an SQLite table without column types, as a damaged or hand-made store could
    hold them: any value in any column."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE answers (n, player, game_id, answer, correct, seconds, live_game_id)")
    padded = [(*row, *[None] * (7 - len(row))) for row in rows]
    db.executemany("INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?, ?)", padded)
    return db


def _batches(
    db: sqlite3.Connection, form: str, size: int, fields: tuple[Field, ...] = FIELDS
) -> list[list[tuple[Any, ...]]]:
    select = select_list(fields, form)  # type: ignore[arg-type]
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
    """Rows as `select_list(..., "csv")` gives them (a missing value is `''`, never None)."""
    db = _store([(n, *row) for n, row in enumerate(rows)])
    batches = _batches(db, "csv", size)
    assert not any(value is None for batch in batches for row in batch for value in row)
    out = io.StringIO()
    assert write_csv_plain(batches, COLUMNS, out) == len(rows)
    assert out.getvalue() == _slow_csv([row for batch in batches for row in batch])


@settings(max_examples=300, deadline=None)
@given(rows=rows_strategy, size=st.integers(1, 5))
def test_csv_batches_of_any_values_give_the_rules_bytes(
    rows: list[tuple[Any, ...]], size: int
) -> None:
    """Batches not made by `select_list` (None as itself, `None` as text, any type): the
    template's `None` and `repr` never differ from `csv.writer`'s."""
    batches = [rows[start : start + size] for start in range(0, len(rows), size)]
    out = io.StringIO()
    assert write_csv_plain(batches, COLUMNS, out) == len(rows)
    assert out.getvalue() == _slow_csv(rows)


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


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(
        st.tuples(texts | values, values, texts | values, values, values, values | st.just("null")),
        max_size=12,
    ),
    size=st.integers(1, 5),
)
def test_json_batches_with_an_optional_number_give_write_jsons_bytes(
    rows: list[tuple[Any, ...]], size: int
) -> None:
    """A number-or-nothing column: NULL is `null`, whether its batch is written by the template
    or row by row; the text "null" (which only a damaged store could hold there) stays a text,
    as `write_json` writes the stored values."""
    db = _store([(n, *row) for n, row in enumerate(rows)])
    batches = _batches(db, "json", size, WITH_OPTIONAL)
    out = io.StringIO()
    assert write_json_plain(batches, WITH_OPTIONAL, out) == len(rows)
    expected = io.StringIO()
    plain = [
        {
            **{
                field.name: value == "true" if field.kind == "flag" else value
                for field, value in zip(FIELDS, got[1:-1], strict=True)
            },
            "live_game_id": None if stored[-1] is None else got[-1],
        }
        for stored, got in zip(rows, [row for batch in batches for row in batch], strict=True)
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


def test_each_batch_takes_the_fastest_way_that_gives_the_rules_bytes(monkeypatch: Any) -> None:
    """A clean batch is written by the template; a comma, a quote or None sends its batch to
    `csv.writer` (the cell quoted or empty, not neutralised); a formula sends its batch on to
    the rule, cell by cell. `None` as text is text: the template writes it."""
    ways: list[str] = []
    rule_calls: list[Any] = []

    def spied(name: str) -> Any:
        check = getattr(report_output, name)

        def spy(*args: Any) -> bool:
            passed = bool(check(*args))
            ways.append(f"{name} {'passed' if passed else 'failed'}")
            return passed

        return spy

    def counted_cell(value: Any) -> str:
        rule_calls.append(value)
        return spreadsheet_cell(value)

    for name in ("_template_batch_unchanged", "_csv_batch_unchanged"):
        monkeypatch.setattr(report_output, name, spied(name))
    monkeypatch.setattr(report_output, "spreadsheet_cell", counted_cell)
    batches = [
        [("Ann", 1, "an answer", "yes", 4.5), ("Bo", 2, "x", "no", 0.1 + 0.2)],
        [("Cy", 3, "Astana, Almaty", "yes", 1.0), ("Di", 4, 'say "hi"', "no", 2.0)],
        [("Ed", 5, "=HYPERLINK(1)", "no", 2.25)],
        [("Fi", 6, None, "no", 3.0)],
        [("Gus", 7, "None of the above", "yes", 1.5)],
    ]
    out = io.StringIO()
    assert write_csv_plain(batches, COLUMNS, out) == 7
    template, csv_writer = "_template_batch_unchanged", "_csv_batch_unchanged"
    assert ways == [
        f"{template} passed",
        f"{template} failed",
        f"{csv_writer} passed",
        f"{template} failed",
        f"{csv_writer} failed",
        f"{template} failed",
        f"{csv_writer} passed",
        f"{template} passed",
    ]
    assert len(rule_calls) == 2 * len(COLUMNS)  # the header, and the formula's batch
    assert out.getvalue() == _slow_csv([row for batch in batches for row in batch])
    parsed = list(csv.reader(io.StringIO(out.getvalue())))
    assert parsed[2] == ["Bo", "2", "x", "no", "0.30000000000000004"]
    assert parsed[3][2] == "Astana, Almaty" and parsed[4][2] == 'say "hi"'
    assert parsed[5][2] == "'=HYPERLINK(1)" and parsed[6][2] == ""
    assert parsed[7][2] == "None of the above"


def test_a_blob_in_a_text_column_writes_as_write_json_does(monkeypatch: Any) -> None:
    """A blob where a text belongs (a damaged store) fails the JSON guard: its batch, and only
    its batch, is written the slow way, as `write_json` writes it (`default=str`)."""
    rows = [
        (0, "Ann", 1, "an answer", 1, 4.5),
        (1, "Bo", 2, "x", 0, 2.25),
        (2, b"Cy", 3, b'say "hi"', 1, 1.0),
        (3, "Di", 4, b"\x00\xff", 0, 3.0),
        (4, "Ed", 5, "x", 1, 1.5),
    ]
    expected = io.StringIO()
    write_json(
        [
            dict(zip(COLUMNS, (row[1], row[2], row[3], row[4] == 1, row[5]), strict=True))
            for row in rows
        ],
        expected,
    )
    slow_rows: list[Any] = []
    original = report_output._json_item

    def counted(row: dict[str, Any], first: bool) -> str:
        slow_rows.append(row)
        return original(row, first)

    monkeypatch.setattr(report_output, "_json_item", counted)
    out = io.StringIO()
    assert write_json_plain(_batches(_store(rows), "json", 2), FIELDS, out) == len(rows)
    assert out.getvalue() == expected.getvalue()
    assert '"player": "b\'Cy\'"' in out.getvalue()
    assert [row["game_id"] for row in slow_rows] == [3, 4]
