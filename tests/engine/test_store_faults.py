"""The store against bad files and crowds: every shape of bad scores file gives one clear line
(or the documented move aside, data kept), and many games at once never scatter or lose answers.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from quiz.cli import main
from quiz.engine.games import new_session
from quiz.engine.loader import load_bank
from quiz.engine.model import Bank
from quiz.engine.paths import store_path
from quiz.engine.recording import GameRecorder
from quiz.engine.reports import ANSWER_COLUMNS
from quiz.engine.session import GameSettings
from quiz.engine.store import MIGRATIONS, SCHEMA_VERSION, Store, StoreError
from quiz.engine.storeschema import COLUMNS, columns_made_by_migrations
from tests.engine.test_store import _damage_a_page_deep_inside

DATA = Path(__file__).parent.parent / "data"
ROOT = Path(__file__).parent.parent.parent


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(DATA / "demo.yaml")


def _sqlite_file(path: Path, script: str, version: int) -> None:
    connection = sqlite3.connect(path)
    connection.executescript(script)
    connection.execute(f"PRAGMA user_version = {version}")
    connection.commit()
    connection.close()


def _store_with_a_game(path: Path) -> None:
    """A real store holding one finished game of Ann's (what a teacher must not lose)."""
    store = Store.open(path).store
    game = store.start_game("Ann", "demo", "practice", 1, 5)
    store.finish_game(game)
    store.close()


def _negative_version(path: Path) -> None:
    _store_with_a_game(path)
    _sqlite_file(path, "", -5)


def _tables_missing(path: Path) -> None:
    _sqlite_file(path, "CREATE TABLE players (id INTEGER PRIMARY KEY, name TEXT);", 1)


def _column_missing(path: Path) -> None:
    script = MIGRATIONS[0].replace("hint_used INTEGER NOT NULL,", "")
    assert script != MIGRATIONS[0]
    _sqlite_file(path, script, SCHEMA_VERSION)


def _newer_version(path: Path) -> None:
    _store_with_a_game(path)
    _sqlite_file(path, "", SCHEMA_VERSION + 1)


def _somebody_elses_database(path: Path) -> None:
    _sqlite_file(path, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');", 0)


def _not_sqlite(path: Path) -> None:
    path.write_bytes(b"this is not a database, but somebody's precious scores\n" * 100)


def _zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


def _a_folder(path: Path) -> None:
    path.mkdir()
    (path / "inside.txt").write_text("a folder named like the store")


def _a_fifo(path: Path) -> None:
    os.mkfifo(path)


def _unreadable(path: Path) -> None:
    _store_with_a_game(path)
    path.chmod(0)


MOVED = "moved aside"
REFUSED = "refused"
USED = "used"

BAD_STORES: dict[str, tuple[Callable[[Path], None], str, str]] = {
    "negative version": (_negative_version, MOVED, "damaged"),
    "version 1, tables missing": (_tables_missing, MOVED, "damaged"),
    "current version, a column missing": (_column_missing, MOVED, "damaged"),
    "not SQLite": (_not_sqlite, MOVED, "damaged"),
    "newer version": (_newer_version, REFUSED, "newer version of quiz"),
    "somebody else's database": (_somebody_elses_database, REFUSED, "not a quiz scores file"),
    "a folder": (_a_folder, REFUSED, "is a folder"),
    "a FIFO": (_a_fifo, REFUSED, "not a regular file"),
    "unreadable": (_unreadable, REFUSED, "permission denied"),
    "zero bytes": (_zero_bytes, USED, ""),
}


def _snapshot(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() and os.access(path, os.R_OK) else None


@pytest.mark.parametrize("shape", BAD_STORES)
def test_every_bad_store_gives_one_line_or_is_moved_aside(
    shape: str, capsys: pytest.CaptureFixture[str]
) -> None:
    make, outcome, words = BAD_STORES[shape]
    if shape == "unreadable" and os.geteuid() == 0:
        pytest.skip("root reads every file")
    path = store_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    make(path)
    before = _snapshot(path)
    for number, command in enumerate((["scores"], ["report"])):
        code = main(command)
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        if outcome == REFUSED:
            assert code == 1, err
            assert len(err.strip().splitlines()) == 1, err
            assert err.startswith("quiz: ") and words in err and str(path) in err
            assert _snapshot(path) == before  # left alone
        else:
            assert code == 0, err
            if outcome == MOVED and number == 0:
                assert len(err.strip().splitlines()) == 1, err
                assert words in err and "moved to" in err
            else:
                assert err == ""
    moved = sorted(path.parent.glob("quiz.db.corrupt-*[0-9]"))
    if outcome == MOVED:
        assert len(moved) == 1  # moved by the first command; the second used the new store
        assert moved[0].read_bytes() == before  # every byte kept
    else:
        assert moved == []


@pytest.mark.parametrize("shape", BAD_STORES)
def test_a_game_on_every_bad_store_plays_and_says_why(shape: str, bank: Bank) -> None:
    make, outcome, words = BAD_STORES[shape]
    if shape == "unreadable" and os.geteuid() == 0:
        pytest.skip("root reads every file")
    path = store_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    make(path)
    recorder = GameRecorder.open(path)
    session = new_session(
        [bank], GameSettings(players=("Kim",), seed=1, count=None), observers=[recorder]
    )
    recorder.prepare()
    while not session.finished:
        session.answer("anything")
        session.advance()
    messages = recorder.take_messages() + recorder.close()
    if outcome == REFUSED:
        assert any(m.startswith("Results are not being saved") and words in m for m in messages)
    else:
        assert not any("not being saved" in m for m in messages), messages
        store = Store.open(path).store
        (game,) = store.query("SELECT asked, ended_at FROM games")
        assert game["asked"] == 5 and game["ended_at"] is not None


def test_a_new_file_appears_only_once_it_is_a_whole_store(tmp_path: Path) -> None:
    """Nobody can open a new store half made: before, twelve games creating it at once each
    switched it to WAL and migrated it, and SQLite refused one of them at once (a lock upgrade
    it saw could deadlock), so that game counted the file as locked (1 run in 27)."""
    path = tmp_path / "new.db"
    seen: list[tuple[int, int, str]] = []
    opening = threading.Thread(target=lambda: Store.open(path).store.close())
    opening.start()
    while opening.is_alive() or not seen:
        if path.exists():
            connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                seen.append(
                    (
                        path.stat().st_size,
                        connection.execute("PRAGMA user_version").fetchone()[0],
                        connection.execute("PRAGMA journal_mode").fetchone()[0],
                    )
                )
            finally:
                connection.close()
            break
    opening.join()
    size, version, mode = seen[0]
    assert size > 0 and version == SCHEMA_VERSION and mode == "wal"


OPEN_AND_PLAY = """
import sys, time
from pathlib import Path
from quiz.engine.loader import load_bank
from quiz.engine.recording import GameRecorder
from quiz.engine.games import new_session
from quiz.engine.session import GameSettings
store, bank, player, go = sys.argv[1:5]
for _ in range(6000):  # every process starts together, within a minute
    if Path(go).exists():
        break
    time.sleep(0.01)
recorder = GameRecorder.open(Path(store))
session = new_session([load_bank(Path(bank))], GameSettings(players=(player,), seed=1, count=None),
                      observers=[recorder])
recorder.prepare()  # as the game does once question 1 is on screen
while not session.finished:
    session.answer("anything")
    session.advance()
for line in recorder.take_messages() + recorder.close():
    print(line)
"""


def _run_together(path: Path, players: list[str], tmp_path: Path) -> list[str]:
    go = tmp_path / "go"
    children = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                OPEN_AND_PLAY,
                str(path),
                str(DATA / "demo.yaml"),
                name,
                str(go),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for name in players
    ]
    go.touch()
    outputs = []
    for child in children:
        out, err = child.communicate(timeout=180)
        assert child.returncode == 0, err
        outputs.append(out)
    return outputs


def test_many_games_on_one_damaged_store_move_it_aside_once_and_keep_every_answer(
    tmp_path: Path, bank: Bank
) -> None:
    path = tmp_path / "quiz.db"
    store = Store.open(path).store
    game = store.start_game("Old", "demo", "practice", 1, 3000)
    for _ in range(300):
        store.record_answer(game, "demo", bank.questions[0], "x" * 200, True, 1, 1.0, False)
    store.close()
    _damage_middle_page(path)
    players = [f"P{number}" for number in range(5)]
    outputs = _run_together(path, players, tmp_path)
    moved = sorted(p.name for p in tmp_path.glob("quiz.db.corrupt-*") if p.name[-1].isdigit())
    assert len(moved) == 1, moved
    assert sum("moved to" in out for out in outputs) == 1  # the one that moved it says where
    store = Store.open(path).store
    rows = store.query(
        "SELECT players.name AS name, games.asked AS asked, COUNT(answers.id) AS answers"
        " FROM games JOIN players ON players.id = games.player_id"
        " LEFT JOIN answers ON answers.game_id = games.id"
        " WHERE games.asked > 0 GROUP BY games.id ORDER BY name"
    )
    assert [(r["name"], r["asked"], r["answers"]) for r in rows] == [(p, 5, 5) for p in players]


def test_many_processes_creating_the_store_at_once_all_use_it(tmp_path: Path) -> None:
    path = tmp_path / "quiz.db"
    players = [f"P{number}" for number in range(8)]
    outputs = _run_together(path, players, tmp_path)
    assert not any("not being saved" in out for out in outputs), outputs
    store = Store.open(path).store
    assert store.query("SELECT COUNT(*) AS n FROM answers")[0]["n"] == 5 * len(players)
    assert list(tmp_path.glob("quiz.db.corrupt-*")) == []


def _damage_middle_page(path: Path) -> None:
    """Overwrite one page in the middle: the file opens, and only quick_check finds it."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    data = bytearray(path.read_bytes())
    middle = len(data) // 4096 // 2 * 4096
    data[middle : middle + 4096] = b"\xff" * 4096
    path.write_bytes(bytes(data))


def test_the_columns_checked_at_every_start_are_those_the_migrations_make() -> None:
    assert columns_made_by_migrations() == COLUMNS


@pytest.mark.parametrize(
    "sql",
    ["SELECT answer FROM answers ORDER BY answered_at", "SELECT name FROM players"],
    ids=["reads the damage", "reads around it"],
)
def test_a_query_started_during_the_check_gives_no_row_of_a_damaged_file(
    sql: str, tmp_path: Path, bank: Bank
) -> None:
    path = tmp_path / "quiz.db"
    _damage_a_page_deep_inside(path, bank)
    store = Store.open(path, check_later=True).store
    store.start_integrity_check()  # as `quiz report --format csv` does: its query starts at once
    rows = [row for batch in store.batches(sql, (), 50) for row in batch]
    assert rows == []  # the new store's: none of the damaged file's
    notice = store.take_notice()
    assert notice is not None and "damaged" in notice and "moved to" in notice
    assert len(list(tmp_path.glob("quiz.db.corrupt-*"))) == 1


@pytest.mark.parametrize("form", ["csv", "json"])
@pytest.mark.parametrize("to_file", [True, False], ids=["to a file", "printed"])
def test_a_report_of_a_damaged_file_says_so_and_shows_none_of_it(
    form: str, to_file: bool, tmp_path: Path, bank: Bank, capsys: pytest.CaptureFixture[str]
) -> None:
    """`quiz report --format csv|json` reads while the integrity check runs: damage deep in the
    file is still found before a row is written, and the report is of the new store, as when
    the check ran first."""
    path = store_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    _damage_a_page_deep_inside(path, bank)
    target = tmp_path / f"answers.{form}"
    code = main(["report", "--format", form, *(["-o", str(target)] if to_file else [])])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Traceback" not in out + err
    assert "damaged" in err and "moved to" in err
    text = target.read_text(encoding="utf-8-sig") if to_file else out
    if form == "csv":
        assert text.splitlines() == [",".join(ANSWER_COLUMNS)]
    else:
        assert json.loads(text) == []
    assert len(list(path.parent.glob("quiz.db.corrupt-*"))) == 1


def test_a_damaged_file_that_cannot_be_replaced_during_a_report_gives_one_line(
    tmp_path: Path, bank: Bank, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    _damage_a_page_deep_inside(path, bank)

    def refused(store: Store) -> None:
        raise StoreError(f"the scores file {store.path} cannot be written: read-only")

    monkeypatch.setattr(Store, "replace_damaged", refused)
    target = tmp_path / "answers.csv"
    assert main(["report", "--format", "csv", "-o", str(target)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip().splitlines() == [
        f"quiz: the scores file {path} cannot be written: read-only"
    ]
    assert not target.exists()  # nothing of the damaged file written
