"""Reports written out: CSV, JSON and aligned tables, row by row as they come from the store.

Every CSV cell goes through one rule, `spreadsheet_cell` (text from a bank, the store or a
person is never a spreadsheet formula, never a terminal escape); every JSON text is
terminal-safe. A year of a class's answers (300,000 rows) is written at the speed of the C
code that writes it: rows of plain values straight from SQLite (`write_csv_plain`,
`write_json_plain`) are written a batch at a time by one `%` template per row (`csv.writer`
when a CSV cell needs quoting), and each batch's text is then checked, as a whole and in
bytes, to be what the slow way would write (nothing to quote or escape, no unsafe character,
no cell that starts like a formula). A batch that is not is written again the slow way, cell
by cell through the rule; the ways give the same bytes (`tests/engine/test_report_output.py`).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TextIO

from quiz.engine.terminal_safety import UNSAFE_CHARACTERS, terminal_safe

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
"""What makes a spreadsheet read a cell as a formula (full-width forms included: some
spreadsheets fold them); such cells get a leading `'`."""


def _text(value: Any) -> str:
    """A value as report text: yes/no, `answer ×count` lists, numbers as written, nothing
    (None) as an empty cell (in a table as in CSV: never the word `None`)."""
    if value is None:
        return ""
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
    numbers; nothing (None) is an empty cell."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    text = terminal_safe(_text(value))
    return "'" + text if text.lstrip(" ").startswith(FORMULA_STARTS) else text


# The batch checks, made from the rule's own characters (FORMULA_STARTS, UNSAFE_CHARACTERS).
_PLAIN_BYTES = bytes(range(0x20, 0x7F)) + bytes(range(0x80, 0x100))
"""Printable ASCII and every byte of a character beyond ASCII: what a batch's bytes are left
with when these are deleted is its control characters (and CSV/JSON punctuation kept)."""
_CELL_STARTS = bytes(sorted({start.encode()[0] for start in FORMULA_STARTS}))
_CSV_STARTS_MARKED = bytes.maketrans(
    _CELL_STARTS.replace(b"\n", b"") + b"\n", b"=" * (len(_CELL_STARTS) - 1) + b","
)
"""Every byte a formula can start with (a full-width form's lead byte included) becomes `=`,
and a line end's `\n` a `,`: with the spaces, quotes and line ends' `\r` deleted first
(`_NOT_CELL_STARTS`), a cell whose first character after its spaces starts a formula shows as
`,=`."""
_NOT_CELL_STARTS = b' "\r'
"""What the rule looks past (spaces), what `csv.writer` adds (quotes) and the `\r` of each line
end, deleted before the search for `,=`. Kept, that `\r` read as a formula's start after an
empty last cell (`,\r\n`), and sent every batch of a report whose last column is often empty
cell by cell (three times slower). A `\r` inside a cell is a control character, which the
check of control characters finds before this search."""
_BEYOND_ASCII_UNSAFE = re.compile(
    "[" + "".join(re.escape(c) for c in sorted(UNSAFE_CHARACTERS) if ord(c) >= 0x80) + "]"
)
BATCH_ROWS = 2000
"""Rows written and checked at a time: large enough that the per-batch Python is negligible,
small enough that memory stays flat."""


def _csv_batch_unchanged(text: str, rows: int) -> bool:
    """True when `spreadsheet_cell` would change no cell of `text`, the CSV that `csv.writer`
    wrote for `rows` rows of plain values (text, numbers): no control character but each row's
    line end, no cell that starts with a formula's first character after its spaces (quoted
    or not), no unsafe character beyond ASCII. Cautious: a comma followed by `=` inside a cell
    is enough to send the batch the slow way."""
    data = text.encode()
    if data.translate(None, _PLAIN_BYTES) != b"\r\n" * rows:
        return False
    return _no_formula_or_unsafe(text, data.translate(_CSV_STARTS_MARKED, _NOT_CELL_STARTS))


_TEMPLATE_PLAIN_BYTES = _PLAIN_BYTES.translate(None, b',"')
"""What a batch's bytes are left with when these are deleted is its commas, quotes and control
characters: for a batch written by the CSV template that needed no quoting, the template's
commas and line ends alone."""


def _template_batch_unchanged(text: str, skeleton: bytes, batch: Sequence[tuple[Any, ...]]) -> bool:
    """True when `text`, the rows of `batch` each written by a `%s,%s,...` template whose
    commas and line end are `skeleton`, is what `csv.writer` writes and `spreadsheet_cell`
    leaves unchanged: no cell with a comma, a quote or a control character (nothing that
    `csv.writer` quotes), no None (which the template writes as `None`), and what
    `_csv_batch_unchanged` asks."""
    data = text.encode()
    if data.translate(None, _TEMPLATE_PLAIN_BYTES) != skeleton * len(batch):
        return False
    if b"None" in data and any(value is None for row in batch for value in row):
        return False
    return _no_formula_or_unsafe(text, data.translate(_CSV_STARTS_MARKED, _NOT_CELL_STARTS))


def _no_formula_or_unsafe(text: str, marked: bytes) -> bool:
    """No cell of `text` starts like a formula (in `marked`, its bytes through
    `_CSV_STARTS_MARKED` with `_NOT_CELL_STARTS` deleted), and no unsafe character beyond
    ASCII."""
    if marked.startswith(b"=") or b",=" in marked:
        return False
    return text.isascii() or _BEYOND_ASCII_UNSAFE.search(text) is None


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
    a new CSV output uses it or `write_csv_plain`), row by row; return the number of rows."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([spreadsheet_cell(column) for column in columns])
    count = 0
    for row in rows:
        writer.writerow([spreadsheet_cell(row[column]) for column in columns])
        count += 1
    return count


def write_csv_plain(
    batches: Iterable[Sequence[tuple[Any, ...]]],
    columns: Sequence[str],
    out: TextIO,
    *,
    header: bool = True,
) -> int:
    """`write_csv` for rows of plain values (text, numbers, None: what SQLite gives), in
    batches: the same bytes, at C speed. Each batch is written the fastest way that gives the
    rule's bytes: one `%s,%s,...` template per row when no cell needs quoting or the rule (the
    common case: `select_list` makes a missing value `''`); else `csv.writer`, when no cell
    needs the rule (a comma or a quote in an answer); else cell by cell through
    `spreadsheet_cell`. Without `header`, the rows alone: the rest of a report begun
    elsewhere (quiz.engine.report_split)."""
    writer = csv.writer(out, lineterminator="\r\n")
    if header:
        writer.writerow([spreadsheet_cell(column) for column in columns])
    template = ",".join(["%s"] * len(columns)) + "\r\n"
    skeleton = b"," * (len(columns) - 1) + b"\r\n"
    buffer = io.StringIO()
    quoting = csv.writer(buffer, lineterminator="\r\n")
    count = 0
    for batch in batches:
        count += len(batch)
        text = "".join(map(template.__mod__, batch))
        if len(columns) > 1 and _template_batch_unchanged(text, skeleton, batch):
            out.write(text)
            continue
        buffer.seek(0)
        buffer.truncate()
        quoting.writerows(batch)
        text = buffer.getvalue()
        if _csv_batch_unchanged(text, len(batch)):
            out.write(text)
        else:
            writer.writerows([spreadsheet_cell(value) for value in row] for row in batch)
    return count


def to_json(rows: Iterable[dict[str, Any]]) -> str:
    """The rows as a JSON list of objects (see `write_json`)."""
    out = io.StringIO()
    write_json(rows, out)
    return out.getvalue()


def _json_item(row: dict[str, Any], first: bool) -> str:
    """One row of `write_json`: anything JSON has no type for (bytes a damaged store holds) is
    written as its text."""
    item = json.dumps(row, indent=2, ensure_ascii=False, default=str).replace("\n", "\n  ")
    return ("[\n  " if first else ",\n  ") + terminal_safe(item, multiline=True)


def write_json(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write the rows as a JSON list of objects, indented, row by row; control and bidi
    characters written as `\\u` escapes (the same data, safe to print). Returns the count."""
    count = 0
    for count, row in enumerate(rows, start=1):
        out.write(_json_item(row, count == 1))
    out.write("\n]" if count else "[]")
    return count


Kind = Literal["text", "number", "optional_number", "flag"]
"""What a report column holds: text, a number, a number or nothing (empty in CSV, `null` in
JSON), or a flag (yes/no in CSV, true/false in JSON)."""


@dataclass(frozen=True)
class Field:
    """A column of a report read straight from the store: its name, its SQL expression, and
    what it holds (`Kind`)."""

    name: str
    sql: str
    kind: Kind

    def select(self, form: Literal["csv", "json"]) -> str:
        """The SQL that gives this column for `form`'s fast writer."""
        if self.kind == "optional_number" and form == "json":
            return f"ifnull({self.sql}, 'null')"  # written as it is by the template's `%s`
        if self.kind != "flag":
            return f"ifnull({self.sql}, '')" if form == "csv" else self.sql
        yes, no = ("'yes'", "'no'") if form == "csv" else ("'true'", "'false'")
        return f"CASE WHEN {self.sql} THEN {yes} ELSE {no} END"


def select_list(fields: Sequence[Field], form: Literal["csv", "json"]) -> str:
    """The SELECT list that `write_csv_plain` (form csv) or `write_json_plain` (form json)
    takes its rows from. For JSON, a first column guards the template: a backslash when a value
    is not of its column's kind (a text where a number belongs, an infinite number, None where
    a value is required), so that the batch goes the slow way; after the backslash, one mark
    per optional number, `n` where it is NULL (its cell is `ifnull`'s `'null'`, which the slow
    way must not confuse with the text "null" that only a damaged store holds there)."""
    columns = [field.select(form) for field in fields]
    if form == "csv":
        return ", ".join(columns)
    # By SQLite's order of types (NULL < numbers < text < blob), in comparisons alone: no
    # function call per value (typeof, abs), which cost more than the rest of the query.
    kinds = {
        "text": "{0} >= '' AND {0} < X''",
        "number": "{0} BETWEEN -1.7e308 AND 1.7e308",
        "optional_number": "({0} IS NULL OR {0} BETWEEN -1.7e308 AND 1.7e308)",
        "flag": "1",
    }
    guard = " AND ".join(kinds[field.kind].format(field.sql) for field in fields)
    nulls = "".join(
        f" || CASE WHEN {field.sql} IS NULL THEN 'n' ELSE '-' END"
        for field in fields
        if field.kind == "optional_number"
    )
    return ", ".join([f"CASE WHEN {guard} THEN '' ELSE '\\'{nulls} END", *columns])


def _json_template(fields: Sequence[Field]) -> str:
    """One row as `write_json` writes it after the first, with `%s`/`%r` for its guard and
    values."""
    slots = {"text": '"%s"', "number": "%r", "optional_number": "%s", "flag": "%s"}
    body = ",\n    ".join(
        f"{json.dumps(field.name).replace('%', '%%')}: {slots[field.kind]}" for field in fields
    )
    return ",\n  %s{\n    " + body + "\n  }"


_JSON_PLAIN_BYTES = _PLAIN_BYTES.translate(None, b'"\\')
_JSON_SAMPLE: dict[Kind, Any] = {"text": "a", "number": 1, "optional_number": 1, "flag": "true"}


def _json_row(fields: Sequence[Field], values: Sequence[Any]) -> dict[str, Any]:
    """A row as `select_list(fields, "json")` gave it (its guard first), as `write_json` takes
    it: flags as booleans, an optional number that was NULL as None."""
    guard, cells = values[0], values[1:]
    # A failed guard's marks, one per optional number; a passed guard saw only numbers and
    # NULLs, so there a `'null'` is `ifnull`'s.
    marks = iter(guard[1:]) if guard else None
    row = {}
    for field, value in zip(fields, cells, strict=True):
        if field.kind == "flag":
            value = value == "true"
        elif field.kind == "optional_number" and (
            next(marks) == "n" if marks is not None else value == "null"
        ):
            value = None
        row[field.name] = value
    return row


def write_json_plain(
    batches: Iterable[Sequence[tuple[Any, ...]]],
    fields: Sequence[Field],
    out: TextIO,
    *,
    written: int = 0,
    close: bool = True,
) -> int:
    """`write_json` for rows of plain values in batches, as `select_list(fields, "json")`
    gives them: the same bytes, each batch formatted by one template at C speed and checked as
    a whole (its quotes and line breaks are the template's alone, so no text needs escaping;
    no backslash, so the guard saw every value of its kind; no unsafe character beyond ASCII);
    a batch that is not is written row by row the way `write_json` writes. Returns the count.

    For a report written in parts (quiz.engine.report_split): `written` rows came before these
    (a row is written `[` first only when none did), and without `close` the list is left
    open for more (`close_json` ends it)."""
    template = _json_template(fields)
    sample = ("", *(_JSON_SAMPLE[field.kind] for field in fields))
    skeleton = (template % sample).encode().translate(None, _JSON_PLAIN_BYTES)
    count = written
    for batch in batches:
        text = "".join(map(template.__mod__, batch))
        data = text.encode()
        if data.translate(None, _JSON_PLAIN_BYTES) == skeleton * len(batch) and (
            text.isascii() or _BEYOND_ASCII_UNSAFE.search(text) is None
        ):
            out.write(("[\n" + text[2:]) if count == 0 else text)
        else:
            for index, values in enumerate(batch):
                row = _json_row(fields, values)
                out.write(_json_item(row, count + index == 0))
        count += len(batch)
    if close:
        close_json(out, count)
    return count - written


def close_json(out: TextIO, count: int) -> None:
    """End a JSON list of `count` rows written by `write_json_plain` (`[]` if there were
    none)."""
    out.write("\n]" if count else "[]")


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
