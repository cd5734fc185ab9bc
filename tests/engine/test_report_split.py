"""A big answers report written a half by each of two processes (quiz.engine.report_split) is
the report one process writes, byte for byte: hostile values in both halves, an empty first
half, a child that fails or reads another file (this process then writes its half itself).

The fork is only safe in a process without threads, so each report runs as `quiz report` in a
fresh process, with the split lowered to 20 answers and batches of 4; the process says on
stderr how many rows the child wrote, so that a test fails if no child did."""

from __future__ import annotations

import csv
import io
import os
import re
import sqlite3
import subprocess
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from quiz.engine import report_split, reports
from quiz.engine.reports import Filters
from quiz.engine.store import Store
from tests.engine.test_review_and_reports import HOSTILE_ANSWERS

REPORT = """
import os, sys
from quiz.engine import report_split, reports
reports.SPLIT_ROWS = 20
report_split.SPLIT_FILE_BYTES = 0
reports.BATCH_ROWS = report_split.BATCH_ROWS = 4
copied = report_split.SecondHalf.copy_to
def copy_to(self, *args):
    rows = copied(self, *args)
    print(f"the child wrote {rows} rows", file=sys.stderr)
    return rows
report_split.SecondHalf.copy_to = copy_to
PATCH
from quiz.cli import main
sys.exit(main(sys.argv[1:]))
"""
"""`quiz report` in a fresh process, PATCH replaced by what a test changes."""


def answers_store(path: Path, times: list[str]) -> Store:
    """A store of one answer per time in `times` (ids in that order), by two players (Ann alone,
    Жанна in a class game), with the hostile values of the streamed-report test spread over
    both halves."""
    store = Store.open(path, now=lambda: datetime(2026, 11, 28, tzinfo=UTC)).store
    with store.transaction() as db:
        db.execute("INSERT INTO players(name, created_at) VALUES ('Ann', 'x'), ('Жанна', 'x')")
        db.execute(
            "INSERT INTO live_games(id, title, bank, questions, started_at, state)"
            " VALUES (7, 'Class', 'demo', 10, 'x', '{}')"
        )
        db.execute(
            "INSERT INTO games(player_id, bank, mode, seed, started_at, questions, live_game_id)"
            " VALUES (1, 'demo', 'practice', 1, 'x', 10, NULL), (2, 'demo', 'live', 2, 'x', 10, 7)"
        )
        for n, time in enumerate(times):
            db.execute(
                "INSERT INTO answers(game_id, bank, question_id, question_hash, topic,"
                " difficulty, answer, correct, points, seconds, hint_used, answered_at)"
                " VALUES (?, 'demo', ?, 'h', 'Trade', 'easy', 'an answer', ?, 100, 4.5, ?, ?)",
                (1 + n % 2, f"q{n}", n % 3 == 0, n % 5 == 0, time),
            )
        for n, (column, value) in HOSTILE_ANSWERS.items():
            db.execute(f"UPDATE answers SET {column} = ? WHERE question_id = ?", (value, f"q{n}"))
    return store


def in_one_process(store: Store, form: str, filters: Filters | None = None) -> str:
    """The report as one process writes it."""
    out = io.StringIO()
    reports.write_answers(store, filters or Filters(), form, out)  # type: ignore[arg-type]
    return out.getvalue()


def in_two(home: Path, form: str, patch: str = "", *more: str) -> tuple[str, str]:
    """`quiz report --format FORM -o FILE` in a fresh process: the file's text, and stderr."""
    target = home / f"report.{form}"
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            REPORT.replace("PATCH", patch),
            "report",
            "--format",
            form,
            "-o",
            str(target),
            "--force",
            *more,
        ],
        env={**os.environ, "QUIZ_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return target.read_bytes().decode("utf-8-sig"), done.stderr


def times_in_order(count: int) -> list[str]:
    """Answer times as a class's come: in id order, a few out of it (recorded late)."""
    times = [f"2026-11-28T09:{n // 2:02}:00Z" for n in range(count)]
    times[3], times[20] = times[20], times[3]
    return times


forks = pytest.mark.skipif(
    sys.platform != "linux"
    or not os.path.isdir("/proc/self/task")
    or len(os.sched_getaffinity(0)) < 2,
    reason="the report is split only on Linux with a second core",
)


@forks
@pytest.mark.parametrize("form", ["csv", "json"])
def test_a_report_in_two_halves_is_the_report_in_one(tmp_path: Path, form: str) -> None:
    store = answers_store(tmp_path / "quiz.db", times_in_order(30))
    expected = in_one_process(store, form)
    written, said = in_two(tmp_path, form)
    # Split at id 15, halfway between 1 and 30: the child writes 15 and those after its time,
    # the 3rd (recorded late) but not the 21st (recorded early).
    assert "the child wrote 16 rows" in said
    assert written == expected
    assert "30 rows written" in said


@forks
def test_a_banks_report_is_split_the_same_way(tmp_path: Path) -> None:
    """Only a bank's answers: the split key is the same, the halves are its answers before and
    after it. Answers since a date are not split (all late ones, the child would write them
    all)."""
    store = answers_store(tmp_path / "quiz.db", times_in_order(30))
    written, said = in_two(tmp_path, "csv", "", "--bank", "demo")
    assert "the child wrote 16 rows" in said
    assert written == in_one_process(store, "csv", Filters(bank="demo"))
    since = "2026-11-28T09:04:00Z"
    written, said = in_two(tmp_path, "csv", "", "--since", since)
    assert "the child wrote" not in said
    assert written == in_one_process(store, "csv", Filters(since=reports.parse_since(since)))
    assert written.count("\r\n") == 1 + 30 - 8


def drop_time(path: Path, ids: list[int]) -> None:
    """Answers with no time, as a damaged store can hold (the schema's NOT NULL edited out)."""
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA writable_schema = ON")
        (schema,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'answers'").fetchone()
        loose = schema.replace("answered_at TEXT NOT NULL", "answered_at TEXT")
        assert loose != schema
        db.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'answers'", (loose,))
    with sqlite3.connect(path) as db:
        db.executemany("UPDATE answers SET answered_at = NULL WHERE id = ?", [(i,) for i in ids])
    sqlite3.connect(path).close()


@forks
@pytest.mark.parametrize(("timeless", "childs"), [([2, 25], 15), ([15], 0)])
def test_answers_with_no_time_are_neither_lost_nor_moved(
    tmp_path: Path, timeless: list[int], childs: int
) -> None:
    """A damaged store's answers with no time come first, as one process writes them (the
    25th goes to the first half); when the split's own answer has none, the first half is the
    whole report."""
    answers_store(tmp_path / "quiz.db", times_in_order(30)).close()
    drop_time(tmp_path / "quiz.db", timeless)
    store = Store.open(tmp_path / "quiz.db").store
    expected = in_one_process(store, "csv")
    times = [row[11] for row in csv.reader(io.StringIO(expected))][1:]
    assert times.count("") == len(timeless)
    written, said = in_two(tmp_path, "csv")
    assert f"the child wrote {childs} rows" in said
    assert written == expected


@forks
def test_an_empty_first_half_still_makes_one_json_list(tmp_path: Path) -> None:
    """The middle answer by id is the earliest: every answer is in the child's half, and its
    first row opens the list."""
    times = ["2026-11-28T10:00:00Z"] * 30
    times[14] = "2026-11-28T09:00:00Z"  # id 15
    store = answers_store(tmp_path / "quiz.db", times)
    expected = in_one_process(store, "json")
    written, said = in_two(tmp_path, "json")
    assert "the child wrote 30 rows" in said
    assert written == expected and written.startswith("[\n  {")


@forks
@pytest.mark.parametrize(
    "patch",
    [
        "report_split._write_half = lambda *args: 1",  # the child fails
        "report_split._write_half = lambda *args: os.kill(os.getpid(), 9)",  # it is killed
        "report_split.identity_of = lambda path: report_split.FileIdentity(0, 0)",  # other file
    ],
)
@pytest.mark.parametrize("form", ["csv", "json"])
def test_without_the_childs_half_this_process_writes_it(
    tmp_path: Path, patch: str, form: str
) -> None:
    store = answers_store(tmp_path / "quiz.db", times_in_order(30))
    expected = in_one_process(store, form)
    written, said = in_two(tmp_path, form, patch)
    assert "the child wrote None rows" in said
    assert written == expected


@forks
def test_small_and_one_players_reports_are_not_split(tmp_path: Path) -> None:
    store = answers_store(tmp_path / "quiz.db", times_in_order(30))
    one_player = io.StringIO()
    reports.write_answers(store, Filters(player="Ann"), "csv", one_player)
    written, said = in_two(tmp_path, "csv", "", "--player", "Ann")
    assert "the child wrote" not in said and written == one_player.getvalue()
    written, said = in_two(tmp_path, "csv", "reports.SPLIT_ROWS = 31")
    assert "the child wrote" not in said and written == in_one_process(store, "csv")


@forks
def test_a_refused_report_lets_its_child_go(tmp_path: Path) -> None:
    """The output file exists and --force is not given: the command stops at once, and the
    child waiting for its half exits with it (the run would time out if it hung)."""
    answers_store(tmp_path / "quiz.db", times_in_order(30))
    target = tmp_path / "report.csv"
    target.write_text("kept")
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            REPORT.replace("PATCH", ""),
            "report",
            "--format",
            "csv",
            "-o",
            str(target),
        ],
        env={**os.environ, "QUIZ_HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0 and "report.csv" in done.stderr
    assert target.read_text() == "kept"


def test_no_fork_beside_a_running_thread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A forked child would inherit the locks another thread holds: with a thread running,
    one process writes the report."""
    monkeypatch.setattr(report_split, "SPLIT_FILE_BYTES", 0)
    store = tmp_path / "quiz.db"
    store.write_bytes(b"")
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not report_split.fork_is_safe()
        assert report_split.SecondHalf.fork(reports.second_half_writer("csv"), store) is None
    finally:
        stop.set()
        thread.join()


def test_answers_are_only_ever_added() -> None:
    """What makes the two halves' snapshots hold the same answers: no SQL in the program
    changes or deletes an answer (a recorded answer is history)."""
    package = Path(reports.__file__).parent.parent
    changing = re.compile(r"\b(UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+answers\b", re.IGNORECASE)
    found = [
        f"{path.relative_to(package)}: {match.group()}"
        for path in sorted(package.rglob("*.py"))
        for match in changing.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []
    assert changing.search("UPDATE answers SET answer = 'x'")  # the search finds one


def printed(home: Path, form: str, patch: str = "") -> str:
    """`quiz report --format FORM` to standard output (terminal-safe), in a fresh process."""
    return subprocess.run(
        [sys.executable, "-c", REPORT.replace("PATCH", patch), "report", "--format", form],
        env={**os.environ, "QUIZ_HOME": str(home)},
        capture_output=True,
        timeout=60,
        check=True,
    ).stdout.decode()


@forks
@pytest.mark.parametrize("form", ["csv", "json"])
def test_the_childs_half_printed_keeps_its_line_ends(tmp_path: Path, form: str) -> None:
    """Printed, the child's half is copied in pieces of 7 characters: a `\r\n` cut in two
    would reach the terminal-safe output as a lone `\r`, written `\x0d`."""
    answers_store(tmp_path / "quiz.db", times_in_order(30))
    one = printed(tmp_path, form, "report_split.fork_is_safe = lambda: False")
    two = printed(tmp_path, form, "report_split._COPY_CHARACTERS = 7")
    assert two == one and "\\x0d" not in two


@forks
def test_a_key_that_is_bytes_still_splits(tmp_path: Path) -> None:
    """The split answer's time is a blob (a damaged store): the key goes to the child as it
    is, and the report is the one a single process writes."""
    store = answers_store(tmp_path / "quiz.db", times_in_order(30))
    with store.transaction() as db:
        db.execute("UPDATE answers SET answered_at = X'41' WHERE id = 15")
    written, said = in_two(tmp_path, "json")
    assert "the child wrote" in said and "None rows" not in said
    assert written == in_one_process(store, "json")


@forks
def test_an_answer_recorded_during_the_report_is_in_neither_half(tmp_path: Path) -> None:
    """A game records an answer after the split is made, before either half is read: both
    halves read up to the split's highest id, so the report is the store as it was."""
    store = answers_store(tmp_path / "quiz.db", times_in_order(30))
    expected = in_one_process(store, "csv")
    record = """
import sqlite3
started = report_split.SecondHalf.start
def start(self, path, sql, parameters):
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO answers(game_id, bank, question_id, question_hash, topic,"
                   " difficulty, answer, correct, points, seconds, hint_used, answered_at)"
                   " VALUES (1, 'demo', 'late', 'h', 'Trade', 'easy', 'recorded late', 1, 100,"
                   " 1.0, 0, '2026-11-28T23:00:00Z')")
    started(self, path, sql, parameters)
report_split.SecondHalf.start = start
"""
    written, said = in_two(tmp_path, "csv", record)
    assert "the child wrote 16 rows" in said
    assert written == expected
    assert "recorded late" in in_one_process(store, "csv")  # it was recorded


@forks
def test_a_damaged_store_is_replaced_as_when_one_process_reads_it(tmp_path: Path) -> None:
    """The answers table's first page is broken: the split's seeks fail, so the report is not
    split, and the damaged file is moved aside and the report is empty, as always."""
    path = tmp_path / "quiz.db"
    answers_store(path, times_in_order(30)).close()
    with sqlite3.connect(path) as db:
        (root,) = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'answers'").fetchone()
        (size,) = db.execute("PRAGMA page_size").fetchone()
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    data[(root - 1) * size : (root - 1) * size + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))
    written, said = in_two(tmp_path, "csv")
    assert "damaged" in said and "Traceback" not in said
    assert (
        written == "player,game_id,bank,question_id,topic,difficulty,answer,correct,points,"
        "seconds,hint_used,answered_at,live_game_id\r\n"
    )
    assert list(tmp_path.glob("quiz.db.corrupt-*")) or list(tmp_path.glob("*corrupt*"))


@forks
def test_a_second_half_dismissed_or_stopped_is_reaped(tmp_path: Path) -> None:
    """A child never told its half exits when let go; one told and not waited for (the report
    failed) is stopped: either way it is reaped, and nothing waits for it."""
    answers_store(tmp_path / "quiz.db", times_in_order(30)).close()
    script = f"""
import os, time
from pathlib import Path
from quiz.engine import report_split
store = Path({str(tmp_path / "quiz.db")!r})
report_split.SPLIT_FILE_BYTES = 0
def slow(batches, out):
    time.sleep(30)
    return 0
idle = report_split.SecondHalf.fork(slow, store)
pid = idle._pid
idle.dismiss()
try:
    os.waitpid(pid, os.WNOHANG)
except ChildProcessError:
    print("let go, reaped")
busy = report_split.SecondHalf.fork(slow, store)
pid = busy._pid
busy.start(store, "SELECT 1", [])
began = time.monotonic()
busy.dismiss()
try:
    os.waitpid(pid, os.WNOHANG)
except ChildProcessError:
    print(f"stopped, reaped in {{time.monotonic() - began:.0f}} s")
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.splitlines() == ["let go, reaped", "stopped, reaped in 0 s"]
